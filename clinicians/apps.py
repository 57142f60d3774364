from django.utils.translation import gettext_lazy as _

from publishing import app_config


class CliniciansConfig(app_config.ContentAppConfig):
    name = "clinicians"
    verbose_name = _("Clinicians")
