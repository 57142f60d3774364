from django.views.generic import TemplateView

from conditions.models import Condition

from . import engine


class SearchView(TemplateView):
    template_name = "search/search.html"

    def get_context_data(self, **kwargs):
        query = engine.clean_query(self.request.GET.get("q", ""))
        results = engine.search(query) if query else []
        return super().get_context_data(
            query=query,
            results=results,
            conditions=Condition.objects.published() if query and not results else [],
            **kwargs,
        )
