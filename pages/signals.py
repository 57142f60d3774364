from publishing import signals

from .models import Page

RECEIVERS = signals.pages(Page)
