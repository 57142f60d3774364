from django.utils.functional import SimpleLazyObject

from .models import Center


def center(request):
    """The center's details for the header, footer and call to action of every page."""
    return {"center": SimpleLazyObject(Center.cached)}
