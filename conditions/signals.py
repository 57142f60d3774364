from django.db.models.signals import m2m_changed

from publishing import signals

from .models import Condition

RECEIVERS = [
    *signals.pages(Condition),
    # Related conditions are listed on each page.
    (m2m_changed, Condition.related.through, signals.start_new_content_version),
]
