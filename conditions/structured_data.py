"""A condition page as schema.org MedicalWebPage data, for search engines.

Only what the page itself shows goes in: the condition's name, the review line and
the reference list.
"""

import html
import re

from django.conf import settings

REFERENCE = re.compile(r'<li id="fn-[^"]+">(.*?)</li>', re.DOTALL)
LINK = re.compile(r'<a href="(https?://[^"]+)"')
BACK_LINK = re.compile(r'<a href="#fnref[^"]*"[^>]*>.*?</a>', re.DOTALL)


def citations(body_html):
    """The addresses of the works in the page's reference list.

    schema.org takes a citation as text; the addresses alone identify each work, and
    the names are on the page already, and a phone need not download them twice.
    """
    addresses = []
    for reference in REFERENCE.findall(body_html):
        link = LINK.search(BACK_LINK.sub("", reference))
        if link:
            addresses.append(html.unescape(link.group(1)))
    return addresses


def medical_web_page(condition, url, center=None):
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "url": url,
        "name": condition.title,
        "description": condition.summary,
        # The language the page is written in (an English page shown under /es/ is English).
        "inLanguage": condition.language,
        "about": {"@type": "MedicalCondition", "name": condition.title},
        "citation": citations(condition.body_html),
    }
    if condition.last_reviewed:
        data["lastReviewed"] = condition.last_reviewed.isoformat()
    reviewer = condition.reviewer
    if reviewer is not None and reviewer.is_public:
        data["reviewedBy"] = {
            "@type": "Person",
            "name": reviewer.name,
            "honorificSuffix": reviewer.credentials,
            "url": settings.SITE_URL + reviewer.get_absolute_url(),
        }
    elif condition.reviewed_by:
        data["reviewedBy"] = {"@type": "Person", "name": condition.reviewed_by}
    if center is not None:
        data["publisher"] = {"@type": "MedicalOrganization", "name": center.name}
    return data
