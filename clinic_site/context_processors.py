from django.conf import settings


def site_url(request):
    """The site's own address (DJANGO_SITE_URL), the start of every absolute link on a
    page: canonical links, link previews, share links, handout QR codes. Never taken
    from the request, whose Host header a visitor controls."""
    return {"site_url": settings.SITE_URL}
