from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """What was emailed to staff and whether it went; read only (superusers)."""

    list_display = ["subject", "created", "state", "attempts"]
    list_filter = ["sent_at", "created"]
    fields = [
        "subject",
        "recipients",
        "body",
        "created",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "last_error",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("state"))
    def state(self, obj):
        if obj.sent_at:
            return _("Sent")
        return _("Could not be sent") if obj.given_up else _("Waiting to be sent")
