from django import forms
from django.contrib import admin
from django.forms.formsets import DELETION_FIELD_NAME
from django.forms.models import BaseInlineFormSet
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import Center, CenterText, OpeningHours


class CenterTextInline(admin.StackedInline):
    """The call to action and the reply time, one block per language."""

    model = CenterText
    extra = 0
    min_num = 1
    fields = ["language", "cta_heading", "cta_text", "response_time", "prices", "insurance"]
    verbose_name = _("texts in one language")
    verbose_name_plural = _("call to action and reply time, in each language")


class OpeningHoursForm(forms.ModelForm):
    """One day's hours, each input named for screen readers.

    A tabular inline shows the field labels only as column headings, which label no
    input (axe: "Form elements must have labels"); each input is named by its column,
    and by the day of the saved row it belongs to.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            self.name_input(field)

    def name_input(self, field):
        if field.widget.is_hidden:
            return
        label = capfirst(field.label)
        if self.instance.pk is not None and field is not self.fields.get("weekday"):
            label = gettext("%(column)s, %(day)s") % {
                "column": label,
                "day": self.instance.get_weekday_display(),
            }
        field.widget.attrs["aria-label"] = label


class OpeningHoursFormSet(BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if DELETION_FIELD_NAME in form.fields:  # added after the form's own fields
            form.name_input(form.fields[DELETION_FIELD_NAME])


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    form = OpeningHoursForm
    formset = OpeningHoursFormSet
    extra = 0
    max_num = 7


@admin.register(Center)
class CenterAdmin(admin.ModelAdmin):
    inlines = [CenterTextInline, OpeningHoursInline]
    fieldsets = [
        (None, {"fields": ["name", "phone"]}),
        (
            _("Address"),
            {"fields": ["building", "street_address", "locality", "region", "postal_code", "directions_url"]},
        ),
    ]

    def has_add_permission(self, request):
        # There is one center; its details are edited, never added twice.
        return super().has_add_permission(request) and not Center.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
