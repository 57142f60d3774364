"""An email to staff, kept until it is sent: the outbox (see outbox.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationQuerySet(models.QuerySet):
    def due(self, now):
        """Not sent yet, not given up, and whose time to try (again) has come."""
        return self.filter(sent_at__isnull=True, next_attempt_at__lte=now)


class Notification(models.Model):
    """One email to staff: titles and links only, never what a patient or page says."""

    recipients = models.JSONField(_("recipients"), default=list)
    subject = models.CharField(_("subject"), max_length=250)
    body = models.TextField(_("body"))
    created = models.DateTimeField(_("queued"), auto_now_add=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # Empty once sent, or once given up after MAX_ATTEMPTS failures.
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    last_error = models.CharField(_("why the last attempt failed"), max_length=300, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = _("staff notification")
        verbose_name_plural = _("staff notifications")
        indexes = [models.Index(fields=["sent_at", "next_attempt_at"])]

    def __str__(self):
        return self.subject

    @property
    def given_up(self):
        return self.sent_at is None and self.next_attempt_at is None
