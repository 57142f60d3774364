"""What search engines read: sitemap.xml (every published page, in each language)
and robots.txt."""

from types import SimpleNamespace
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import sitemaps
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from clinicians.models import Clinician
from conditions.models import Condition
from pages.models import Page


class TranslatedContentSitemap(sitemaps.Sitemap):
    """Every published version, in each language, each listing its translations.

    Django's own i18n sitemaps list one item under every language prefix; here each
    language version is its own page with its own slug, and a page without a Spanish
    version has no Spanish address to list (its /es/ address shows the English page).
    """

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        origin = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        for url in urls:
            versions = url["item"].hreflang_urls()
            if len(versions) > 1:
                url["alternates"] = [
                    {"lang_code": code, "location": origin + path} for code, path in versions.items()
                ]
                url["alternates"].append(
                    {"lang_code": "x-default", "location": origin + versions[settings.LANGUAGE_CODE]}
                )
        return urls


class ConditionSitemap(TranslatedContentSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Condition.objects.published()

    def lastmod(self, condition):
        return condition.updated


class PageSitemap(TranslatedContentSitemap):
    changefreq = "monthly"

    def items(self):
        return Page.objects.published()

    def lastmod(self, page):
        return page.updated

    def priority(self, page):
        return 1.0 if page.is_home else 0.5


class ListingSitemap(sitemaps.Sitemap):
    """Pages that are views rather than content: the condition list and the two forms."""

    changefreq = "monthly"
    priority = 0.6
    # Listed under each language's prefix, with each other as alternates.
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return ["conditions:condition_list", "consultations:contact", "consultations:referral"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        latest = Condition.objects.published().order_by("-updated").values_list("updated", flat=True).first()
        return latest


class ClinicianSitemap(sitemaps.Sitemap):
    """The reviewers' public profiles, under each language's prefix."""

    changefreq = "yearly"
    priority = 0.3
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Clinician.objects.public()

    def lastmod(self, clinician):
        return clinician.updated


SITEMAPS = {
    "conditions": ConditionSitemap,
    "pages": PageSitemap,
    "listings": ListingSitemap,
    "clinicians": ClinicianSitemap,
}


@require_safe
def sitemap(request):
    """sitemap.xml, its addresses starting with DJANGO_SITE_URL (never the Host header)."""
    address = urlsplit(settings.SITE_URL)
    site = SimpleNamespace(domain=address.netloc, name=address.netloc)
    urls = []
    for sitemap_class in SITEMAPS.values():
        urls.extend(sitemap_class().get_urls(site=site, protocol=address.scheme))
    return TemplateResponse(request, "sitemap.xml", {"urlset": urls}, content_type="application/xml")


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /markdownx/",
        "Disallow: /search/",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
