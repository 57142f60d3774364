from django.conf import settings
from django.views.generic import DetailView, TemplateView

from center import structured_data
from conditions.models import Condition
from publishing.languages import reader_language
from publishing.preview import PreviewMixin

from .models import Page


class HomeView(PreviewMixin, TemplateView):
    template_name = "pages/home.html"
    model = Page

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(**kwargs))

    def get_context_data(self, **kwargs):
        page = kwargs.pop("object", None)
        if page is None:
            homes = self.get_queryset().filter(is_home=True)
            page = (
                homes.filter(language=reader_language()).first()
                or homes.filter(language=settings.LANGUAGE_CODE).first()
            )
        return super().get_context_data(
            page=page,
            conditions=Condition.objects.for_readers(),
            structured_data=structured_data.medical_clinic_for(self.request),
            **kwargs,
        )


class PageDetailView(PreviewMixin, DetailView):
    model = Page

    def redirect_to(self, page):
        if page.is_home:  # the overview lives at the site's root
            return page.get_absolute_url()
        return super().redirect_to(page)
