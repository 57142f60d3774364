"""What saving or deleting content sets off, connected once from ConditionsConfig.ready().

Each receiver is a module-level function (a closure inside ready() would be
garbage-collected as soon as ready() returned, which only DEBUG happened to hide), and
``RECEIVERS`` lists every connection, so the system check ``clinic_site.E001`` can
confirm each one is live in whatever configuration the site runs.
"""

from django.contrib.redirects.models import Redirect
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from . import redirects
from .caching import content_changed
from .models import Center, Condition, OpeningHours, Page


def start_new_content_version(**kwargs):
    """Any content change renews the content version: cached pages, the center's details
    and Last-Modified follow at once, for every worker sharing the cache."""
    content_changed()


def remember_previous(sender, instance, **kwargs):
    """Keep the page as it was before this save, to see what the save changes."""
    instance._previous = sender.objects.filter(pk=instance.pk).first() if instance.pk else None


def keep_links_working(sender, instance, **kwargs):
    """A new slug redirects the old addresses; an unpublished page answers 410 Gone."""
    previous = getattr(instance, "_previous", None)
    if previous is not None and previous.slug != instance.slug:
        redirects.record_move(previous.redirectable_paths(), instance.redirectable_paths())
    if instance.is_live:
        redirects.release(instance.redirectable_paths())
    elif previous is not None and previous.is_live:
        redirects.record_gone(instance.redirectable_paths())


def record_deleted_page(sender, instance, **kwargs):
    """A deleted page that patients could see answers 410 Gone, not 404."""
    if instance.is_live:
        redirects.record_gone(instance.redirectable_paths())


CONTENT_MODELS = (Center, OpeningHours, Condition, Page, Redirect)
PAGE_MODELS = (Condition, Page)

RECEIVERS = [
    *((post_save, model, start_new_content_version) for model in CONTENT_MODELS),
    *((post_delete, model, start_new_content_version) for model in CONTENT_MODELS),
    (m2m_changed, Condition.related.through, start_new_content_version),
    *((pre_save, model, remember_previous) for model in PAGE_MODELS),
    *((post_save, model, keep_links_working) for model in PAGE_MODELS),
    *((post_delete, model, record_deleted_page) for model in PAGE_MODELS),
]


def connect():
    for signal, sender, receiver in RECEIVERS:
        signal.connect(
            receiver,
            sender=sender,
            weak=False,
            dispatch_uid=f"{receiver.__name__}.{sender._meta.label_lower}",
        )
