from django.utils.translation import gettext_lazy as _

from publishing import app_config


class SearchConfig(app_config.ContentAppConfig):
    name = "search"
    verbose_name = _("Search")
