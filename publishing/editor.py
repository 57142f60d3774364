"""The Markdown editor's endpoints: live preview with writing aids, the frame that
shows the preview with the public site's stylesheet, and image upload.

django-markdownx leaves its preview and upload views open to anyone; these replace
them on the same paths, for staff who may edit pages.
"""

from functools import wraps

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.utils.csp import CSP
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_GET, require_POST

from .markdown import render_markdown
from .models import MarkdownContent, markdown_models
from .readability import readability
from .uploads import RejectedImage, store_uploaded_image
from .writing_checks import writing_findings


def can_edit_pages(user):
    """Staff who may change some kind of Markdown page: staff status alone (an intake
    coordinator, an account with no groups) is not enough."""
    return (
        user.is_active
        and user.is_staff
        and any(
            user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")
            for model in markdown_models()
        )
    )


def editor_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_edit_pages(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


@require_POST
@editor_required
def markdown_preview(request):
    content = request.POST.get("content", "")
    if len(content) > settings.MARKDOWN_BODY_MAX_LENGTH:
        return HttpResponseBadRequest(
            _("The text is too long to preview (limit: %(limit)d characters).")
            % {"limit": settings.MARKDOWN_BODY_MAX_LENGTH}
        )
    language = _language(request)
    # The writing aids, each warning with the sentence it is about, then the text
    # exactly as the page will show it: rendered by the same function as saving, and
    # split into the same blocks as the public template of its kind of page.
    return render(
        request,
        "admin/publishing/editor_preview.html",
        {
            "measured": readability(content, language),
            "language": language,
            "warnings": writing_findings(content, language),
            "kind": request.GET.get("kind"),
            "body": RenderedBody(render_markdown(content, language)),
        },
    )


class RenderedBody:
    """Text not saved yet, split as MarkdownContent splits a saved page's body."""

    body_parts = MarkdownContent.body_parts
    body_blocks = MarkdownContent.body_blocks

    def __init__(self, body_html):
        self.body_html = body_html


# The frame is the only page shown inside another, and only inside the admin's own.
FRAME_CSP = {**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF]}


@require_GET
@editor_required
@xframe_options_sameorigin
@csp_override(FRAME_CSP)
def preview_frame(request):
    """An empty public page (the site's stylesheet, no script) that the editor's
    script fills with the preview, so that staff see the type patients see, with none
    of the admin's styles."""
    return render(request, "admin/publishing/preview_frame.html", {"language": _language(request)})


def _language(request):
    language = request.GET.get("language")
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


@require_POST
@editor_required
def image_upload(request):
    upload = request.FILES.get("image")
    if upload is None:
        return JsonResponse({"image": [_("Choose an image to upload.")]}, status=400)
    try:
        url = store_uploaded_image(upload)
    except RejectedImage as error:
        return JsonResponse({"image": [str(error)]}, status=400)
    return JsonResponse({"image_code": f"![]({url})"})
