from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject

from publishing.languages import reader_language

from .addresses import page_addresses


def site_pages(request):
    """Addresses of the standalone pages in the reader's language (``page_urls.faq``),
    and of this page in each language, for the language switch and hreflang links.
    Views that show a page override the latter with the page's own translations."""
    language = reader_language()
    query = request.META.get("QUERY_STRING")
    suffix = f"?{query}" if query else ""  # a search stays the same search
    alternates = SimpleLazyObject(
        lambda: {code: translate_url(request.path, code) + suffix for code, _name in settings.LANGUAGES}
    )
    return {
        "page_urls": SimpleLazyObject(lambda: page_addresses(language)),
        "alternate_urls": alternates,
        "hreflang_urls": alternates,
    }
