"""Receiving a request: save it first, then tell the staff.

Nothing a person sends is lost: the request is in the database before any email is
attempted, a failed email leaves it marked "notification pending" for
send_contact_notifications to retry, and sending the same form twice finds the
first request instead of making a second. What leaves the database is kept to a
minimum: the notification email names the person, how to reach them and the topic
(for a referral, only the practice), never the message; logs name only the
request's number.
"""

import datetime
import hashlib
import logging
import re

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from notifications.outbox import MAX_ATTEMPTS, retry_delay
from publishing.languages import reader_language

from .models import ContactRequest

logger = logging.getLogger(__name__)


# The same request sent again within this time (Back, then Send) is the same request.
DUPLICATE_WINDOW = datetime.timedelta(hours=1)


def already_received(form, *, kind):
    """The request this form repeats, if one was received: the same form sent twice (a
    double click, a reload), or the same details and message sent again within an hour."""
    by_key = ContactRequest.objects.filter(submission_key=form.cleaned_data["submission_key"]).first()
    if by_key is not None:
        return by_key
    sent = {name: form.cleaned_data[name] for name in form.Meta.fields if name != "consent"}
    return (
        ContactRequest.objects.filter(kind=kind, created__gte=timezone.now() - DUPLICATE_WINDOW, **sent)
        .order_by("-created")
        .first()
    )


def receive(form, *, kind):
    """Save a valid form as a request (once, however often it is sent) and notify staff."""
    existing = already_received(form, kind=kind)
    if existing is not None:
        return existing
    key = form.cleaned_data["submission_key"]
    request = form.save(commit=False)
    request.kind, request.submission_key = kind, key
    request.language = reader_language()
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError:
        # The same form, sent twice at the same moment: the other one was saved.
        return ContactRequest.objects.get(submission_key=key)
    notify(request)
    return request


# A notification that failed this many times is given up (marked failed, with the
# reason, for the admin); each retry waits twice as long as the one before: the same
# schedule as every other staff email (notifications/outbox.py).
MAX_NOTIFICATION_ATTEMPTS = MAX_ATTEMPTS


def notify(request):
    """Email the intake staff about one request. Returns success.

    A failure is recorded on the request (its reason, when to try again) and never
    raised: one request that cannot be sent must not stop the others.
    """
    request.notification_attempts += 1
    try:
        # Staff read the site's own language, whatever language the form was sent in.
        with translation.override(settings.LANGUAGE_CODE):
            subject, body = _notification(request)
        send_mail(subject, body, None, settings.INTAKE_NOTIFICATION_EMAILS, fail_silently=False)
    except Exception as error:  # any failure: keep the request, retry later or give up
        logger.warning("Notification for contact request #%s failed (%s).", request.pk, type(error).__name__)
        request.notification_error = f"{type(error).__name__}: {error}"[:300]
        if request.notification_attempts >= MAX_NOTIFICATION_ATTEMPTS:
            request.notification, request.notification_due = ContactRequest.Notification.FAILED, None
        else:
            request.notification_due = timezone.now() + retry_delay(request.notification_attempts)
        request.save(update_fields=NOTIFICATION_FIELDS)
        return False
    request.notification, request.notification_error, request.notification_due = (
        ContactRequest.Notification.SENT,
        "",
        None,
    )
    request.save(update_fields=NOTIFICATION_FIELDS)
    return True


NOTIFICATION_FIELDS = ["notification", "notification_attempts", "notification_error", "notification_due"]


def _notification(request):
    """Subject and body of the staff email.

    Nothing the visitor typed goes into a header (the subject is fixed), and in the
    body it comes after the admin link, each line quoted and its links disarmed, so
    it can never pass for the site's own words or links.
    """
    if request.kind == ContactRequest.Kind.REFERRAL:
        subject = _("New referral")
        sent = [_("Practice: %(practice)s") % {"practice": request.referrer_practice}]
    else:
        subject = _("New consultation request")
        sent = [
            _("Name: %(name)s") % {"name": request.name},
            _("Contact: %(route)s") % {"route": request.contact_route},
        ]
    details = (
        []
        if request.kind == ContactRequest.Kind.REFERRAL
        else [_("Topic: %(topic)s") % {"topic": request.topic_label}]
    )
    lines = [
        f"{subject} (#{request.pk})",
        _("Open it in the admin: %(url)s") % {"url": settings.SITE_URL + request.get_admin_url()},
        *details,
        _("Language: %(language)s") % {"language": request.get_language_display()},
        # Only that it is there: the answers themselves are health details, read in the admin.
        *([_("A self-check is attached: read it in the admin.")] if request.self_check else []),
        "",
        _("What was sent, quoted as typed (not checked by anyone; do not follow links in it):"),
        *(f"> {quoted(line)}" for line in sent),
    ]
    return subject, "\n".join(lines)


def quoted(text):
    """Visitor text on one line, with web addresses disarmed so mail programs do not
    turn them into links."""
    text = " ".join(str(text).split())
    text = re.sub(r"(?i)\b([a-z][a-z0-9+.-]*):/+", r"\1[:]//", text)
    return re.sub(r"(?i)\bwww\.", "www[.]", text)


def retry_pending():
    """Try again each pending notification whose time has come, one by one.

    Returns (sent, failed now, given up now).
    """
    sent = failed = given_up = 0
    for request in ContactRequest.objects.notification_due(timezone.now()).order_by("created"):
        if notify(request):
            sent += 1
        elif request.notification == ContactRequest.Notification.FAILED:
            given_up += 1
        else:
            failed += 1
    return sent, failed, given_up


def client_key(http_request):
    """An anonymous key for the sender's address (the address itself is not stored)."""
    address = http_request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def within_rate_limit(http_request):
    """Count a submission from this address; False once it exceeds the hourly limit.

    The count lives in the cache every worker shares, so the limit holds for the site,
    not per worker. If the cache cannot count (it is down), the request is accepted:
    a patient's request matters more than the limit.
    """
    key = f"contact-rate.{client_key(http_request)}"
    try:
        cache.add(key, 0, 60 * 60)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, 60 * 60)
            count = 1
    except Exception as error:  # any cache failure: accept, and say so in the log
        logger.warning("Rate limit not counted: cache unavailable (%s).", type(error).__name__)
        return True
    return count <= settings.CONTACT_RATE_LIMIT_PER_HOUR
