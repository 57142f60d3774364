import importlib

from django.apps import AppConfig


class ContentAppConfig(AppConfig):
    """An app whose models set things off when saved: its signals.py lists them in
    RECEIVERS, connected here, and checked by system check clinic_site.E001."""

    def ready(self):
        from .signals import connect

        connect(self.signal_receivers())

    def signal_receivers(self):
        """(signal, sender, receiver) of every connection this app relies on."""
        return importlib.import_module(f"{self.name}.signals").RECEIVERS
