"""The admin's own pages for Markdown content: history, comparing and restoring
versions, the preview of changes waiting for review and sending them back. Each takes
the model's admin."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import resolve, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from . import workflow
from .models import EditConflict


def url_name(model_admin, view):
    return f"admin:{model_admin.model._meta.app_label}_{model_admin.model._meta.model_name}_{view}"


def page_or_404(model_admin, request, object_id):
    # An address someone typed or cut short ("abc", "1e5", a NUL byte) is not found,
    # never an error.
    if not (str(object_id).isascii() and str(object_id).isdigit()) or len(str(object_id)) > 18:
        raise Http404
    page = get_object_or_404(model_admin.model, pk=object_id)
    if not model_admin.has_view_or_change_permission(request, page):
        raise PermissionDenied
    return page


def history(model_admin, request, object_id):
    page = page_or_404(model_admin, request, object_id)
    records = page.history.select_related("history_user").order_by("-history_date", "-history_id")
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "object": page,
        "title": _("History of “%(title)s”") % {"title": page.title},
        "records": records,
        "can_restore": model_admin.has_change_permission(request, page),
        "compare_url": reverse(url_name(model_admin, "compare"), args=[page.pk]),
    }
    return TemplateResponse(request, "admin/publishing/history.html", context)


def revision_id(request, name):
    """The revision number in the query string ``name``, 0 when absent; 404 when not a number."""
    value = request.GET.get(name) or "0"
    if not (value.isascii() and value.isdigit()) or len(value) > 18:
        raise Http404
    return int(value)


def compare(model_admin, request, object_id):
    page = page_or_404(model_admin, request, object_id)
    records = page.history.order_by("-history_date", "-history_id")
    newer = records.filter(history_id=revision_id(request, "newer")).first() or records.first()
    older = records.filter(history_id=revision_id(request, "older")).first()
    if older is None:
        older = records.filter(history_date__lte=newer.history_date).exclude(pk=newer.pk).first() or newer
    if older.history_date > newer.history_date:
        older, newer = newer, older
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "object": page,
        "title": _("Compare versions of “%(title)s”") % {"title": page.title},
        "older": older,
        "newer": newer,
        "changes": workflow.compare(older, newer),
        "history_url": reverse(url_name(model_admin, "history"), args=[page.pk]),
    }
    return TemplateResponse(request, "admin/publishing/compare.html", context)


def restore(model_admin, request, object_id, history_id):
    """Shows what restoring a version would change and asks; restores on POST."""
    page = page_or_404(model_admin, request, object_id)
    if not model_admin.has_change_permission(request, page):
        raise PermissionDenied
    record = get_object_or_404(page.history, history_id=history_id)
    if request.method != "POST":
        context = {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.model._meta,
            "object": page,
            "record": record,
            "title": _("Restore an earlier version of “%(title)s”?") % {"title": page.title},
            "changes": workflow.restore_changes(page, record),
            "waits_for_review": page.is_published,
            "history_url": reverse(url_name(model_admin, "history"), args=[page.pk]),
        }
        return TemplateResponse(request, "admin/publishing/restore_confirm.html", context)
    try:
        live = workflow.restore(page, record, user=request.user)
    except EditConflict:
        model_admin.message_user(request, _("Someone saved this page just now. Try again."), messages.ERROR)
        return redirect(url_name(model_admin, "history"), page.pk)
    if live:
        model_admin.message_user(
            request, _("The earlier version is restored as the page's draft, a new revision.")
        )
    else:
        model_admin.message_user(
            request,
            _("The earlier version is restored as changes waiting for a medical reviewer to publish."),
            messages.WARNING,
        )
    return redirect(url_name(model_admin, "change"), page.pk)


def preview(model_admin, request, object_id):
    page = workflow.with_pending_changes(page_or_404(model_admin, request, object_id))
    # Rendered by whichever view serves the page's address, exactly as patients get it.
    with translation.override(page.language):
        view_class = resolve(page.get_absolute_url()).func.view_class
    return view_class.as_preview(request, page)


class SendBackForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the editor"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What to change before the page can be published. The editor reads it on the page."),
    )
    # The version the reviewer read: changes saved since are not sent back unread.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


def send_back(model_admin, request, object_id):
    """Asks for a note; on POST, returns the page's waiting changes to their editors."""
    page = page_or_404(model_admin, request, object_id)
    if not model_admin.has_publish_permission(request, page):
        raise PermissionDenied
    change_url = reverse(url_name(model_admin, "change"), args=[page.pk])
    if not page.pending_changes or workflow.sent_back(page) is not None:
        model_admin.message_user(request, _("This page has no changes waiting for review."), messages.WARNING)
        return redirect(change_url)
    form = SendBackForm(request.POST if request.method == "POST" else None, initial={"version": page.version})
    if form.is_valid():
        if form.cleaned_data["version"] != page.version:
            form.add_error(
                None, _("The changes were saved again since you opened this page. Read them again.")
            )
        else:
            workflow.send_back(page, user=request.user, note=form.cleaned_data["note"])
            model_admin.message_user(
                request,
                _(
                    "The changes are sent back to their editor, who is told by email. Patients keep seeing the published page."
                ),
            )
            return redirect(change_url)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "object": page,
        "title": _("Send the changes to “%(title)s” back to their editor?") % {"title": page.title},
        "form": form,
        "changes": workflow.waiting_changes(page),
        "change_url": change_url,
    }
    return TemplateResponse(request, "admin/publishing/send_back_confirm.html", context)


def sent_back_notice(mark):
    """The change form's notice on changes a reviewer sent back."""
    return _(
        "A medical reviewer (%(reviewer)s) sent these changes back on %(date)s: “%(note)s” "
        "Change them and save: they then wait for review again."
    ) % {
        "reviewer": (mark.sent_by.get_full_name() or mark.sent_by.get_username()) if mark.sent_by else "-",
        "date": timezone.localtime(mark.sent_at).strftime("%Y-%m-%d %H:%M"),
        "note": mark.note,
    }
