from django.contrib import admin
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .models import Clinician


@admin.register(Clinician)
class ClinicianAdmin(admin.ModelAdmin):
    list_display = ["name", "credentials", "role", "is_public"]
    list_filter = ["is_public"]
    search_fields = ["name", "credentials", "role"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "credentials", "slug", "role", "biography", "is_public", "order"]}),
        (_("Photo"), {"fields": ["photo", "photo_alt"]}),
        (_("In Spanish"), {"fields": ["role_es", "biography_es"]}),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "photo":
            # Django groups a file input with its "clear" box under a <legend>, which
            # names the group but not the input (axe: "Form elements must have labels").
            formfield.widget.attrs["aria-label"] = capfirst(db_field.verbose_name)
        return formfield
