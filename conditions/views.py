from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils.http import quote_etag
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from center.models import Center
from publishing.preview import PreviewMixin, find_for_readers

from . import share_images, structured_data
from .models import Condition


class ConditionListView(ListView):
    def get_queryset(self):
        # Per request, never at import: a scheduled page appears at its time.
        return Condition.objects.for_readers()


class ConditionDetailView(PreviewMixin, DetailView):
    model = Condition

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object.pk:
            context["related_conditions"] = self.object.related.published()
        # The call to action opens the contact form with this condition chosen.
        context["cta_topic"] = self.object.original().slug
        context["structured_data"] = structured_data.medical_web_page(
            self.object, settings.SITE_URL + self.object.get_absolute_url(), Center.cached()
        )
        return context


class ConditionHandoutView(PreviewMixin, DetailView):
    """One printed page a referrer can hand to a patient, with a QR code to the page."""

    model = Condition
    template_name = "conditions/condition_handout.html"
    url_view = "handout"


def image_response(name):
    """A stored share image; its name is derived from what it shows, so it is its ETag."""
    response = FileResponse(default_storage.open(name), content_type="image/png")
    response["ETag"] = quote_etag(Path(name).stem)
    return response


@require_safe
def condition_share_image(request, slug):
    condition = find_for_readers(Condition.objects.published(), slug)
    if condition is None:
        raise Http404
    return image_response(share_images.condition_image(condition, Center.cached()))


@require_safe
def site_share_image(request):
    return image_response(share_images.site_image(Center.cached()))
