"""Addresses of the standalone pages for the navigation and footer, in each language.

Templates name pages by their English slug (``page_urls.for_providers``); this gives
the address of the version in the reader's language, or of the English page under
the reader's language prefix. Pages shown while the database is down use the
addresses as last read.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from publishing.content_version import MAX_AGE, content_version, published_versions

from .models import Page

LAST_KNOWN_KEY = "page-addresses:last-known.{language}"
LAST_KNOWN_TIMEOUT = 7 * 24 * 60 * 60


def page_addresses(language):
    """{English slug with underscores: address} of every published page for ``language``."""
    key = f"page-addresses.{content_version()}.{language}"
    addresses = cache.get(key)
    if addresses is not None:
        return addresses
    addresses = {}
    with translation.override(language):
        for slugs in published_versions(Page).values():
            if english_slug := slugs.get(settings.LANGUAGE_CODE):
                page = Page(slug=english_slug, is_home=english_slug == Page.HOME_SLUG)
                addresses[english_slug.replace("-", "_")] = page.address(slugs.get(language, english_slug))
    cache.set(key, addresses, MAX_AGE)
    cache.set(LAST_KNOWN_KEY.format(language=language), addresses, LAST_KNOWN_TIMEOUT)
    return addresses


def last_known(language):
    """The addresses as last read, without the database (for outage pages); {} if unknown."""
    try:
        return cache.get(LAST_KNOWN_KEY.format(language=language)) or {}
    except Exception:  # the cache may be down too
        return {}
