import sys

from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe


@require_safe
@never_cache
def healthz(request):
    """Liveness: the process answers. Touches no database, so a database outage
    does not make the load balancer restart healthy app servers."""
    return HttpResponse("ok", content_type="text/plain")


@require_safe
@never_cache
def readyz(request):
    """Readiness: this instance can serve pages (database and cache both answer)."""
    problems = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        problems.append(f"database unreachable ({type(error).__name__})")
    try:
        cache.set("readyz", "ok", 5)
        if cache.get("readyz") != "ok":
            problems.append("cache does not keep values")
    except Exception as error:  # any cache backend failure means not ready
        problems.append(f"cache unreachable ({type(error).__name__})")
    if problems:
        return HttpResponse("; ".join(problems), status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico on pages without an icon link (the admin's)."""
    return HttpResponsePermanentRedirect(static("favicon.ico"))


# Error pages
# ----------------------------------------------------------------------------
# The site's own pages for every error, each with the crisis line and the phone
# number. 400, 403 and 404 render normally; 500 and 503 may happen because the
# database is down, so they use nothing but the cache.


@requires_csrf_token
def bad_request(request, exception):
    return render(request, "400.html", status=400)


@requires_csrf_token
def permission_denied(request, exception):
    return render(request, "403.html", status=403)


def server_error(request):
    """500, or 503 when the cause is the database being unreachable."""
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        response = HttpResponse(outage_page("503.html"), status=503)
        response["Retry-After"] = "60"
    else:
        response = HttpResponse(outage_page("500.html"), status=500)
    response["Cache-Control"] = "no-store"
    return response


def outage_page(template_name):
    """Render without the database: the center's details come from the cache, if there."""
    from conditions.caching import fallback_page_addresses
    from conditions.models import Center

    return render_to_string(
        template_name, {"center": Center.last_known(), "outage": True, "page_urls": fallback_page_addresses()}
    )
