"""The site's own page for every error, each with the crisis line and the phone number.

400, 403, 404 and 410 render normally; 500 and 503 may happen because the database is
down, so they use nothing but the cache.
"""

import hashlib
import sys

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseNotFound
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.views.decorators.csrf import requires_csrf_token

from center.models import Center
from conditions.models import Condition
from pages import addresses
from publishing.content_version import content_version
from publishing.languages import reader_language


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
    """Render without the database: the center's details and the page addresses as last
    read, from the cache, if they are there."""
    return render_to_string(
        template_name,
        {"center": Center.last_known(), "outage": True, "page_urls": addresses.last_known(reader_language())},
    )


def page_not_found(request, exception):
    """The 404 page, with links to every condition.

    It is the same for every unknown address in a language, so it is rendered once
    per content version, language and host: a flood of 404s costs no rendering and no
    query. Nothing in it comes from the address asked for (its language switch leads
    to the other language's home page), so one visitor's address can never appear on
    another visitor's page.
    """
    language = reader_language()
    host = hashlib.sha256(request.get_host().encode()).hexdigest()[:32]
    key = f"not-found-body.{content_version()}.{language}.{host}"
    content = cache.get(key)
    if content is None:
        homes = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                homes[code] = reverse("pages:home")
        context = {
            "conditions": Condition.objects.for_readers(),
            "alternate_urls": homes,
            "hreflang_urls": {},
        }
        content = render(request, "404.html", context).content
        cache.set(key, content, 3600)
    return HttpResponseNotFound(content)


def page_gone(request):
    """410: the page was unpublished or deleted; the conditions are still here."""
    return render(request, "410.html", {"conditions": Condition.objects.for_readers()}, status=410)
