from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConditionsConfig(AppConfig):
    name = "conditions"
    verbose_name = _("Site content")

    def ready(self):
        from . import signals

        signals.connect()

    def signal_receivers(self):
        """(signal, sender, receiver) of every connection this app relies on."""
        from .signals import RECEIVERS

        return RECEIVERS
