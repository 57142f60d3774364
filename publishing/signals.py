"""What saving or deleting content sets off. Each app lists its connections in its own
signals.py (``RECEIVERS``), built from the functions here; ContentAppConfig connects
them in ready() and system check clinic_site.E001 confirms each one is live.

Receivers are module-level functions connected with weak=False: a closure made
inside ready() would be garbage-collected as soon as ready() returned (which only
DEBUG happened to hide).
"""

from django.contrib.redirects.models import Redirect
from django.db.models.signals import post_delete, post_save, pre_save

from . import redirects
from .content_version import content_changed


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


def versioned(*models):
    """Connections that renew the content version when any of ``models`` changes."""
    return [
        (signal, model, start_new_content_version) for model in models for signal in (post_save, post_delete)
    ]


def pages(model):
    """Connections for a Markdown page model: versioned, and its links never break."""
    return [
        *versioned(model),
        (pre_save, model, remember_previous),
        (post_save, model, keep_links_working),
        (post_delete, model, record_deleted_page),
    ]


# Publishing's own: a changed redirect changes what old addresses answer.
RECEIVERS = versioned(Redirect)


def connect(receivers):
    for signal, sender, receiver in receivers:
        signal.connect(
            receiver,
            sender=sender,
            weak=False,
            dispatch_uid=f"{receiver.__module__}.{receiver.__name__}.{sender._meta.label_lower}",
        )
