"""System checks for promises that a setting or a missing import could quietly break."""

from django.conf import settings
from django.core import checks

# Cache backends that keep their values in one process: with several gunicorn workers,
# each would have its own copy of every cached page, count and setting.
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@checks.register(checks.Tags.caches, deploy=True)
def check_cache_is_shared(app_configs, **kwargs):
    errors = []
    for alias, config in settings.CACHES.items():
        if config["BACKEND"] in PER_PROCESS_CACHES:
            errors.append(
                checks.Warning(
                    f"The '{alias}' cache ({config['BACKEND']}) lives in one process's memory.",
                    hint=(
                        "Each gunicorn worker would keep its own copy: an edit, an unpublished page "
                        "or the contact form's rate limit would hold in one worker only. Leave "
                        "CACHES at the shared file cache, or set REDIS_URL."
                    ),
                    id="clinic_site.W001",
                )
            )
    return errors


@checks.register()
def check_signal_receivers_are_connected(app_configs, **kwargs):
    """Every receiver the site relies on is connected, and stays connected.

    A receiver connected by a weak reference to a function nothing else holds (a
    closure inside ready(), say) is garbage-collected at once; with DEBUG on Django
    happens to keep a reference, so the loss shows only in production.
    """
    import gc

    from django.apps import apps

    gc.collect()
    errors = []
    for app_config in apps.get_app_configs():
        for signal, sender, receiver in getattr(app_config, "signal_receivers", lambda: [])():
            live = signal._live_receivers(sender)[0]
            if receiver not in live:
                errors.append(
                    checks.Error(
                        f"{receiver.__module__}.{receiver.__qualname__} is not connected to "
                        f"{sender.__name__}'s {_signal_name(signal)} signal.",
                        hint="Connect it in the app's signals module, imported from AppConfig.ready().",
                        obj=app_config,
                        id="clinic_site.E001",
                    )
                )
    return errors


def _signal_name(signal):
    from django.db.models import signals

    for name in ("pre_save", "post_save", "pre_delete", "post_delete", "m2m_changed"):
        if getattr(signals, name) is signal:
            return name
    return repr(signal)


@checks.register(deploy=True)
def check_site_url_is_the_public_https_address(app_configs, **kwargs):
    """Canonical links, the sitemap, QR codes and staff emails start with SITE_URL."""
    if settings.SECURE_SSL_REDIRECT and not settings.SITE_URL.startswith("https://"):
        return [
            checks.Warning(
                f"DJANGO_SITE_URL is {settings.SITE_URL!r}, not the site's public https address.",
                hint="Set DJANGO_SITE_URL to the address patients use, e.g. https://www.example.org.",
                id="clinic_site.W002",
            )
        ]
    return []
