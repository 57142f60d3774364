"""Site-wide middleware: headers every response carries, the site's own pages for
errors a view never sees, and the admin in the editor's language. (The page cache is
in page_cache.py.)"""

from django.conf import settings
from django.contrib.redirects import middleware
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

from publishing.content_version import content_last_modified
from publishing.redirects import redirect_table

from . import error_pages


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
            return error_pages.page_gone(request)
        return self.response_redirect_class(new_path)


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


class AdminLanguageMiddleware:
    """The admin speaks the editor's language; public pages speak their address's.

    With English addresses unprefixed, LocaleMiddleware serves every address outside
    /es/ in English, the admin included. For the admin, this picks the language the
    usual way instead (the editor's browser), so a Spanish-speaking editor gets the
    admin, its help texts and the editing aids in Spanish. Goes after LocaleMiddleware,
    whose response side then adds Content-Language and Vary: Accept-Language.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = f"/{settings.ADMIN_PATH}"

    def __call__(self, request):
        if not request.path_info.startswith(self.admin_prefix):
            return self.get_response(request)
        language = translation.get_language_from_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        return self.get_response(request)


class AdminNoIndexMiddleware:
    """Keeps the admin out of search engines with a header on its responses.

    robots.txt would have to name the admin's address to do this, and that address is
    kept unguessable on purpose (DJANGO_ADMIN_PATH).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = f"/{settings.ADMIN_PATH}"

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(self.admin_prefix):
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response
