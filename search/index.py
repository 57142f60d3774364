"""Keeping the search entries in step with the pages (see models.SearchEntry)."""

from django.contrib.contenttypes.models import ContentType

from conditions.models import Condition
from pages.models import Page

from . import documents
from .backends import full_text_search
from .models import SearchEntry

SEARCHED_MODELS = (Condition, Page)


def index(item):
    entry, _ = SearchEntry.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        defaults=documents.entry_fields(item),
    )
    full_text_search().write([entry])


def unindex(item):
    entries = SearchEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(item), object_id=item.pk
    )
    full_text_search().delete(list(entries.values_list("pk", flat=True)))
    entries.delete()


def rebuild():
    """Index every page again, and forget entries whose page is gone."""
    kept = set()
    for model in SEARCHED_MODELS:
        for item in model.objects.all():
            index(item)
            kept.add((ContentType.objects.get_for_model(model).pk, item.pk))
    stale = [
        entry_id
        for entry_id, content_type_id, object_id in SearchEntry.objects.values_list(
            "pk", "content_type_id", "object_id"
        )
        if (content_type_id, object_id) not in kept
    ]
    full_text_search().delete(stale)
    SearchEntry.objects.filter(pk__in=stale).delete()
    return len(kept)
