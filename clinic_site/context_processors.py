from django.conf import settings

from publishing.languages import reader_language


def site_url(request):
    """The site's own address (DJANGO_SITE_URL), the start of every absolute link on a
    page: canonical links, link previews, share links, handout QR codes. Never taken
    from the request, whose Host header a visitor controls."""
    return {"site_url": settings.SITE_URL}


def crisis_line(request):
    """The 988 Lifeline's text link, the same on every page of a language: in Spanish it
    fills in AYUDA, the word that reaches the Lifeline's Spanish-speaking counselors."""
    return {"crisis_sms": "sms:988?&body=AYUDA" if reader_language() == "es" else "sms:988"}
