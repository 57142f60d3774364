"""Health and readiness checks for the load balancer, and the favicon redirect."""

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
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
