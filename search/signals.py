from django.db.models.signals import post_delete, post_save

from .index import SEARCHED_MODELS, index, unindex


def index_saved_page(sender, instance, **kwargs):
    index(instance)


def unindex_deleted_page(sender, instance, **kwargs):
    unindex(instance)


RECEIVERS = [
    *((post_save, model, index_saved_page) for model in SEARCHED_MODELS),
    *((post_delete, model, unindex_deleted_page) for model in SEARCHED_MODELS),
]
