"""The page cache: whole public pages, stored compressed, keyed on the content version.

Where a slug change becomes a redirect, or an edit a new content version, see
publishing/redirects.py and publishing/content_version.py.
"""

import functools
import hashlib
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response
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

    It runs outside the content and permissions policies, so that a stored page holds
    their headers and a hit skips them, and before LocaleMiddleware (a hit needs none
    of it): it takes the language from the address, as LocaleMiddleware will (/es/...
    is Spanish, the rest English). The language is part of every key, and a response
    is stored only if it was rendered in that language, so a page can never be served
    in another language.

    Each worker keeps the copies it served last in its own memory (``RecentCopies``),
    under the same keys. A key names its content version, so a copy can never be
    older than the shared cache's: a hit reads only the current version from the
    shared cache.
    """

    TIMEOUT = 600
    NOT_FOUND_TIMEOUT = 60
    NOT_FOUND = "not-found"
    # Part of every key: after a deploy that changes what a copy holds, copies the
    # previous release stored in the shared cache are never read.
    FORMAT = 2
    MAX_HOSTS = 16

    def __init__(self, get_response):
        self.get_response = get_response
        self._uncached_paths = None
        self._host_keys = {}  # Host header: key part, for allowed hosts only
        self.recent = RecentCopies()

    def __call__(self, request):
        if not self._may_use_cache(request):
            return self.get_response(request)
        encoding = compression.preferred_encoding(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        try:
            version = content_version()
        except DatabaseError:
            return self.get_response(request)  # version unknown and database down
        host = self._host_key(request)
        if host is None:
            # Refused further in, where the 400 page gets the page-only headers too.
            return self.get_response(request)
        language = language_of(request.path_info)
        address = hashlib.sha256(request.path.encode()).hexdigest()[:32]
        key = f"page{self.FORMAT}.{version}.{language}.{host}.{address}"
        not_found_key = f"page-not-found{self.FORMAT}.{version}.{language}.{host}"
        stored = self._read(f"{key}.{encoding}", self.NOT_FOUND_TIMEOUT)
        if stored == self.NOT_FOUND:
            stored = self._read(f"{not_found_key}.{encoding}", self.TIMEOUT)
        if stored is not None:
            return self._answer(request, stored)
        response = self.get_response(request)
        if not self._may_store(response) or translation.get_language() != language:
            return response
        variants = compression.variants(response)
        if response.status_code == 404:
            entries = {f"{not_found_key}.{name}": copy for name, copy in variants.items()}
            markers = {f"{key}.{name}": self.NOT_FOUND for name in variants}
            cache.set_many(entries, self.TIMEOUT)
            cache.set_many(markers, self.NOT_FOUND_TIMEOUT)
            self.recent.add_many(entries, self.TIMEOUT)
            self.recent.add_many(markers, self.NOT_FOUND_TIMEOUT)
        else:
            entries = {f"{key}.{name}": copy for name, copy in variants.items()}
            cache.set_many(entries, self.TIMEOUT)
            self.recent.add_many(entries, self.TIMEOUT)
        return self._answer(request, variants[encoding])

    def _host_key(self, request):
        """The key part for the request's host, None for a host not allowed.

        Remembered per Host header for the few hosts a site is asked for: validating
        it against ALLOWED_HOSTS took a tenth of a hit's time. Only while Host alone
        decides (USE_X_FORWARDED_HOST off, as it is here) and only for allowed hosts."""
        raw = request.META.get("HTTP_HOST")
        key = self._host_keys.get(raw)
        if key is None:
            try:
                key = hashlib.sha256(request.get_host().encode()).hexdigest()[:32]
            except DisallowedHost:
                return None
            if raw is not None and not settings.USE_X_FORWARDED_HOST:
                if len(self._host_keys) >= self.MAX_HOSTS:
                    self._host_keys.clear()
                self._host_keys[raw] = key
        return key

    def _read(self, key, timeout):
        stored = self.recent.get(key)
        if stored is None:
            stored = cache.get(key)
            if stored is not None:
                self.recent.add(key, stored, timeout)
        return stored

    def _answer(self, request, stored):
        response = compression.response_from(stored)
        if "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META:
            last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
            return get_conditional_response(
                request, etag=response["ETag"], last_modified=last_modified, response=response
            )
        return response

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
            isinstance(response, HttpResponse)
            and response.status_code in (200, 404)
            and not response.cookies
            and not response.has_header("Content-Encoding")
            and "public" in directives
            and not directives & {"private", "no-cache", "no-store"}
        )


def language_of(path):
    """The language of an address, as LocaleMiddleware will take it from the path."""
    return _language_of_first_segment(path.split("/", 2)[1] if path.startswith("/") else "")


@functools.lru_cache(maxsize=256)
def _language_of_first_segment(segment):
    # Django's own rule, asked once per first segment: for an address with no language
    # in it, it costs an exception each time.
    return translation.get_language_from_path(f"/{segment}/") or settings.LANGUAGE_CODE


class RecentCopies:
    """The stored pages a worker read or stored last, kept in its memory.

    Up to MAX_BYTES of page bodies, the least recently used given up first; each copy
    for no longer than the shared cache keeps it. Values are immutable (a page is a
    tuple of status, headers and body), so one copy serves every request.
    """

    MAX_BYTES = 8 * 1024 * 1024

    def __init__(self):
        self._copies = OrderedDict()  # key: (expires, value, size)
        self._size = 0
        # gunicorn's sync workers answer one request at a time; threaded servers
        # (runserver, the test live server) share this.
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            found = self._copies.get(key)
            if found is None:
                return None
            if found[0] < time.monotonic():
                self._remove(key)
                return None
            self._copies.move_to_end(key)
            return found[1]

    def add(self, key, value, timeout):
        size = len(value[2]) if isinstance(value, tuple) else 0
        with self._lock:
            if key in self._copies:
                self._remove(key)
            self._copies[key] = (time.monotonic() + timeout, value, size)
            self._size += size
            while self._size > self.MAX_BYTES:
                self._remove(next(iter(self._copies)))

    def add_many(self, entries, timeout):
        for key, value in entries.items():
            self.add(key, value, timeout)

    def _remove(self, key):
        self._size -= self._copies.pop(key)[2]
