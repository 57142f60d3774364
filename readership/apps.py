from django.apps import AppConfig
from django.core.signals import request_finished
from django.utils.translation import gettext_lazy as _


class ReadershipConfig(AppConfig):
    name = "readership"
    verbose_name = _("What patients look for")

    def ready(self):
        from . import counting

        # After the response was sent: the worker adds its tally to the database when due.
        request_finished.connect(counting.flush_if_due, dispatch_uid="readership.flush_if_due")
