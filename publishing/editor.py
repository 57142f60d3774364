"""The Markdown editor's endpoints: live preview with writing aids, and image upload.

django-markdownx leaves its preview and upload views open to anyone; these replace
them on the same paths, for staff who may edit pages.
"""

from functools import wraps

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .markdown import render_markdown
from .models import markdown_models
from .readability import readability
from .uploads import RejectedImage, store_uploaded_image
from .writing_checks import writing_warnings


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
    language = (
        request.GET.get("language") if request.GET.get("language") in dict(settings.LANGUAGES) else "en"
    )
    aids = render_to_string(
        "includes/editor_aids.html",
        {
            "measured": readability(content, language),
            "language": language,
            "warnings": writing_warnings(content, language),
        },
    )
    # The aids panel sits above the preview; the preview itself is exactly what the
    # page will show, rendered by the same function as saving.
    return HttpResponse(aids + render_markdown(content, language))


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
