from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The project itself as an app: its system checks (and its error-page templates)."""

    name = "clinic_site"
    verbose_name = "Ketamine Therapy Center website"

    def ready(self):
        from . import checks  # noqa: F401  (registers the checks)
