import csv

from django.contrib import admin, messages
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import ContactRequest, StatusChange

REQUEST_FIELDS = ["kind", "language", *ContactRequest.PATIENT_FIELDS]
REFERRER_FIELDS = list(ContactRequest.REFERRER_FIELDS)


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    fields = ["changed_at", "old_status", "new_status", "changed_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ContactRequest)
class ContactRequestAdmin(admin.ModelAdmin):
    """Requests as the Intake team works through them: new, contacted, closed.

    What people sent cannot be edited here; only the status changes, and each change
    is recorded with who made it and when.
    """

    list_display = [
        "created",
        "kind",
        "name",
        "topic",
        "language",
        "status",
        "status_changed_at",
        "notification",
    ]
    list_filter = ["status", "kind", "topic", "language", "notification", "created"]
    search_fields = ["name", "email", "phone", "referrer_name", "referrer_practice", "referrer_email"]
    date_hierarchy = "created"
    inlines = [StatusChangeInline]
    actions = ["mark_contacted", "mark_closed", "notify_again", "export_csv"]
    readonly_fields = [
        *REQUEST_FIELDS,
        *REFERRER_FIELDS,
        "created",
        "status_changed_at",
        "status_changed_by",
        "notification",
        "notification_attempts",
        "notification_error",
        "notification_due",
        "self_check_summary",
    ]
    fieldsets = [
        (_("Status"), {"fields": ["status", "status_changed_at", "status_changed_by"]}),
        (_("Request"), {"fields": ["created", *REQUEST_FIELDS]}),
        (_("Self-check"), {"fields": ["self_check_summary"]}),
        (_("Referring clinician"), {"fields": REFERRER_FIELDS, "classes": ["collapse"]}),
        (
            _("Staff notification"),
            {"fields": ["notification", "notification_attempts", "notification_error", "notification_due"]},
        ),
    ]

    @admin.display(description=_("self-check (flags first)"))
    def self_check_summary(self, obj):
        if not obj.self_check:
            return _("No self-check was sent.")
        return format_html('<pre class="self-check">{}</pre>', obj.self_check_text)

    def has_add_permission(self, request):
        return False  # requests come from the public forms only

    def save_model(self, request, obj, form, change):
        new_status = form.cleaned_data["status"]
        obj.status = ContactRequest.objects.values_list("status", flat=True).get(pk=obj.pk)
        obj.set_status(new_status, user=request.user)

    @admin.action(description=_("Mark selected requests as contacted"), permissions=["change"])
    def mark_contacted(self, request, queryset):
        self._set_status(request, queryset, ContactRequest.Status.CONTACTED)

    @admin.action(description=_("Mark selected requests as closed"), permissions=["change"])
    def mark_closed(self, request, queryset):
        self._set_status(request, queryset, ContactRequest.Status.CLOSED)

    @admin.action(description=_("Try the staff notification again"), permissions=["change"])
    def notify_again(self, request, queryset):
        count = queryset.exclude(notification=ContactRequest.Notification.SENT).update(
            notification=ContactRequest.Notification.PENDING, notification_attempts=0, notification_due=None
        )
        self.message_user(
            request,
            _("%(count)d notification(s) will be sent at the next run.") % {"count": count},
            messages.SUCCESS,
        )

    def _set_status(self, request, queryset, status):
        for contact_request in queryset:
            contact_request.set_status(status, user=request.user)
        self.message_user(
            request, _("%(count)d request(s) updated.") % {"count": len(queryset)}, messages.SUCCESS
        )

    def has_export_permission(self, request):
        return request.user.has_perm("consultations.export_contactrequest")

    @admin.action(description=_("Export selected requests as CSV"), permissions=["export"])
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="contact-requests-{timezone.localdate():%Y-%m-%d}.csv"'
        )
        # Never cached anywhere: it holds people's details.
        response["Cache-Control"] = "private, no-store"
        columns = ["id", "created", "status", *REQUEST_FIELDS, *REFERRER_FIELDS, "self_check_text"]
        writer = csv.writer(response)
        writer.writerow(columns)
        for contact_request in queryset.order_by("created"):
            writer.writerow([_csv_safe(getattr(contact_request, column)) for column in columns])
        return response


def _csv_safe(value):
    """Values a spreadsheet would run as a formula are written as text."""
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
