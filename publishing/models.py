"""The base of every page staff write: Markdown rendered on save, drafts and
publication, review dates, a version per language, and edits that never overwrite
each other. Conditions and standalone pages are its subclasses, each in its own app.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from markdownx.models import MarkdownxField
from simple_history.models import HistoricalRecords

from .content_version import VersionedContent
from .languages import TranslatedAddresses, reader_language
from .markdown import headings, plain_text, render_markdown
from .review import one_year_after, review_status_filter, review_status_of
from .statements import STATEMENTS, unknown_statements


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


# What the public may see, defined once: published, and its time (if it has one) come.
def live_filter(now):
    return Q(status=Status.PUBLISHED) & (Q(publish_at__isnull=True) | Q(publish_at__lte=now))


def scheduled_filter(now):
    return Q(status=Status.PUBLISHED, publish_at__gt=now)


class EditConflict(Exception):
    """Someone else saved the page after this edit started from it."""


class MarkdownContentQuerySet(models.QuerySet):
    def published(self):
        """The pages the public may see now."""
        return self.filter(live_filter(timezone.now()))

    def in_language(self, language=None):
        """Pages written in ``language`` (by default, the language of the request)."""
        return self.filter(language=language or reader_language())

    def for_readers(self, language=None):
        """What readers of ``language`` see: the published pages written in it, and the
        published English pages that have no published version in it yet (shown in
        English, with a notice)."""
        language = language or reader_language()
        published = self.published()
        if language == settings.LANGUAGE_CODE:
            return published.filter(language=language)
        translated = published.filter(language=language).values("translation_of")
        return published.filter(
            Q(language=language) | Q(language=settings.LANGUAGE_CODE) & ~Q(pk__in=translated)
        )

    def in_review_status(self, status):
        return self.filter(review_status_filter(status))

    def review_due_within(self, days):
        """Pages whose next medical review is due within ``days`` days (or overdue)."""
        return self.filter(next_review_due__lte=timezone.localdate() + datetime.timedelta(days=days))


class MarkdownContent(TranslatedAddresses, VersionedContent):
    """A page whose body staff write in Markdown; the HTML is rendered on save."""

    title = models.CharField(_("title"), max_length=200)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language this version of the page is written in."),
    )
    translation_of = models.ForeignKey(
        "self",
        verbose_name=_("translation of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations",
        limit_choices_to={"language": settings.LANGUAGE_CODE},
        help_text=_("For a translation: the English page it translates."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        help_text=_(
            "The last part of the page's web address. Lowercase letters, numbers and hyphens. "
            "If you change it, links to the old address keep working."
        ),
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("One plain sentence. Shown on listing cards and to search engines."),
    )
    body = MarkdownxField(
        _("body"),
        validators=[MaxLengthValidator(settings.MARKDOWN_BODY_MAX_LENGTH)],
        help_text=_(
            "Written in Markdown. Start with the page's main message in one or two sentences, "
            "then use ## for section headings. The preview shows what patients will see."
        ),
    )
    body_html = models.TextField(editable=False, default="")
    # Plain text of the body, for site search.
    body_text = models.TextField(editable=False, default="")
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text=_("Only published pages are visible to the public."),
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_(
            "Optional. A published page with a time here stays hidden until then, and appears "
            "on its own at that time."
        ),
    )
    reviewed_by = models.CharField(
        _("medically reviewed by"),
        max_length=200,
        blank=True,
        help_text=_("Name and credentials of the clinician who last reviewed the whole page."),
    )
    reviewer = models.ForeignKey(
        "clinicians.Clinician",
        verbose_name=_("reviewer's profile"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The clinician who last reviewed the page, if staff have added their profile: "
            "“Medically reviewed by” then links to it."
        ),
    )
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    next_review_due = models.DateField(
        _("next review due"),
        null=True,
        blank=True,
        help_text=_("Leave empty for one year after the last review."),
    )
    # Changes saved by someone who may not publish, to a page that is published: they
    # wait here, out of the public's sight, until a medical reviewer publishes them.
    pending_changes = models.JSONField(null=True, blank=True, editable=False)
    # Incremented by every save; an edit that started from an older version is refused
    # rather than silently overwriting someone else's work.
    version = models.PositiveIntegerField(default=1, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    # Checksum of the page as last loaded from or exported to content/, so that
    # load_content can tell a staff edit from an untouched page.
    source_checksum = models.CharField(max_length=64, blank=True, editable=False)

    history = HistoricalRecords(
        inherit=True, excluded_fields=["body_html", "body_text", "source_checksum", "updated"]
    )

    objects = MarkdownContentQuerySet.as_manager()

    # Where load_content and export_content keep this model's files, under content/.
    content_directory = None
    # Fields written to a content file's front matter, in order.
    front_matter_fields = (
        "title",
        "slug",
        "summary",
        "status",
        "reviewed_by",
        "last_reviewed",
        "next_review_due",
    )
    # Written to content files as a YAML list, one item per line.
    line_list_fields = ()
    # What an editor writes; changes to these on a published page wait for a reviewer.
    content_fields = ("title", "slug", "summary", "body")
    # Only a medical reviewer (or superuser) may change these.
    publishing_fields = ("status", "publish_at")
    review_fields = ("reviewed_by", "reviewer", "last_reviewed", "next_review_due")

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["language", "slug"], name="%(app_label)s_%(class)s_one_slug_per_language"
            ),
            models.UniqueConstraint(
                fields=["translation_of", "language"],
                name="%(app_label)s_%(class)s_one_translation_per_language",
            ),
        ]

    def __str__(self):
        if self.language != settings.LANGUAGE_CODE:
            return f"{self.title} ({self.get_language_display()})"
        return self.title

    def save(self, *args, expected_version=None, **kwargs):
        """Save, refusing with EditConflict if someone else saved since this edit began.

        ``expected_version`` is the version the edit started from (by default, the one
        this instance was loaded at). The check is one conditional UPDATE in the same
        transaction as the save, so two editors saving at the same moment cannot both
        pass it, on SQLite or on PostgreSQL.
        """
        self.body_html = render_markdown(self.body, self.language)
        self.body_text = plain_text(self.body_html)
        if self.last_reviewed and not self.next_review_due:
            self.next_review_due = one_year_after(self.last_reviewed)
        if self._state.adding:
            super().save(*args, **kwargs)
            return
        expected = self.version if expected_version is None else expected_version
        with transaction.atomic():
            claimed = type(self).objects.filter(pk=self.pk, version=expected).update(version=expected + 1)
            if not claimed:
                raise EditConflict
            self.version = expected + 1
            super().save(*args, **kwargs)

    @classmethod
    def content_moments(cls, now):
        """The last change includes a scheduled page that went live since; the next is
        the next scheduled page's time."""
        found = cls.objects.aggregate(
            updated=Max("updated"), published=Max("publish_at", filter=live_filter(now))
        )
        upcoming = cls.objects.filter(scheduled_filter(now)).order_by("publish_at")
        changed = max((moment for moment in (found["updated"], found["published"]) if moment), default=None)
        return changed, upcoming.values_list("publish_at", flat=True).first()

    def clean(self):
        super().clean()
        if self.language == settings.LANGUAGE_CODE and self.translation_of_id:
            raise ValidationError(
                {"translation_of": _("Only a translation can be the translation of a page.")}
            )
        if self.language != settings.LANGUAGE_CODE and not self.translation_of_id:
            raise ValidationError({"translation_of": _("Choose the English page this translates.")})
        unknown = unknown_statements(self.body)
        if unknown:
            raise ValidationError(
                {
                    "body": _(
                        "%(names)s is not a shared statement. Use one of %(known)s, or write the words out."
                    )
                    % {
                        "names": ", ".join(f"{{{{ {name} }}}}" for name in unknown),
                        "known": ", ".join(f"{{{{ {name} }}}}" for name in STATEMENTS),
                    }
                }
            )

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED

    @property
    def is_live(self):
        """Visible to the public right now (the same rule as live_filter)."""
        return self.is_published and (self.publish_at is None or self.publish_at <= timezone.now())

    @property
    def is_scheduled(self):
        return self.is_published and not self.is_live

    @property
    def review_status(self):
        return review_status_of(self.next_review_due)

    @property
    def body_parts(self):
        """The body's opening paragraph (its main message) and the rest, to place the
        "On this page" list between them."""
        lead, separator, rest = self.body_html.partition("</p>")
        if not separator or not lead.lstrip().startswith("<p>"):
            return "", self.body_html
        return lead + separator, rest

    @property
    def body_blocks(self):
        """The body as {"lead", "text", "references"}: its main message, the rest of
        its text, and its reference list, so that a template can place blocks between them."""
        lead, rest = self.body_parts
        text, separator, references = rest.partition('<section class="footnotes"')
        return {"lead": lead, "text": text, "references": separator + references}

    @property
    def sections(self):
        """(id, title) of the page's sections, for its "On this page" list."""
        return headings(self.body_html, level=2)

    def redirectable_paths(self):
        """Every public path that belongs to this page, to keep working after a slug change."""
        return [self.get_absolute_url()]


def markdown_models():
    """Every installed model of Markdown pages (conditions, pages, ...)."""
    from django.apps import apps

    return [model for model in apps.get_models() if issubclass(model, MarkdownContent)]


def render_stale_pages():
    """Render again every page whose stored HTML is not what its Markdown gives now
    (a shared statement or the renderer changed); return how many changed.

    Only the rendered fields are saved: the page's version, pending changes and
    history are the editors' and stay as they are. post_save still runs, so search
    and the content version follow.
    """
    changed = 0
    for model in markdown_models():
        for item in model.objects.all():
            rendered = render_markdown(item.body, item.language)
            if rendered == item.body_html:
                continue
            item.body_html, item.body_text = rendered, plain_text(rendered)
            item.skip_history_when_saving = True
            models.Model.save(item, update_fields=["body_html", "body_text", "updated"])
            changed += 1
    return changed


class SentBack(models.Model):
    """A medical reviewer's decision to return a page's waiting changes to their editor.

    The changes themselves stay where they are (the page's pending_changes), so the
    editor's text is never lost or copied; this row marks them, with the reviewer's
    note, for as long as the page stays at the version that was sent back. The next
    save of the page (the editor's revision) makes it a new version, and the mark
    no longer applies.
    """

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    version = models.PositiveIntegerField(help_text="The page's version when its changes were sent back.")
    note = models.TextField(_("note to the editor"), max_length=1000)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("changes sent back")
        verbose_name_plural = _("changes sent back")
        indexes = [models.Index(fields=["content_type", "object_id", "version"])]

    def __str__(self):
        return f"{self.content_type} #{self.object_id} v{self.version}"
