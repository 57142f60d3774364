"""schema.org JSON-LD for link previews and search engines.

Only what the page itself shows goes in: the condition's name, the review line, the
reference list, and the center's address, phone and opening hours.
"""

import html
import re

from .markdown import TAG

REFERENCE = re.compile(r'<li id="fn-[^"]+">(.*?)</li>', re.DOTALL)
LINK = re.compile(r'<a href="(https?://[^"]+)"')
BACK_LINK = re.compile(r'<a href="#fnref[^"]*"[^>]*>.*?</a>', re.DOTALL)
SCHEMA_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _text(fragment):
    return " ".join(html.unescape(TAG.sub(" ", fragment)).split())


def citations(body_html):
    """The page's reference list as schema.org CreativeWork items."""
    works = []
    for reference in REFERENCE.findall(body_html):
        reference = BACK_LINK.sub("", reference)
        work = {"@type": "CreativeWork", "name": _text(reference)}
        link = LINK.search(reference)
        if link:
            work["url"] = html.unescape(link.group(1))
        works.append(work)
    return works


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
    if condition.reviewed_by:
        data["reviewedBy"] = {"@type": "Person", "name": condition.reviewed_by}
    if center is not None:
        data["publisher"] = {"@type": "MedicalOrganization", "name": center.name}
    return data


def medical_clinic(center, url):
    return {
        "@context": "https://schema.org",
        "@type": "MedicalClinic",
        "name": center.name,
        "url": url,
        "telephone": center.phone,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": ", ".join(part for part in (center.building, center.street_address) if part),
            "addressLocality": center.locality,
            "addressRegion": center.region,
            "postalCode": center.postal_code,
            "addressCountry": "US",
        },
        "openingHoursSpecification": [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": SCHEMA_DAYS[period.weekday],
                "opens": period.opens.strftime("%H:%M"),
                "closes": period.closes.strftime("%H:%M"),
            }
            for period in sorted(center.opening_hours.all(), key=lambda period: period.weekday)
        ],
    }
