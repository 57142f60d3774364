from django.views.generic import DetailView

from publishing.models import markdown_models

from .models import Clinician


class ClinicianDetailView(DetailView):
    """A clinician's public profile, with the pages they reviewed."""

    model = Clinician

    def get_queryset(self):
        return Clinician.objects.public()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reviewed_pages"] = [
            page
            for model in markdown_models()
            for page in model.objects.for_readers().filter(reviewer=self.object)
        ]
        return context
