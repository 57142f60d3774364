"""The center as schema.org MedicalClinic data, for search engines and maps."""

from django.conf import settings

from .models import Center

SCHEMA_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


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


def medical_clinic_for(request):
    """The center's data for a page of this site, or None before its details are set."""
    center = Center.cached()
    return medical_clinic(center, settings.SITE_URL + "/") if center else None
