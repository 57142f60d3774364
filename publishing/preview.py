"""Pages as readers see them, and as staff preview them before they are published.

Views of every Markdown model share this: the lookup in the reader's language, the
redirect to a page's own language, drafts visible to staff only (and never cached),
and the rendering of unsaved changes exactly as the public page would show them.
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.utils import translation
from django.utils.cache import add_never_cache_headers

from .content_version import published_slugs
from .languages import reader_language


class PreviewMixin:
    """Staff see drafts and scheduled pages at their real address, marked as previews.

    Everyone else sees only what QuerySet.published() allows. Responses to staff are
    never cached, so a draft can never be served to the public from a cache.

    Pages are looked up in the language of the address. Under /es/, an English page
    without a published Spanish version is shown in English with a notice in Spanish;
    one that has a Spanish version redirects to it.
    """

    def can_preview(self):
        opts = self.model._meta
        return self.request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}")

    def get_queryset(self):
        manager = self.model.objects
        return manager.all() if self.can_preview() else manager.published()

    # Which of the model's views this is, for the addresses in other languages.
    url_view = "detail"

    def get_object(self, queryset=None):
        queryset = self.get_queryset() if queryset is None else queryset
        item = find_for_readers(queryset, self.kwargs.get("slug"), check_published=not self.can_preview())
        if item is None:
            raise Http404
        return item

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        destination = self.redirect_to(self.object)
        if destination:
            return redirect(destination, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def redirect_to(self, item):
        """Where to send the reader instead, if anywhere: the page in their language."""
        language = reader_language()
        if item.language != language and language in item.live_slugs:
            return item.alternate_urls(self.url_view)[language]
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = context.get("object") or context.get("page")
        if item is not None:
            if not item.is_live:
                context["preview"] = item
            context["shown_in_english"] = item.language != reader_language()
            # The page's own words are marked with their language when it differs.
            context["content_language"] = item.language if context["shown_in_english"] else None
            context["alternate_urls"] = item.alternate_urls(self.url_view)
            context["hreflang_urls"] = item.hreflang_urls() if self.url_view == "detail" else {}
        return context

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if request.user.is_staff:
            add_never_cache_headers(response)
        return response

    @classmethod
    def as_preview(cls, request, item):
        """Render ``item`` (possibly unsaved changes) exactly as the public page would."""
        with translation.override(item.language):
            view = cls(request=request, kwargs={"slug": item.slug}, args=())
            view.object = item
            context = view.get_context_data(object=item)
            context["preview"] = item
            response = view.render_to_response(context)
            response.render()
        add_never_cache_headers(response)
        return response


def find_for_readers(queryset, slug, *, check_published=True):
    """The page at ``slug`` for readers of the active language: theirs, else English."""
    if check_published and slug not in published_slugs(queryset.model):
        return None  # known not to exist: no query
    language = reader_language()
    queryset = queryset.select_related("translation_of")  # for its other language versions
    item = queryset.filter(language=language, slug=slug).first()
    if item is None and language != settings.LANGUAGE_CODE:
        item = queryset.filter(language=settings.LANGUAGE_CODE, slug=slug).first()
    return item
