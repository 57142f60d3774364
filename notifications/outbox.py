"""Emails to staff that are saved before they are sent, and retried until they go.

queue() stores the email in the same transaction as the change it tells about (a
change rolled back tells nobody) and tries to send it once that transaction has
committed. A failure never reaches the person who saved: the email stays in the
outbox, and the send_notifications job retries it, waiting twice as long after each
failure, up to MAX_ATTEMPTS. Only titles and links travel by email.
"""

import datetime
import logging

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import Notification

logger = logging.getLogger(__name__)

# An email that failed this many times is given up (its reason kept, for the admin);
# each retry waits twice as long as the one before. Contact requests use the same.
MAX_ATTEMPTS = 6
FIRST_RETRY_DELAY = datetime.timedelta(minutes=1)


def retry_delay(attempts):
    return FIRST_RETRY_DELAY * 2 ** (attempts - 1)


def queue(*, recipients, subject, body):
    """Keep an email for ``recipients`` and send it once the current transaction commits.

    Returns the saved Notification, or None when there is nobody to tell.
    """
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return None
    notification = Notification.objects.create(
        recipients=recipients, subject=subject, body=body, next_attempt_at=timezone.now()
    )
    transaction.on_commit(lambda: send(notification.pk), robust=True)
    return notification


def send(pk):
    """Try to send one queued email. Returns success; never raises.

    The attempt is claimed first (one conditional UPDATE), so the job and the
    request that queued it never both send the same email.
    """
    now = timezone.now()
    notification = Notification.objects.filter(pk=pk).first()
    if notification is None or notification.sent_at is not None or notification.next_attempt_at is None:
        return False
    attempts = notification.attempts + 1
    claimed = Notification.objects.filter(pk=pk, sent_at__isnull=True, attempts=notification.attempts).update(
        attempts=F("attempts") + 1, next_attempt_at=now + retry_delay(attempts)
    )
    if not claimed:
        return False
    try:
        send_mail(notification.subject, notification.body, None, notification.recipients, fail_silently=False)
    except Exception as error:  # any failure: keep the email, retry later or give up
        logger.warning("Staff notification #%s failed (%s).", pk, type(error).__name__)
        Notification.objects.filter(pk=pk).update(
            last_error=f"{type(error).__name__}: {error}"[:300],
            **({"next_attempt_at": None} if attempts >= MAX_ATTEMPTS else {}),
        )
        return False
    Notification.objects.filter(pk=pk).update(sent_at=timezone.now(), next_attempt_at=None, last_error="")
    return True


def retry_pending():
    """Send each queued email whose time has come, one by one.

    Returns (sent, failed now, given up now).
    """
    sent = failed = given_up = 0
    for pk in Notification.objects.due(timezone.now()).order_by("created").values_list("pk", flat=True):
        if send(pk):
            sent += 1
        elif Notification.objects.filter(pk=pk, sent_at__isnull=True, next_attempt_at__isnull=True).exists():
            given_up += 1
        else:
            failed += 1
    return sent, failed, given_up
