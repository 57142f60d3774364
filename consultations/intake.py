"""Receiving a request: save it first, then tell the staff.

Nothing a person sends is lost: the request is in the database before any email is
attempted, a failed email leaves it marked "notification pending" for
send_contact_notifications to retry, and sending the same form twice finds the
first request instead of making a second. What leaves the database is kept to a
minimum: the notification email names the person, how to reach them and the topic
(for a referral, only the practice), never the message; logs name only the
request's number.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from publishing.languages import reader_language

from .models import ContactRequest

logger = logging.getLogger(__name__)


def receive(form, *, kind):
    """Save a valid form as a request (once, however often it is sent) and notify staff."""
    key = form.cleaned_data["submission_key"]
    existing = ContactRequest.objects.filter(submission_key=key).first()
    if existing is not None:
        return existing
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


def notify(request):
    """Email the intake staff; on failure the request stays pending. Returns success."""
    # Staff read the site's own language, whatever language the form was sent in.
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = _notification(request)
    request.notification_attempts += 1
    try:
        send_mail(subject, body, None, settings.INTAKE_NOTIFICATION_EMAILS, fail_silently=False)
    except Exception as error:  # any mail failure: keep the request, retry later
        logger.warning("Notification for contact request #%s failed (%s).", request.pk, type(error).__name__)
        request.save(update_fields=["notification_attempts"])
        return False
    request.notification = ContactRequest.Notification.SENT
    request.save(update_fields=["notification", "notification_attempts"])
    return True


def _notification(request):
    if request.kind == ContactRequest.Kind.REFERRAL:
        subject = _("New referral from %(practice)s") % {"practice": request.referrer_practice}
        lines = [subject]
    else:
        subject = _("New consultation request")
        lines = [
            subject,
            _("Name: %(name)s") % {"name": request.name},
            _("Contact: %(route)s") % {"route": request.contact_route},
            _("Topic: %(topic)s") % {"topic": request.topic_label},
        ]
    lines.append(_("Language: %(language)s") % {"language": request.get_language_display()})
    lines += ["", _("Open it in the admin: %(url)s") % {"url": settings.SITE_URL + request.get_admin_url()}]
    return subject, "\n".join(lines)


def retry_pending():
    """Try again to notify staff of every request still pending. Returns (sent, failed)."""
    sent = failed = 0
    for request in ContactRequest.objects.notification_pending().order_by("created"):
        if notify(request):
            sent += 1
        else:
            failed += 1
    return sent, failed


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
