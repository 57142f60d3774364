"""
WSGI config for clinic_site project.

It exposes the WSGI callable as a module-level variable named ``application``.

For more information on this file, see
https://docs.djangoproject.com/en/6.1/howto/deployment/wsgi/
"""

import os

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver
from django.utils import translation

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic_site.settings")

application = get_wsgi_application()

# Load the URLconf, every view module with it, its addresses in each language, and
# the cache backend (no connection is opened), now: gunicorn loads the app once before
# it forks its workers (preload_app), so each worker starts with them loaded.
# Otherwise every new worker, after each recycle, kept its first visitors waiting
# 50 to 150 ms while it did that.
for language, _ in settings.LANGUAGES:
    with translation.override(language):
        get_resolver().reverse_dict  # noqa: B018 (read for what it loads)
caches[DEFAULT_CACHE_ALIAS]  # noqa: B018
