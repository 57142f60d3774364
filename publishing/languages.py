"""Pages in more than one language: which language a reader reads, and the addresses
of a page's versions.

English lives at the usual addresses, Spanish under /es/. Each language version of a
page is its own row (``language``, ``translation_of``), with its own slug.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property

from .content_version import published_versions


def reader_language():
    """The language of the request being served, else the site's own (English)."""
    return translation.get_language() or settings.LANGUAGE_CODE


class TranslatedAddresses:
    """Addresses of a page's versions, for models with ``url_names`` ({view: URL name})."""

    url_names = {}

    def address(self, slug, view="detail"):
        """The address of this page's version at ``slug``, under the active language."""
        return reverse(self.url_names[view], kwargs={"slug": slug})

    def url_in_active_language(self, view="detail"):
        """This page's address for ``view`` under the active language's prefix."""
        return self.address(self.slug, view)

    def localized_url(self, view="detail"):
        """This page's address in its own language (a Spanish page lives under /es/)."""
        with translation.override(self.language):
            return self.url_in_active_language(view)

    def get_absolute_url(self):
        return self.localized_url()

    def original(self):
        """The English page (this one, or the one it translates)."""
        return self.translation_of if self.translation_of_id else self

    @cached_property
    def live_slugs(self):
        """{language: slug} of the versions of this page the public can see now.

        From the published index, cached under the content version: no query.
        """
        return published_versions(type(self)).get(self.translation_of_id or self.pk, {})

    def alternate_urls(self, view="detail"):
        """{language: address} of this page for readers of each language.

        Where a language has no published version, the address shows the English page
        under that language's prefix, with a notice in that language (never an empty page).
        """
        urls = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                urls[code] = self.address(self.live_slugs.get(code) or self.original().slug, view)
        return urls

    def hreflang_urls(self):
        """{language: address} of the versions that really exist, for search engines."""
        urls = {}
        for code, slug in self.live_slugs.items():
            with translation.override(code):
                urls[code] = self.address(slug)
        return {code: urls[code] for code, _name in settings.LANGUAGES if code in urls}
