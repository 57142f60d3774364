from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

NOT_SURE = "not-sure"
REFERRER = "referrer"


class ContactRequestQuerySet(models.QuerySet):
    def notification_pending(self):
        return self.filter(notification=ContactRequest.Notification.PENDING)

    def notification_due(self, moment):
        """Pending notifications whose next attempt has come."""
        return self.notification_pending().filter(
            models.Q(notification_due__isnull=True) | models.Q(notification_due__lte=moment)
        )

    def closed_before(self, moment):
        return self.filter(status=ContactRequest.Status.CLOSED, status_changed_at__lt=moment)


class ContactRequest(models.Model):
    """A consultation request from a patient, or a referral from a clinician.

    Saved before anything else happens, so a request is never lost; seen only by the
    Intake group; deleted some time after it is closed (purge_contact_requests).
    """

    class Kind(models.TextChoices):
        CONSULTATION = "consultation", _("Consultation request")
        REFERRAL = "referral", _("Referral")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        CONTACTED = "contacted", _("Contacted")
        CLOSED = "closed", _("Closed")

    class Notification(models.TextChoices):
        PENDING = "pending", _("Not sent yet")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Could not be sent")

    class ContactMethod(models.TextChoices):
        PHONE = "phone", _("Phone call")
        EMAIL = "email", _("Email")
        EITHER = "either", _("Either is fine")

    class ContactTime(models.TextChoices):
        MORNING = "morning", _("Morning (8 a.m. to noon)")
        AFTERNOON = "afternoon", _("Afternoon (noon to 5 p.m.)")
        ANY = "any", _("Any time")

    # What a person sends, in the order staff read it: the forms, the admin and the CSV.
    PATIENT_FIELDS = (
        "name",
        "phone",
        "email",
        "preferred_method",
        "preferred_time",
        "topic",
        "message",
        "consent",
    )
    REFERRER_FIELDS = (
        "referrer_name",
        "referrer_role",
        "referrer_practice",
        "referrer_phone",
        "referrer_email",
    )

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # The person the center should contact: the patient.
    name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    preferred_method = models.CharField(
        _("preferred way to be contacted"), max_length=20, choices=ContactMethod.choices, blank=True
    )
    preferred_time = models.CharField(
        _("preferred time to be contacted"), max_length=20, choices=ContactTime.choices, blank=True
    )
    topic = models.CharField(_("topic"), max_length=100)
    # The language of the page the form was sent from, so staff reply in it.
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the page the request was sent from. Reply in this language."),
    )
    message = models.TextField(_("message"), max_length=2000, blank=True)
    consent = models.BooleanField(_("consent given"), default=False)
    # Referrals only: who refers.
    referrer_name = models.CharField(_("referrer's name"), max_length=200, blank=True)
    referrer_role = models.CharField(_("referrer's role"), max_length=100, blank=True)
    referrer_practice = models.CharField(_("practice"), max_length=200, blank=True)
    referrer_phone = models.CharField(_("referrer's phone"), max_length=40, blank=True)
    referrer_email = models.EmailField(_("referrer's email"), blank=True)

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("status changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notification = models.CharField(
        _("staff notification"), max_length=20, choices=Notification.choices, default=Notification.PENDING
    )
    notification_attempts = models.PositiveSmallIntegerField(_("notification attempts"), default=0)
    notification_error = models.CharField(_("why the notification failed"), max_length=300, blank=True)
    # Each failed attempt waits longer before the next; see intake.retry_delay().
    notification_due = models.DateTimeField(_("next notification attempt"), null=True, blank=True)
    # Generated when the form is shown: sending the same form twice (a double click,
    # a reload) finds this key and makes no second request.
    submission_key = models.UUIDField(unique=True, editable=False)
    # The self-check's answers when the patient chose to send them (selfcheck/summary.py
    # writes it, with the summary staff read); deleted with the request by the purge.
    self_check = models.JSONField(_("self-check"), default=dict, blank=True, editable=False)
    created = models.DateTimeField(_("received"), auto_now_add=True)

    objects = ContactRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        permissions = [("export_contactrequest", _("Can export contact requests as CSV"))]
        indexes = [models.Index(fields=["status", "status_changed_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    def get_admin_url(self):
        return reverse("admin:consultations_contactrequest_change", args=[self.pk])

    @property
    def topic_label(self):
        from conditions.models import Condition

        if self.topic == NOT_SURE:
            return _("Not sure yet")
        if self.topic == REFERRER:
            return _("Referring provider")
        english = Condition.objects.in_language(settings.LANGUAGE_CODE)
        title = english.filter(slug=self.topic).values_list("title", flat=True).first()
        return title or self.topic

    @property
    def contact_route(self):
        """How to reach the person, for staff: what they gave, their preference first."""
        routes = [route for route in (self.phone, self.email) if route]
        if self.preferred_method == self.ContactMethod.EMAIL:
            routes.reverse()
        return " / ".join(routes)

    @property
    def self_check_text(self):
        """The self-check as staff read it: the flags first (safety at the top), then the result,
        the scores and the answers."""
        if not self.self_check:
            return ""
        check = self.self_check
        return "\n".join(
            [*check["flags"], f"Result: {check['result_text']}", *check["scores"], "", *check["lines"]]
        )

    def set_status(self, status, *, user):
        """Move to ``status``, recording who did it and when."""
        if status == self.status:
            return
        StatusChange.objects.create(request=self, old_status=self.status, new_status=status, changed_by=user)
        self.status, self.status_changed_at, self.status_changed_by = status, timezone.now(), user
        self.save(update_fields=["status", "status_changed_at", "status_changed_by"])


class StatusChange(models.Model):
    """One step of a request's new → contacted → closed workflow. Deleted with it."""

    request = models.ForeignKey(ContactRequest, on_delete=models.CASCADE, related_name="status_changes")
    old_status = models.CharField(max_length=20, choices=ContactRequest.Status.choices)
    new_status = models.CharField(max_length=20, choices=ContactRequest.Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.get_old_status_display()} → {self.get_new_status_display()}"
