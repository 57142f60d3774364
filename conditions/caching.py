"""The content version: what cached pages and Last-Modified headers are keyed on.

One cache entry holds a random token and the time the content last changed. Any
save or deletion of content (signals in apps.py, after the transaction commits)
drops it, so the next request starts a new token: every page cached under the old
one is simply never asked for again, on every app server sharing the cache. A
scheduled page changes the site without a save, so the entry also expires at the
next scheduled publication time.
"""

import datetime
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

VERSION_KEY = "content:version"
MAX_AGE = 3600


def _state():
    state = cache.get(VERSION_KEY)
    if state is None:
        last_modified, timeout = _compute()
        state = {"token": uuid.uuid4().hex, "last_modified": last_modified}
        # add() keeps the entry another process may have just created.
        if not cache.add(VERSION_KEY, state, timeout):
            state = cache.get(VERSION_KEY) or state
    return state


def content_version():
    return _state()["token"]


def content_last_modified():
    return _state()["last_modified"]


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


def page_addresses(language):
    """{English slug: address} of every standalone page for readers of ``language``.

    The navigation and footer name pages by their English slug; this gives the address
    of the version in the reader's language (or, without one, the English page under
    the reader's language prefix). Keyed for templates: page_urls.for_providers is the
    for-providers page.
    """
    from django.utils import translation

    from .models import Page

    addresses = {}
    with translation.override(language):
        for slugs in published_versions(Page).values():
            if english_slug := slugs.get(settings.LANGUAGE_CODE):
                page = Page(slug=english_slug, is_home=english_slug == Page.HOME_SLUG)
                addresses[english_slug.replace("-", "_")] = page.address(slugs.get(language, english_slug))
    return addresses


def fallback_page_addresses():
    """The same, built without the database (for pages shown during an outage)."""
    from django.urls import reverse

    slugs = ["what-to-expect", "faq", "for-providers", "about", "privacy", "accessibility"]
    return {
        slug.replace("-", "_"): reverse("conditions:page_detail", kwargs={"slug": slug}) for slug in slugs
    }


def _compute():
    from .models import Center, Condition, Page

    now = timezone.now()
    latest = [datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)]
    upcoming = []
    for model in (Condition, Page):
        found = model.objects.aggregate(
            updated=Max("updated"),
            published=Max("publish_at", filter=Q(status="published", publish_at__lte=now)),
        )
        latest += [found["updated"], found["published"]]
        upcoming.append(
            model.objects.filter(status="published", publish_at__gt=now)
            .order_by("publish_at")
            .values_list("publish_at", flat=True)
            .first()
        )
    latest.append(Center.objects.aggregate(updated=Max("updated"))["updated"])
    timeout = MAX_AGE
    soonest = min((moment for moment in upcoming if moment), default=None)
    if soonest is not None:
        timeout = max(1, min(MAX_AGE, int((soonest - now).total_seconds()) + 1))
    return max(moment for moment in latest if moment), timeout
