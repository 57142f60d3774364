import hashlib

from django.conf import settings
from django.contrib.redirects import middleware
from django.contrib.redirects.models import Redirect
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language

from .caching import content_last_modified, content_version
from .models import Condition


class RedirectFallbackMiddleware(middleware.RedirectFallbackMiddleware):
    """Django's redirect fallback, looked up in a cached table of all redirects, with
    the site's helpful 410 page for gone pages.

    Every 404 consults the redirects; reading them from the cache (keyed on the
    content version, which any change to a redirect renews) keeps a flood of 404s
    off the database.
    """

    def process_response(self, request, response):
        if response.status_code != 404:
            return response
        redirects = redirect_table()
        new_path = redirects.get(request.get_full_path())
        if new_path is None and settings.APPEND_SLASH and not request.path.endswith("/"):
            new_path = redirects.get(request.get_full_path(force_append_slash=True))
        if new_path is None:
            return response
        if new_path == "":
            conditions = Condition.objects.for_readers().order_by("order", "title")
            return render(request, "410.html", {"conditions": conditions}, status=410)
        return self.response_redirect_class(new_path)


def redirect_table():
    """{old path: new path ("" when gone)} for this site, from the cache when possible."""
    key = f"redirects.{content_version()}"
    table = cache.get(key)
    if table is None:
        table = dict(Redirect.objects.filter(site_id=settings.SITE_ID).values_list("old_path", "new_path"))
        cache.set(key, table, 3600)
    return table


class CacheHeadersMiddleware:
    """Cache-Control and Last-Modified for what the public may see.

    Public pages may be kept briefly by browsers and a CDN and then revalidated
    (ConditionalGetMiddleware answers 304 from the ETag and Last-Modified). Anything
    personal is never stored: responses to signed-in staff (previews included), pages
    with a form's CSRF token, and responses that set a cookie.
    """

    PUBLIC_MAX_AGE = 120

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD") or response.has_header("Cache-Control"):
            return response
        user = getattr(request, "user", None)
        if (
            (user is not None and user.is_authenticated)
            or request.META.get("CSRF_COOKIE_USED")
            or response.cookies
        ):
            patch_cache_control(response, private=True, no_cache=True, no_store=True, max_age=0)
            return response
        if response.status_code in (200, 301, 404, 410):
            patch_cache_control(response, public=True, max_age=self.PUBLIC_MAX_AGE)
            if response.status_code == 200 and not response.has_header("Last-Modified"):
                response["Last-Modified"] = http_date(content_last_modified().timestamp())
        return response


class PermissionsPolicyMiddleware:
    """Turn off browser features (camera, microphone, location, ...) no page uses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


# Whole-page cache
# ----------------------------------------------------------------------------


class PageCacheMiddleware:
    """Serve whole public pages from the cache, keyed on the content version.

    Publishing any change starts a new content version, so every page cached under
    the old one is never asked for again, at once and on every app server sharing
    the cache. Only anonymous GET and HEAD requests without a query string or cookie
    are served from the cache, and only public 200 responses that set no cookie are
    stored: drafts, previews, forms and admin pages never are. A hit is answered
    before sessions, authentication or the database are touched.

    (Django's cache middleware does the same in two lookups per request, to honour
    any Vary header; one lookup keeps a cached page nearly as cheap as a file.)
    """

    TIMEOUT = 600
    # An address that was not found is remembered briefly, without its body (the one
    # 404 page is cached once per version): a broken link shared widely, or a bot
    # hammering one address, costs two cache reads per request and no rendering.
    NOT_FOUND_TIMEOUT = 60

    def __init__(self, get_response):
        self.get_response = get_response
        self._uncached_paths = None

    def __call__(self, request):
        if not self._may_use_cache(request):
            return self.get_response(request)
        try:
            address = hashlib.sha256(f"{request.get_host()}{request.path}".encode()).hexdigest()
            key = f"page.{content_version()}.{address}"
        except DatabaseError:
            return self.get_response(request)  # version unknown and database down
        entry = cache.get(key)
        if entry is not None:
            status, headers, content = entry
            if content is None:
                content = cache.get(not_found_key(request))
            if content is not None:
                response = HttpResponse(content, status=status)
                for header, value in headers:
                    response[header] = value
                return response
        response = self.get_response(request)
        if self._may_store(response):
            if response.status_code == 200:
                cache.set(key, (200, list(response.items()), response.content), self.TIMEOUT)
            else:
                cache.set(key, (404, list(response.items()), None), self.NOT_FOUND_TIMEOUT)
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
            response.status_code in (200, 404)
            and not response.streaming
            and not response.cookies
            and "public" in directives
            and not directives & {"private", "no-cache", "no-store"}
        )


def not_found_key(request):
    """Where the rendered 404 page is cached: one per content version, language and host."""
    host = hashlib.sha256(request.get_host().encode()).hexdigest()[:32]
    return f"page-not-found.{content_version()}.{get_language()}.{host}"


class MethodNotAllowedPageMiddleware:
    """The site's own page, instead of an empty body, for a method a URL does not accept."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            page = render(request, "405.html", status=405)
            page["Allow"] = response.get("Allow", "")
            return page
        return response
