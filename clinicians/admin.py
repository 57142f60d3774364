from django.contrib import admin
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
