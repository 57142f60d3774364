from django.utils.translation import gettext_lazy as _

# Imported as a module, so that Django finds exactly one AppConfig class in each apps.py.
from . import app_config


class PublishingConfig(app_config.ContentAppConfig):
    name = "publishing"
    verbose_name = _("Publishing")
