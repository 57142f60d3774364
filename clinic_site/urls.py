from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from publishing import editor

from . import crawlers, views

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    # Browsers ask for /favicon.ico on pages without an icon link (the admin's).
    path("favicon.ico", views.favicon),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("sitemap.xml", crawlers.sitemap, name="sitemap"),
    path("robots.txt", crawlers.robots_txt, name="robots_txt"),
    # The Markdown editor's endpoints, on the paths django-markdownx's widget posts to,
    # served by our staff-only views instead of the package's open ones.
    path("markdownx/markdownify/", editor.markdown_preview, name="markdownx_markdownify"),
    path("markdownx/upload/", editor.image_upload, name="markdownx_upload"),
    path("markdownx/preview-frame/", editor.preview_frame, name="editor_preview_frame"),
    # Images uploaded by staff. A reverse proxy may serve MEDIA_ROOT at /media/ itself;
    # this keeps them working when it does not (and on `make run`).
    re_path(r"^media/(?P<path>.+)$", serve, {"document_root": settings.MEDIA_ROOT}),
] + i18n_patterns(
    # English at the usual addresses, Spanish under /es/.
    path("", include("consultations.urls")),
    path("", include("selfcheck.urls")),
    path("", include("conditions.urls")),
    path("", include("search.urls")),
    path("", include("clinicians.urls")),
    # Last: a standalone page's address is any top-level slug.
    path("", include("pages.urls")),
    prefix_default_language=False,
)

handler404 = "clinic_site.error_pages.page_not_found"
handler400 = "clinic_site.error_pages.bad_request"
handler403 = "clinic_site.error_pages.permission_denied"
handler500 = "clinic_site.error_pages.server_error"
