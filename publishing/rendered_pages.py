"""Pages the page cache cannot hold whole, rendered once per content version.

The contact and referral forms carry a per-visitor security token, and search pages
have a query string, so the page cache (clinic_site/page_cache.py) never stores them. Yet every
visitor gets the same HTML but for that token: rendering it, mostly the form and the
site's header and footer, took some 25 ms of CPU a request, and made the pages where
a visit turns into a request 16 to 18 times slower than a page. So the HTML is
rendered once per content version, language and address, with a placeholder where
the token goes, and each request only puts its own token in (which, as rendering
would, also has Django's CSRF middleware set the token's cookie). A page may ask for
more values made fresh for each request the same way (a form's one-time key).
"""

import hashlib

from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from .content_version import content_version

CSRF_PLACEHOLDER = "rendered-page-csrf-token-placeholder"
TIMEOUT = 600


def cached_render(request, variant, render, fresh=None):
    """The response ``render()`` gives, from the cache when this content version,
    language, address and ``variant`` (what else the page depends on) were rendered.

    ``render`` gets the value to render in place of the CSRF token. ``fresh`` maps
    other placeholders the page was rendered with to functions giving each request's
    own value. Only a 200 response is stored; any other is returned as rendered.
    """
    digest = hashlib.md5(f"{request.path}\n{variant}".encode(), usedforsecurity=False).hexdigest()
    key = f"rendered:{content_version()}:{get_language()}:{digest}"
    stored = cache.get(key)
    if stored is None:
        response = render(CSRF_PLACEHOLDER)
        response.render()
        if response.status_code != 200:
            return response
        stored = (response.content, response["Content-Type"])
        cache.set(key, stored, TIMEOUT)
    content, content_type = stored
    for placeholder, value in {CSRF_PLACEHOLDER: lambda: get_token(request), **(fresh or {})}.items():
        if placeholder.encode() in content:
            content = content.replace(placeholder.encode(), value().encode())
    return HttpResponse(content, content_type=content_type)
