"""Links never break: every address a page ever had keeps leading somewhere useful.

Built on Django's redirects app. When a page's slug changes, each of its old paths gets
a permanent redirect to the new one, and redirects that pointed at the old path are
re-pointed, so chains collapse (A→B→C becomes A→C). When a page that patients could
see is unpublished or deleted, its paths are recorded as gone, which the redirect
middleware answers with the site's 410 page instead of a bare 404.
"""

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core.cache import cache

from .content_version import MAX_AGE, content_version

GONE = ""


def _site():
    # The site row comes with the sites app's migration; recreate it if it was removed,
    # rather than fail to record a redirect.
    site, _ = Site.objects.get_or_create(
        pk=settings.SITE_ID, defaults={"domain": "localhost", "name": "Ketamine Therapy Center"}
    )
    return site


def record_move(old_paths, new_paths):
    """Send each old path, and everything that led to it, to the matching new path."""
    site = _site()
    for old_path, new_path in zip(old_paths, new_paths, strict=True):
        if old_path == new_path:
            continue
        Redirect.objects.filter(site=site, new_path=old_path).update(new_path=new_path)
        Redirect.objects.update_or_create(site=site, old_path=old_path, defaults={"new_path": new_path})
        # The page now answers at new_path itself; an old record there would be dead weight.
        Redirect.objects.filter(site=site, old_path=new_path).delete()


def record_gone(paths):
    """Answer these paths, and every redirect to them, with 410 Gone."""
    site = _site()
    for path in paths:
        Redirect.objects.filter(site=site, new_path=path).update(new_path=GONE)
        Redirect.objects.update_or_create(site=site, old_path=path, defaults={"new_path": GONE})


def release(paths):
    """A page is visible at these paths again: forget earlier records for them."""
    Redirect.objects.filter(site=_site(), old_path__in=paths).delete()


def earlier_owner_of(path, current_paths=()):
    """Where an earlier page's visitors are sent from ``path``, if it belonged to one.

    Returns None when the path is free, or when its redirect leads to one of
    ``current_paths`` (the page is taking back its own old address).
    """
    redirect = Redirect.objects.filter(site=_site(), old_path=path).first()
    if redirect is None or redirect.new_path in current_paths:
        return None
    return redirect.new_path


def redirect_table():
    """{old path: new path ("" when gone)} for this site, from the cache when possible."""
    key = f"redirects.{content_version()}"
    table = cache.get(key)
    if table is None:
        table = dict(Redirect.objects.filter(site_id=settings.SITE_ID).values_list("old_path", "new_path"))
        cache.set(key, table, MAX_AGE)
    return table
