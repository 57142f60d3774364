from django.utils import translation
from django.views.generic import TemplateView

from conditions.models import Condition
from publishing.rendered_pages import cached_render
from readership import counting

from . import engine


class SearchView(TemplateView):
    template_name = "search/search.html"

    def get(self, request, *args, **kwargs):
        query = engine.clean_query(request.GET.get("q", ""))
        results = engine.search(query) if query else engine.Results(query)

        def render(csrf_token=None):  # a search page has no form that posts
            return self.render_to_response(self.get_context_data(query=query, results=results))

        if query and not results and counting.is_counted_visitor(request):
            # What patients look for and do not find: their words only (readership/).
            counting.count_failed_search(query, translation.get_language())
        if set(request.GET) - {"q"} or (query and not results):
            # Only a search that found pages is kept: the many ways of finding nothing
            # would fill the cache with copies of one page.
            return render()
        return cached_render(request, f"{request.scheme}://{request.get_host()}\n{query}", render)

    def get_context_data(self, query, results, **kwargs):
        return super().get_context_data(
            query=query,
            results=results,
            conditions=Condition.objects.for_readers() if query and not results else [],
            **kwargs,
        )
