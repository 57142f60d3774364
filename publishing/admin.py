"""What every Markdown-backed model shares in the admin: drafts, review, history,
and a version per language, each edited beside the English original. Each app's
admin.py registers its model with a subclass of MarkdownContentAdmin."""

from django.conf import settings
from django.contrib import admin, messages
from django.db.models.functions import Coalesce
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget

from . import admin_views, workflow
from .forms import MarkdownContentForm
from .models import EditConflict, Status
from .readability import readability
from .review import ReviewStatus
from .writing_checks import writing_warnings


class ReviewStatusFilter(admin.SimpleListFilter):
    title = _("medical review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return ReviewStatus.choices

    def queryset(self, request, queryset):
        return queryset.in_review_status(self.value()) if self.value() in ReviewStatus.values else queryset


class LanguageMarkdownxWidget(AdminMarkdownxWidget):
    """The Markdown editor, whose live preview measures readability in the page's language."""

    def __init__(self, *args, language=None, **kwargs):
        self.language = language
        super().__init__(*args, **kwargs)

    def add_markdownx_attrs(self, attrs):
        attrs = super().add_markdownx_attrs(attrs)
        if self.language:
            attrs["data-markdownx-urls-path"] += f"?language={self.language}"
        return attrs


class MarkdownContentAdmin(admin.ModelAdmin):
    """What every Markdown-backed model shares in the admin: drafts, review, history,
    and a version per language, each edited beside the English original."""

    form = MarkdownContentForm
    formfield_overrides = {MarkdownxField: {"widget": AdminMarkdownxWidget}}
    change_form_template = "admin/publishing/markdown_change_form.html"
    list_display = ["title", "language", "publication", "review", "next_review_due", "updated"]
    list_filter = ["language", "status", ReviewStatusFilter]
    search_fields = ["title", "slug", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    actions = ["publish", "unpublish", "mark_reviewed_today"]
    editing_fields = []  # set by each admin

    class Media:
        css = {"all": ["css/editor.css"]}

    def get_ordering(self, request):
        # Each English page and its translations sort together, by the English title.
        return [Coalesce("translation_of__title", "title").asc(), "language"]

    # Who may do what
    # ------------------------------------------------------------------------

    def has_publish_permission(self, request, obj=None):
        return workflow.can_publish(request.user, self.model)

    def has_review_permission(self, request, obj=None):
        return workflow.can_review(request.user, self.model)

    def get_readonly_fields(self, request, obj=None):
        readonly = ["reading_grade", "created", "updated", "translations_list", "english_original"]
        if obj is not None:
            readonly += ["language", "translation_of"]  # chosen when the version is made
        if obj is not None and obj.is_published and not self.has_publish_permission(request, obj):
            # Related pages save at once, outside the pending-changes mechanism.
            readonly += list(self.live_only_fields)
        if not self.has_publish_permission(request, obj):
            readonly += list(self.model.publishing_fields)
        if not self.has_review_permission(request, obj):
            readonly += list(self.model.review_fields)
        if obj is not None and getattr(obj, "is_home", False):
            readonly.append("slug")  # the home page lives at /
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        return {} if "slug" in self.get_readonly_fields(request, obj) else self.prepopulated_fields

    live_only_fields = []  # set by each admin

    def get_fieldsets(self, request, obj=None):
        main = [*self.editing_fields, "reading_grade", "edit_version", "confirm_reuse"]
        if obj is not None and obj.translation_of_id:
            main.insert(main.index("body") + 1, "english_original")
        # What an editor writes comes first; the language versions are metadata below it.
        return [
            (None, {"fields": main}),
            (_("Language"), {"fields": ["language", "translation_of", "translations_list"]}),
            (_("Publishing"), {"fields": [*self.model.publishing_fields, "created", "updated"]}),
            (
                _("Medical review"),
                {
                    "fields": list(self.model.review_fields),
                    "description": _("Record a review only when a clinician has checked the whole page."),
                },
            ),
        ]

    # Editing
    # ------------------------------------------------------------------------

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        # Editors continue from the latest edited text, even when it still waits for review.
        return workflow.with_pending_changes(obj) if obj is not None and obj.pending_changes else obj

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("status", Status.DRAFT)
        return initial

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        language = obj.language if obj is not None else request.GET.get("language")
        if "body" in form.base_fields:
            form.base_fields["body"].widget = LanguageMarkdownxWidget(language=language)
        return form

    @admin.display(description=_("versions in other languages"))
    def translations_list(self, obj):
        """Links to this page's other versions, and to make a missing one."""
        if obj is None or obj.pk is None:
            return "-"
        original = obj.original()
        links = []
        for code, name in settings.LANGUAGES:
            version = (
                original
                if code == settings.LANGUAGE_CODE
                else original.translations.filter(language=code).first()
            )
            if version is not None and version.pk != obj.pk:
                url = reverse(self._url_name("change"), args=[version.pk])
                links.append(format_html('<a href="{}">{}: {}</a>', url, name, version.get_status_display()))
            elif version is None:
                url = reverse(self._url_name("add")) + f"?language={code}&translation_of={original.pk}"
                links.append(
                    format_html(
                        '<a href="{}">{}</a>', url, _("Write the %(language)s version") % {"language": name}
                    )
                )
        return format_html_join(" · ", "{}", ((link,) for link in links)) if links else "-"

    @admin.display(description=_("English original"))
    def english_original(self, obj):
        """The English text beside the translation, for reference while writing."""
        if obj is None or not obj.translation_of_id:
            return "-"
        return format_html('<pre class="english-original" lang="en">{}</pre>', obj.translation_of.body)

    def save_model(self, request, obj, form, change):
        live = workflow.save_edit(
            obj, user=request.user, expected_version=form.cleaned_data.get("edit_version")
        )
        if not live:
            self.message_user(
                request,
                _(
                    "Your changes are saved but not yet published: patients still see the published page. "
                    "A medical reviewer needs to publish them."
                ),
                messages.WARNING,
            )
        for warning in writing_warnings(obj.body, obj.language):
            self.message_user(request, warning, messages.WARNING)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except EditConflict:
            # Another save landed between this form's validation and its save (the
            # transaction was rolled back). Validating again now refuses it with the
            # usual message, and the editor's text stays in the form.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["pending_changes"] = bool(obj.pending_changes)
            context["preview_url"] = reverse(self._url_name("preview"), args=[obj.pk])
            context["history_url"] = reverse(self._url_name("history"), args=[obj.pk])
            context["is_scheduled"] = obj.is_scheduled
            returned = workflow.sent_back(obj)
            if obj.pending_changes and returned is None and self.has_publish_permission(request, obj):
                context["send_back_url"] = reverse(self._url_name("send_back"), args=[obj.pk])
            if returned is not None and request.method == "GET":
                self.message_user(request, admin_views.sent_back_notice(returned), messages.WARNING)
        return super().render_change_form(request, context, add, change, form_url, obj)

    # Actions
    # ------------------------------------------------------------------------

    @admin.action(description=_("Publish selected pages"), permissions=["publish"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Status.PUBLISHED)

    @admin.action(description=_("Unpublish selected pages"), permissions=["publish"])
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Status.DRAFT)

    def _set_status(self, request, queryset, status):
        for page in queryset:
            page = workflow.with_pending_changes(page) if page.pending_changes else page
            page.status = status
            workflow.save_edit(page, user=request.user, expected_version=page.version)
        self.message_user(request, _("%(count)d page(s) updated.") % {"count": len(queryset)})

    @admin.action(description=_("Mark selected pages as medically reviewed today"), permissions=["review"])
    def mark_reviewed_today(self, request, queryset):
        today = timezone.localdate()
        for page in queryset:
            page.last_reviewed, page.next_review_due = today, None
            # Staff accounts carry the reviewer's name and credentials, e.g. "Jane Roe, MD".
            page.reviewed_by = request.user.get_full_name() or page.reviewed_by or request.user.get_username()
            page.save()
        self.message_user(request, _("%(count)d page(s) marked as reviewed.") % {"count": len(queryset)})

    # List columns
    # ------------------------------------------------------------------------

    @admin.display(description=_("publication"), ordering="status")
    def publication(self, obj):
        if obj.is_scheduled:
            label = _("Scheduled for %(time)s") % {
                "time": timezone.localtime(obj.publish_at).strftime("%Y-%m-%d %H:%M")
            }
        elif obj.is_published:
            label = _("Published")
        else:
            label = _("Draft")
        if obj.pending_changes:
            label = _("%(status)s, changes waiting for review") % {"status": label}
        return label

    @admin.display(description=_("review status"), ordering="next_review_due")
    def review(self, obj):
        status = obj.review_status
        return format_html('<span class="review-status review-status--{}">{}</span>', status, status.label)

    @admin.display(description=_("reading grade"))
    def reading_grade(self, obj):
        measured = readability(obj.body, obj.language) if obj and obj.body else None
        if measured is None:
            return _("Not enough text to measure yet.")
        score, plain, measure = measured
        if obj.language == "es":
            verdict = _("good") if plain else _("too hard: aim for 60 or more")
            return _(
                "Reading ease %(score).1f (%(verdict)s), %(measure)s. The preview shows it as you type."
            ) % {
                "score": score,
                "verdict": verdict,
                "measure": measure,
            }
        verdict = _("good") if plain else _("too hard: aim for grade 8 or lower")
        return _("Grade %(grade).1f (%(verdict)s). The preview shows the grade as you type.") % {
            "grade": score,
            "verdict": verdict,
        }

    # History, comparison, restore and preview (admin_views.py)
    # ------------------------------------------------------------------------

    def _url_name(self, view):
        return admin_views.url_name(self, view)

    def get_urls(self):
        prefix = f"{self.model._meta.app_label}_{self.model._meta.model_name}"
        wrap = self.admin_site.admin_view

        def view(function):
            return wrap(lambda request, *args, **kwargs: function(self, request, *args, **kwargs))

        return [
            path("<path:object_id>/compare/", view(admin_views.compare), name=f"{prefix}_compare"),
            path(
                "<path:object_id>/history/<int:history_id>/restore/",
                view(admin_views.restore),
                name=f"{prefix}_restore",
            ),
            path("<path:object_id>/preview/", view(admin_views.preview), name=f"{prefix}_preview"),
            path("<path:object_id>/send-back/", view(admin_views.send_back), name=f"{prefix}_send_back"),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        return admin_views.history(self, request, object_id)
