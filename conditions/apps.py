from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils.translation import gettext_lazy as _


class ConditionsConfig(AppConfig):
    name = "conditions"
    verbose_name = _("Site content")

    def ready(self):
        from . import redirects
        from .caching import content_changed
        from .models import Center, Condition, OpeningHours, Page

        # The center's details are cached for every page; forget them when staff edit.
        def forget_center(**kwargs):
            Center.forget_cached()
            transaction.on_commit(Center.forget_cached)

        for model in (Center, OpeningHours):
            post_save.connect(forget_center, sender=model, dispatch_uid=f"forget_center_{model.__name__}")
            post_delete.connect(
                forget_center, sender=model, dispatch_uid=f"forget_center_gone_{model.__name__}"
            )

        # Links never break: slug changes redirect, unpublished and deleted pages are 410.
        def remember_previous(sender, instance, **kwargs):
            instance._previous = sender.objects.filter(pk=instance.pk).first() if instance.pk else None

        def keep_links_working(sender, instance, **kwargs):
            previous = getattr(instance, "_previous", None)
            if previous is not None and previous.slug != instance.slug:
                redirects.record_move(previous.redirectable_paths(), instance.redirectable_paths())
            if instance.is_live:
                redirects.release(instance.redirectable_paths())
            elif previous is not None and previous.is_live:
                redirects.record_gone(instance.redirectable_paths())

        def record_deleted_page(sender, instance, **kwargs):
            if instance.is_live:
                redirects.record_gone(instance.redirectable_paths())

        # Any content change starts a new content version: cached pages and
        # Last-Modified headers follow at once.
        from django.contrib.redirects.models import Redirect

        for model in (Center, OpeningHours, Condition, Page, Redirect):
            name = model.__name__
            post_save.connect(content_changed, sender=model, dispatch_uid=f"content_changed_{name}")
            post_delete.connect(content_changed, sender=model, dispatch_uid=f"content_deleted_{name}")
        m2m_changed.connect(content_changed, sender=Condition.related.through, dispatch_uid="related_changed")

        for model in (Condition, Page):
            name = model.__name__
            pre_save.connect(remember_previous, sender=model, dispatch_uid=f"remember_previous_{name}")
            post_save.connect(keep_links_working, sender=model, dispatch_uid=f"keep_links_working_{name}")
            post_delete.connect(record_deleted_page, sender=model, dispatch_uid=f"record_deleted_{name}")
