from django.contrib import admin
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


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
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
