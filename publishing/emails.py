"""The editorial workflow's emails to staff: a change waits for review, was
published, or was sent back. Each carries the page's title and a link, nothing of
the page's text or of a reviewer's note (those are read in the admin, signed in),
and goes through the outbox, which retries it until it is sent.

Nobody is told about what they did themselves.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from notifications.outbox import queue


def _admin_link(page):
    opts = page._meta
    return settings.SITE_URL + reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[page.pk])


def _addresses(users, *, besides):
    return [user.email for user in users if user.is_active and user.email and user.pk != besides.pk]


def reviewers(model):
    """Active staff who may publish ``model``'s changes: the medical reviewers, or the
    superusers when there is no one else."""
    permission = f"{model._meta.app_label}.publish_{model._meta.model_name}"
    users = get_user_model().objects
    named = users.with_perm(
        permission,
        is_active=True,
        include_superusers=False,
        backend="django.contrib.auth.backends.ModelBackend",
    ).filter(is_staff=True)
    return list(named) or list(users.filter(is_active=True, is_staff=True, is_superuser=True))


def _queue(recipients, subject, lines):
    if recipients:
        queue(recipients=recipients, subject=subject, body="\n".join(lines))


def changes_waiting(page, *, by):
    """Tell the reviewers that ``page`` has changes waiting for them."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Changes wait for your review: %(title)s") % {"title": page}
        lines = [
            subject,
            "",
            _("Review and publish them, or send them back, in the admin: %(url)s")
            % {"url": _admin_link(page)},
        ]
    _queue(_addresses(reviewers(type(page)), besides=by), subject, lines)


def changes_published(page, *, authors, by):
    """Tell the editors who wrote ``page``'s waiting changes that they were published."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Your changes were published: %(title)s") % {"title": page}
        lines = [
            subject,
            "",
            _("The page as patients see it: %(url)s") % {"url": settings.SITE_URL + page.get_absolute_url()},
        ]
    _queue(_addresses(authors, besides=by), subject, lines)


def changes_sent_back(page, *, authors, by):
    """Tell the editors who wrote ``page``'s waiting changes that a reviewer sent them back."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Your changes were sent back: %(title)s") % {"title": page}
        lines = [
            subject,
            "",
            _("The reviewer's note and your changes are on the page in the admin: %(url)s")
            % {"url": _admin_link(page)},
        ]
    _queue(_addresses(authors, besides=by), subject, lines)
