from django.db.models.signals import pre_save

from conditions.models import Condition
from pages.models import Page

from .engine import fold


def index_for_search(sender, instance, **kwargs):
    """Keep the page's folded text (see fold()) up to date, for searching it."""
    instance.search_text = fold(f"{instance.title}\n{instance.summary}\n{instance.body_text}")


RECEIVERS = [(pre_save, model, index_for_search) for model in (Condition, Page)]
