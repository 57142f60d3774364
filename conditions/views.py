import hashlib
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.contrib.sites.requests import RequestSite
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotFound,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.http import quote_etag
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django.views.generic import DetailView, ListView, TemplateView

from . import search, share_images, structured_data
from .caching import content_version, published_slugs
from .editorial import editorial_warnings
from .images import RejectedImage, store_uploaded_image
from .markdown import render_markdown
from .models import Center, Condition, Page
from .readability import readability
from .sitemaps import SITEMAPS

# Public pages
# ----------------------------------------------------------------------------


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
        language = get_language()
        if item.language != language and language in item.live_slugs:
            return item.alternate_urls(self.url_view)[language]
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = context.get("object") or context.get("page")
        if item is not None:
            if not item.is_live:
                context["preview"] = item
            context["shown_in_english"] = item.language != get_language()
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
    language = get_language()
    queryset = queryset.select_related("translation_of")  # for its other language versions
    item = queryset.filter(language=language, slug=slug).first()
    if item is None and language != settings.LANGUAGE_CODE:
        item = queryset.filter(language=settings.LANGUAGE_CODE, slug=slug).first()
    return item


def clinic_structured_data(request):
    center = Center.cached()
    return structured_data.medical_clinic(center, request.build_absolute_uri("/")) if center else None


def conditions_for_readers():
    return Condition.objects.for_readers().order_by("order", "title")


class HomeView(PreviewMixin, TemplateView):
    template_name = "conditions/home.html"
    model = Page

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(**kwargs))

    def get_context_data(self, **kwargs):
        page = kwargs.pop("object", None)
        if page is None:
            homes = self.get_queryset().filter(is_home=True)
            page = (
                homes.filter(language=get_language()).first()
                or homes.filter(language=settings.LANGUAGE_CODE).first()
            )
        return super().get_context_data(
            page=page,
            conditions=conditions_for_readers(),
            structured_data=clinic_structured_data(self.request),
            **kwargs,
        )


class ConditionListView(ListView):
    def get_queryset(self):
        # Per request, never at import: a scheduled page appears at its time.
        return conditions_for_readers()


class ConditionDetailView(PreviewMixin, DetailView):
    model = Condition

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object.pk:
            context["related_conditions"] = self.object.related.published()
        # The call to action opens the contact form with this condition chosen.
        context["cta_topic"] = self.object.original().slug
        context["structured_data"] = structured_data.medical_web_page(
            self.object, self.request.build_absolute_uri(self.object.get_absolute_url()), Center.cached()
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


class PageDetailView(PreviewMixin, DetailView):
    model = Page

    def redirect_to(self, page):
        if page.is_home:  # the overview lives at the site's root
            return page.get_absolute_url()
        return super().redirect_to(page)


class SearchView(TemplateView):
    template_name = "conditions/search.html"

    def get_context_data(self, **kwargs):
        query = search.clean_query(self.request.GET.get("q", ""))
        results = search.search(query) if query else []
        return super().get_context_data(
            query=query,
            results=results,
            conditions=Condition.objects.published() if query and not results else [],
            **kwargs,
        )


@require_safe
def sitemap(request):
    """sitemap.xml for the host the site is served on (not a stored Site domain)."""
    site = RequestSite(request)
    urls = []
    for sitemap_class in SITEMAPS.values():
        urls.extend(sitemap_class().get_urls(site=site, protocol=request.scheme))
    return TemplateResponse(request, "sitemap.xml", {"urlset": urls}, content_type="application/xml")


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        "Disallow: /markdownx/",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def page_not_found(request, exception):
    """The 404 page, with links to every condition.

    It is the same for every unknown address in a language, so it is rendered once
    per content version, language and host: a flood of 404s costs no rendering and no
    query. Nothing in it comes from the address asked for (its language switch leads
    to the other language's home page), so one visitor's address can never appear on
    another visitor's page.
    """
    language = get_language()
    host = hashlib.sha256(request.get_host().encode()).hexdigest()[:32]
    key = f"not-found-body.{content_version()}.{language}.{host}"
    content = cache.get(key)
    if content is None:
        homes = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                homes[code] = reverse("conditions:home")
        context = {"conditions": conditions_for_readers(), "alternate_urls": homes, "hreflang_urls": {}}
        content = render(request, "404.html", context).content
        cache.set(key, content, 3600)
    return HttpResponseNotFound(content)


# Markdown editor endpoints
# ----------------------------------------------------------------------------
# django-markdownx leaves its preview and upload views open to anyone; these replace
# them on the same paths, for staff only.


def staff_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not (request.user.is_active and request.user.is_staff):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


@require_POST
@staff_required
def markdown_preview(request):
    content = request.POST.get("content", "")
    if len(content) > settings.MARKDOWN_BODY_MAX_LENGTH:
        return HttpResponseBadRequest(
            _("The text is too long to preview (limit: %(limit)d characters).")
            % {"limit": settings.MARKDOWN_BODY_MAX_LENGTH}
        )
    language = (
        request.GET.get("language") if request.GET.get("language") in dict(settings.LANGUAGES) else "en"
    )
    aids = render_to_string(
        "includes/editor_aids.html",
        {
            "measured": readability(content, language),
            "language": language,
            "warnings": editorial_warnings(content, language),
        },
    )
    # The aids panel sits above the preview; the preview itself is exactly what the
    # page will show, rendered by the same function as saving.
    return HttpResponse(aids + render_markdown(content))


@require_POST
@staff_required
def image_upload(request):
    upload = request.FILES.get("image")
    if upload is None:
        return JsonResponse({"image": [_("Choose an image to upload.")]}, status=400)
    try:
        url = store_uploaded_image(upload)
    except RejectedImage as error:
        return JsonResponse({"image": [str(error)]}, status=400)
    return JsonResponse({"image_code": f"![]({url})"})
