from django.utils.translation import gettext_lazy as _

from publishing import app_config


class PagesConfig(app_config.ContentAppConfig):
    name = "pages"
    verbose_name = _("Pages")
