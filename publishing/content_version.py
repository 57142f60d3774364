"""The content version: what cached pages and Last-Modified headers are keyed on.

One cache entry holds a random token and the time the content last changed. Any
save or deletion of content (each app's signals.py, after the transaction commits)
drops it, so the next request starts a new token: every page cached under the old
one is simply never asked for again, on every app server sharing the cache. A
scheduled page changes the site without a save, so the entry also expires at the
next scheduled publication time.
"""

import datetime
import math
import uuid

from django.core.cache import cache
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Renamed whenever what the entry holds changes, so that a new release never reads
# an older release's entry.
VERSION_KEY = "content:version:2"
MAX_AGE = 3600


def _state():
    """(token, when the content last changed, until when that holds), as timestamps:
    read on every request, and numbers read back faster than dates."""
    state = cache.get(VERSION_KEY)
    if state is not None and state[2] <= timezone.now().timestamp():
        # A scheduled page has gone live since: exactly at its time, whatever the
        # cache's own expiry (whole seconds on Redis) says.
        cache.delete(VERSION_KEY)
        state = None
    if state is None:
        last_modified, timeout = _compute()
        state = (uuid.uuid4().hex, last_modified.timestamp(), timezone.now().timestamp() + timeout)
        # add() keeps the entry another process may have just created.
        if not cache.add(VERSION_KEY, state, math.ceil(timeout)):
            state = cache.get(VERSION_KEY) or state
    return state


def content_version():
    return _state()[0]


def content_last_modified():
    return datetime.datetime.fromtimestamp(_state()[1], datetime.UTC)


def content_changed(**kwargs):
    cache.delete(VERSION_KEY)
    # Again after the commit: a request served between the save and the commit could
    # have started a new version with the old content.
    transaction.on_commit(lambda: cache.delete(VERSION_KEY))


def published_versions(model):
    """{English page's pk: {language: slug}} of the model's live pages.

    One query per content version, shared by every request: it tells which addresses
    exist (a flood of 404s never reaches the database) and where each page's other
    language versions are.
    """
    key = f"versions.{model._meta.label_lower}.{content_version()}"
    versions = cache.get(key)
    if versions is None:
        versions = {}
        rows = model.objects.published().values_list("pk", "translation_of_id", "language", "slug")
        for pk, translation_of_id, language, slug in rows:
            versions.setdefault(translation_of_id or pk, {})[language] = slug
        cache.set(key, versions, MAX_AGE)
    return versions


def published_slugs(model):
    """Slugs of the model's published pages, in any language."""
    return {slug for slugs in published_versions(model).values() for slug in slugs.values()}


class VersionedContent(models.Model):
    """Content whose every change renews the content version.

    Each app connects ``start_new_content_version`` (publishing.signals) for its
    models; the last-modified time is read from every subclass.
    """

    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True

    @classmethod
    def content_moments(cls, now):
        """(when a row last changed, when one next changes by itself or None)."""
        return cls.objects.aggregate(updated=Max("updated"))["updated"], None


def _compute():
    """When the content last changed, and how long that stays true (until the next
    scheduled page goes live)."""
    from django.apps import apps

    now = timezone.now()
    latest = [datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)]
    upcoming = []
    for model in apps.get_models():
        if issubclass(model, VersionedContent):
            changed, next_change = model.content_moments(now)
            latest.append(changed)
            upcoming.append(next_change)
    timeout = MAX_AGE
    soonest = min((moment for moment in upcoming if moment), default=None)
    if soonest is not None:
        timeout = max(0.001, min(MAX_AGE, (soonest - now).total_seconds()))
    return max(moment for moment in latest if moment), timeout
