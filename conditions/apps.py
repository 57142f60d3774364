from django.utils.translation import gettext_lazy as _

from publishing import app_config


class ConditionsConfig(app_config.ContentAppConfig):
    name = "conditions"
    verbose_name = _("Conditions")
