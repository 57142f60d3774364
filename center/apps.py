from django.utils.translation import gettext_lazy as _

from publishing import app_config


class CenterConfig(app_config.ContentAppConfig):
    name = "center"
    verbose_name = _("Center")

    def content_files(self):
        from .content_file import CenterFile

        return [CenterFile()]
