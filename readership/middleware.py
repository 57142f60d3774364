from django.conf import settings

from . import counting


class ReadershipMiddleware:
    """Counts views of public pages, those the page cache serves included.

    Goes before (outside) the page cache, whose hits never reach the views. It
    reads the request and the response and changes neither: nothing is set on the
    response, no cookie and no header. What is counted: readership/counting.py.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.not_pages = tuple(
            f"/{prefix.strip('/')}/"
            for prefix in (settings.ADMIN_PATH, settings.STATIC_URL, settings.MEDIA_URL)
            if prefix.strip("/") and "://" not in prefix
        )

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 200
            and request.method == "GET"
            and response.get("Content-Type", "").startswith("text/html")
            and not request.path_info.startswith(self.not_pages)
            and counting.is_counted_visitor(request)
        ):
            counting.count_view(request.path)
        return response
