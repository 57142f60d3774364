"""The page cache: whole public pages, stored compressed, keyed on the content version.

Where a slug change becomes a redirect, or an edit a new content version, see
publishing/redirects.py and publishing/content_version.py.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.csp import CSP, build_policy
from django.utils.http import parse_http_date_safe

from publishing.content_version import content_version

from . import compression


class PageCacheMiddleware:
    """Serve whole public pages from the cache, keyed on the content version, compressed.

    Publishing any change starts a new content version, so every page cached under
    the old one is never asked for again, at once and on every app server sharing
    the cache. Only anonymous GET and HEAD requests without a query string or cookie
    are served from the cache, and only public responses that set no cookie are
    stored: drafts, previews, forms and admin pages never are.

    A page is compressed once, when it enters the cache (Brotli, gzip and none, each
    a complete response under its own key), and a hit reads the one copy its
    Accept-Encoding takes, before authentication or the database are touched.

    An address that was not found is remembered briefly as a marker, and the 404 page
    itself once per language: it holds nothing from the address asked for, so a
    widely shared broken link, or a bot hammering addresses, costs two cache reads.

    It runs before LocaleMiddleware (a hit needs none of it) and takes the language
    from the address, as LocaleMiddleware will (/es/... is Spanish, the rest English):
    the language is part of every key, and a response is stored only if it was
    rendered in that language, so a page can never be served in another language.
    """

    TIMEOUT = 600
    NOT_FOUND_TIMEOUT = 60
    NOT_FOUND = "not-found"

    def __init__(self, get_response):
        self.get_response = get_response
        self._uncached_paths = None

    def __call__(self, request):
        if not self._may_use_cache(request):
            return self.get_response(request)
        encoding = compression.preferred_encoding(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        try:
            version = content_version()
        except DatabaseError:
            return self.get_response(request)  # version unknown and database down
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        host = hashlib.sha256(request.get_host().encode()).hexdigest()[:32]
        address = hashlib.sha256(request.path.encode()).hexdigest()[:32]
        key = f"page.{version}.{language}.{host}.{address}"
        not_found_key = f"page-not-found.{version}.{language}.{host}"
        cached = cache.get(f"{key}.{encoding}")
        if cached == self.NOT_FOUND:
            cached = cache.get(f"{not_found_key}.{encoding}")
        if cached is not None:
            if "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META:
                last_modified = parse_http_date_safe(cached.get("Last-Modified", ""))
                return get_conditional_response(
                    request, etag=cached["ETag"], last_modified=last_modified, response=cached
                )
            return cached
        response = self.get_response(request)
        if not self._may_store(response) or translation.get_language() != language:
            return response
        # Headers that outer middleware would add to every hit, added once here.
        for header, config in [
            (CSP.HEADER_ENFORCE, settings.SECURE_CSP),
            (CSP.HEADER_REPORT_ONLY, settings.SECURE_CSP_REPORT_ONLY),
        ]:
            if config and header not in response:
                response[str(header)] = build_policy(config)
        variants = compression.variants(response)
        if response.status_code == 404:
            entries = {f"{not_found_key}.{name}": copy for name, copy in variants.items()}
            cache.set_many(entries, self.TIMEOUT)
            cache.set_many({f"{key}.{name}": self.NOT_FOUND for name in variants}, self.NOT_FOUND_TIMEOUT)
        else:
            cache.set_many({f"{key}.{name}": copy for name, copy in variants.items()}, self.TIMEOUT)
        return variants[encoding]

    def _may_use_cache(self, request):
        if request.method not in ("GET", "HEAD") or request.COOKIES or request.META.get("QUERY_STRING"):
            return False
        if self._uncached_paths is None:
            # Health checks must tell the truth about this instance.
            self._uncached_paths = {reverse("healthz"), reverse("readyz")}
        return request.path_info not in self._uncached_paths

    def _may_store(self, response):
        directives = {part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",")}
        return (
            response.status_code in (200, 404)
            and not response.streaming
            and not response.cookies
            and not response.has_header("Content-Encoding")
            and "public" in directives
            and not directives & {"private", "no-cache", "no-store"}
        )
