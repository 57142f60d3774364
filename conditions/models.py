import copy
import datetime
import re
import unicodedata

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from markdownx.models import MarkdownxField
from simple_history.models import HistoricalRecords

from .markdown import headings, plain_text, render_markdown


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class ReviewStatus(models.TextChoices):
    OVERDUE = "overdue", _("Review overdue")
    DUE_SOON = "due_soon", _("Review due soon")
    CURRENT = "current", _("Reviewed")
    NEVER = "never", _("Never reviewed")


# A page whose next review falls within this many days is "due soon".
REVIEW_DUE_SOON_DAYS = 30


class EditConflict(Exception):
    """Someone else saved the page after this edit started from it."""


def fold(text):
    """``text`` in lower case without accents, character for character ("Presión"
    gives "presion", of the same length), for searching as people type."""
    folded = []
    for character in text:
        base = unicodedata.normalize("NFD", character)[0]
        lower = base.lower()
        folded.append(lower if len(lower) == 1 else base)
    return "".join(folded)


class MarkdownContentQuerySet(models.QuerySet):
    def published(self):
        """The one definition of what the public may see."""
        return self.filter(status=Status.PUBLISHED).filter(
            Q(publish_at__isnull=True) | Q(publish_at__lte=timezone.now())
        )

    def in_language(self, language=None):
        """Pages written in ``language`` (by default, the language of the request)."""
        return self.filter(language=language or get_language() or settings.LANGUAGE_CODE)

    def for_readers(self, language=None):
        """What readers of ``language`` see: the published pages written in it, and the
        published English pages that have no published version in it yet (shown in
        English, with a notice)."""
        language = language or get_language() or settings.LANGUAGE_CODE
        published = self.published()
        if language == settings.LANGUAGE_CODE:
            return published.filter(language=language)
        translated = published.filter(language=language).values("translation_of")
        return published.filter(
            Q(language=language) | Q(language=settings.LANGUAGE_CODE) & ~Q(pk__in=translated)
        )

    def review_due_within(self, days):
        """Pages whose next medical review is due within ``days`` days (or overdue)."""
        return self.filter(next_review_due__lte=timezone.localdate() + datetime.timedelta(days=days))


class MarkdownContent(models.Model):
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
    # Title, summary and text folded for search (see fold()), kept up to date on save.
    search_text = models.TextField(editable=False, default="")
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
    updated = models.DateTimeField(_("updated"), auto_now=True)
    # Checksum of the page as last loaded from or exported to content/, so that
    # load_content can tell a staff edit from an untouched page.
    source_checksum = models.CharField(max_length=64, blank=True, editable=False)

    history = HistoricalRecords(
        inherit=True, excluded_fields=["body_html", "body_text", "search_text", "source_checksum", "updated"]
    )

    objects = MarkdownContentQuerySet.as_manager()

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
    # What an editor writes; changes to these on a published page wait for a reviewer.
    content_fields = ("title", "slug", "summary", "body")
    # Only a medical reviewer (or superuser) may change these.
    publishing_fields = ("status", "publish_at")
    review_fields = ("reviewed_by", "last_reviewed", "next_review_due")

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
        self.body_html = render_markdown(self.body)
        self.body_text = plain_text(self.body_html)
        self.search_text = fold(f"{self.title}\n{self.summary}\n{self.body_text}")
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

    def get_absolute_url(self):
        return self.localized_url()

    def clean(self):
        super().clean()
        if self.language == settings.LANGUAGE_CODE and self.translation_of_id:
            raise ValidationError(
                {"translation_of": _("Only a translation can be the translation of a page.")}
            )
        if self.language != settings.LANGUAGE_CODE and not self.translation_of_id:
            raise ValidationError({"translation_of": _("Choose the English page this translates.")})

    # The views this model's pages have, by name: {"detail": "conditions:...", ...}.
    url_names = {}

    def address(self, slug, view="detail"):
        """The address of this page's version at ``slug``, under the active language."""
        return reverse(self.url_names[view], kwargs={"slug": slug})

    def url_in_active_language(self, view="detail"):
        """This page's address for ``view`` under the active language's prefix."""
        return self.address(self.slug, view)

    def localized_url(self, view="detail"):
        """This page's address in its own language (a Spanish page lives under /es/)."""
        with translation.override(self.language):
            return self.url_in_active_language(view)

    def original(self):
        """The English page (this one, or the one it translates)."""
        return self.translation_of if self.translation_of_id else self

    @cached_property
    def live_slugs(self):
        """{language: slug} of the versions of this page the public can see now.

        From the published index, cached under the content version: no query.
        """
        from .caching import published_versions

        return published_versions(type(self)).get(self.translation_of_id or self.pk, {})

    def alternate_urls(self, view="detail"):
        """{language: address} of this page for readers of each language.

        Where a language has no published version, the address shows the English page
        under that language's prefix, with a notice in that language (never an empty page).
        """
        urls = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                urls[code] = self.address(self.live_slugs.get(code) or self.original().slug, view)
        return urls

    def hreflang_urls(self):
        """{language: address} of the versions that really exist, for search engines."""
        urls = {}
        for code, slug in self.live_slugs.items():
            with translation.override(code):
                urls[code] = self.address(slug)
        return {code: urls[code] for code, _name in settings.LANGUAGES if code in urls}

    @property
    def folded_body_text(self):
        """``fold(body_text)``, without folding it again: search_text ends with it."""
        return self.search_text[len(self.title) + len(self.summary) + 2 :]

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED

    @property
    def is_live(self):
        """Visible to the public right now."""
        return self.is_published and (self.publish_at is None or self.publish_at <= timezone.now())

    @property
    def is_scheduled(self):
        return self.is_published and self.publish_at is not None and self.publish_at > timezone.now()

    @property
    def review_status(self):
        if not self.next_review_due:
            return ReviewStatus.NEVER
        today = timezone.localdate()
        if self.next_review_due < today:
            return ReviewStatus.OVERDUE
        if self.next_review_due <= today + datetime.timedelta(days=REVIEW_DUE_SOON_DAYS):
            return ReviewStatus.DUE_SOON
        return ReviewStatus.CURRENT

    @property
    def body_parts(self):
        """The body's opening paragraph (its main message) and the rest, to place the
        "On this page" list between them."""
        lead, separator, rest = self.body_html.partition("</p>")
        if not separator or not lead.lstrip().startswith("<p>"):
            return "", self.body_html
        return lead + separator, rest

    @property
    def sections(self):
        """(id, title) of the page's sections, for its "On this page" list."""
        return headings(self.body_html, level=2)

    def redirectable_paths(self):
        """Every public path that belongs to this page, to keep working after a slug change."""
        return [self.get_absolute_url()]

    def with_pending_changes(self):
        """An unsaved copy showing the page as it will look once its pending changes are published."""
        preview = copy.copy(self)
        for name, value in (self.pending_changes or {}).items():
            setattr(preview, name, self._meta.get_field(name).to_python(value))
        preview.body_html = render_markdown(preview.body)
        return preview


def one_year_after(day):
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day + datetime.timedelta(days=365)


class Condition(MarkdownContent):
    class Icon(models.TextChoices):
        CLOUD_RAIN = "cloud-rain", _("Rain cloud")
        WAVES = "waves", _("Waves")
        SHIELD = "shield", _("Shield")
        BOLT = "bolt", _("Lightning bolt")
        LIFE_RING = "life-ring", _("Life ring")
        ARROWS_UP_DOWN = "arrows-up-down", _("Up and down arrows")
        PULSE = "pulse", _("Pulse line")

    icon = models.CharField(
        _("icon"),
        max_length=30,
        choices=Icon.choices,
        default=Icon.PULSE,
        help_text=_("Small picture on the condition's card."),
    )
    related = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        verbose_name=_("related conditions"),
        help_text=_("Shown at the end of the page as other pages to read."),
    )
    key_facts = models.TextField(
        _("key facts for the handout"),
        blank=True,
        help_text=_(
            "Three to five short facts, one per line, printed on the page's referral handout. "
            "Plain words, no promises."
        ),
    )
    order = models.PositiveSmallIntegerField(
        _("display order"), default=0, help_text=_("Lower numbers are listed first.")
    )
    opens_with_crisis_block = models.BooleanField(
        _("opens with the crisis box"),
        default=False,
        help_text=_(
            "Show the “Get help now” box (988 and 911) at the top of the page, before anything "
            "else. Use it for pages that people in crisis may read."
        ),
    )

    front_matter_fields = (
        "title",
        "slug",
        "summary",
        "order",
        "icon",
        "related",
        "status",
        "opens_with_crisis_block",
        "key_facts",
        "reviewed_by",
        "last_reviewed",
        "next_review_due",
    )
    # Written to content files as a YAML list, one item per line.
    line_list_fields = ("key_facts",)
    content_fields = (
        "title",
        "slug",
        "summary",
        "body",
        "key_facts",
        "order",
        "icon",
        "opens_with_crisis_block",
    )

    class Meta(MarkdownContent.Meta):
        ordering = ["order", "title"]
        verbose_name = _("condition")
        verbose_name_plural = _("conditions")
        permissions = [
            ("publish_condition", _("Can publish conditions and their changes")),
            ("review_condition", _("Can record the medical review of conditions")),
        ]

    url_names = {
        "detail": "conditions:condition_detail",
        "handout": "conditions:condition_handout",
        "share_image": "conditions:condition_share_image",
    }

    def get_handout_url(self):
        return self.localized_url("handout")

    def get_share_image_url(self):
        return self.localized_url("share_image")

    def redirectable_paths(self):
        return [self.get_absolute_url(), self.get_handout_url(), self.get_share_image_url()]

    @property
    def key_fact_list(self):
        return [line.strip(" -•\t") for line in self.key_facts.splitlines() if line.strip(" -•\t")]


class Page(MarkdownContent):
    """A standalone page: the overview, what to expect, FAQ, and so on."""

    # Derived on save: the overview of ketamine therapy, in any language, is the home page.
    is_home = models.BooleanField(default=False, editable=False)
    show_contact_details = models.BooleanField(
        _("show contact details"),
        default=False,
        help_text=_("Show the center's address, opening hours and directions after the text."),
    )

    front_matter_fields = (
        "title",
        "slug",
        "summary",
        "status",
        "show_contact_details",
        "reviewed_by",
        "last_reviewed",
        "next_review_due",
    )
    content_fields = ("title", "slug", "summary", "body", "show_contact_details")

    # The overview of ketamine therapy is the home page and lives at /.
    HOME_SLUG = "ketamine-therapy"
    # Top-level paths that belong to the site itself and can never be a page's slug.
    RESERVED_SLUGS = frozenset(
        {
            "admin",
            "conditions",
            "contact",
            "media",
            "markdownx",
            "static",
            "search",
            "refer",
            "es",
            "condiciones",
            "contacto",
            "buscar",
            "referir",
        }
    )

    class Meta(MarkdownContent.Meta):
        ordering = ["title"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        permissions = [
            ("publish_page", _("Can publish pages and their changes")),
            ("review_page", _("Can record the medical review of pages")),
        ]

    def save(self, *args, **kwargs):
        self.is_home = self.original().slug == self.HOME_SLUG
        super().save(*args, **kwargs)

    url_names = {"detail": "conditions:page_detail"}

    def address(self, slug, view="detail"):
        if self.is_home:
            return reverse("conditions:home")
        return super().address(slug, view)

    def clean(self):
        super().clean()
        if self.slug in self.RESERVED_SLUGS:
            raise ValidationError(
                {
                    "slug": _("“%(slug)s” is used by the site itself. Choose another slug.")
                    % {"slug": self.slug}
                }
            )


class Center(models.Model):
    """The center's contact details, stored once and shown on every page."""

    LAST_KNOWN_KEY = "center:last-known"
    # Refreshed whenever the details are read under a new content version.
    LAST_KNOWN_TIMEOUT = 7 * 24 * 60 * 60

    name = models.CharField(_("name"), max_length=200)
    building = models.CharField(_("building"), max_length=200, blank=True)
    street_address = models.CharField(_("street address"), max_length=200)
    locality = models.CharField(_("city"), max_length=100)
    region = models.CharField(_("state"), max_length=50)
    postal_code = models.CharField(_("ZIP code"), max_length=20)
    phone = models.CharField(
        _("phone number"),
        max_length=30,
        help_text=_("As patients should read it, for example (310) 555-0142."),
    )
    directions_url = models.URLField(
        _("directions link"),
        help_text=_("A link to the center on a map site. Opens only when a visitor chooses it."),
    )
    cta_heading = models.CharField(
        _("call-to-action heading"),
        max_length=200,
        help_text=_("Heading of the block that ends every page."),
    )
    cta_text = models.TextField(
        _("call-to-action text"),
        help_text=_("One or two sentences inviting the reader to consult a provider at the center."),
    )
    response_time = models.CharField(
        _("reply time"),
        max_length=200,
        default="",
        help_text=_(
            "Shown after someone sends the contact form, e.g. “We usually reply within one working day.”"
        ),
    )
    # The same texts in Spanish; where empty, Spanish pages show the English.
    cta_heading_es = models.CharField(_("call-to-action heading (Spanish)"), max_length=200, blank=True)
    cta_text_es = models.TextField(_("call-to-action text (Spanish)"), blank=True)
    response_time_es = models.CharField(_("reply time (Spanish)"), max_length=200, blank=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    source_checksum = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("center details")
        verbose_name_plural = _("center details")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="center_is_a_singleton"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def cached(cls):
        """The center's details with opening hours, from the cache when possible.

        Keyed on the content version, which an edit to the center renews, so every
        worker sees an edit at once. The copy kept under LAST_KNOWN_KEY is for pages
        shown while the database is down.
        """
        from .caching import MAX_AGE, content_version

        key = f"center.{content_version()}"
        center = cache.get(key)
        if center is None:
            center = cls.objects.prefetch_related("opening_hours").filter(pk=1).first()
            if center is not None:
                cache.set(key, center, MAX_AGE)
                cache.set(cls.LAST_KNOWN_KEY, center, cls.LAST_KNOWN_TIMEOUT)
        return center

    @classmethod
    def last_known(cls):
        """The details as last read from the database, without touching it (for outages)."""
        try:
            return cache.get(cls.LAST_KNOWN_KEY)
        except Exception:  # the cache may be down too
            return None

    # Texts written in each language; the Spanish ones fall back to English when empty.
    TRANSLATED_TEXTS = ("cta_heading", "cta_text", "response_time")

    @property
    def texts(self):
        """The call to action and reply time in the language of the request."""
        language = get_language() or settings.LANGUAGE_CODE
        texts = {}
        for name in self.TRANSLATED_TEXTS:
            translated = getattr(self, f"{name}_{language}", "") if language != settings.LANGUAGE_CODE else ""
            texts[name] = translated or getattr(self, name)
        return texts

    @property
    def tagline(self):
        """Where the center is, in a few words, for link previews and handouts."""
        return ", ".join(part for part in (self.building, self.locality) if part)

    @property
    def phone_uri(self):
        """tel: URI for the phone number, with a US country code when none is given."""
        digits = re.sub(r"\D", "", self.phone)
        if len(digits) == 10:
            digits = "1" + digits
        return f"tel:+{digits}"

    @property
    def address_lines(self):
        lines = [self.building, self.street_address, f"{self.locality}, {self.region} {self.postal_code}"]
        return [line for line in lines if line]

    @property
    def hours_summary(self):
        """Opening hours grouped into runs of days with the same times."""
        groups = []
        for period in sorted(self.opening_hours.all(), key=lambda p: p.weekday):
            last = groups[-1] if groups else None
            if (
                last
                and last["last_day"] == period.weekday - 1
                and (last["opens"], last["closes"]) == (period.opens, period.closes)
            ):
                last["last_day"] = period.weekday
                last["days"].append(period)
            else:
                groups.append(
                    {
                        "first_day": period.weekday,
                        "last_day": period.weekday,
                        "opens": period.opens,
                        "closes": period.closes,
                        "days": [period],
                    }
                )
        return [
            {
                "first": group["days"][0].get_weekday_display(),
                "last": group["days"][-1].get_weekday_display() if len(group["days"]) > 1 else "",
                "opens": group["opens"],
                "closes": group["closes"],
            }
            for group in groups
        ]


class OpeningHours(models.Model):
    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["weekday"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.UniqueConstraint(fields=["center", "weekday"], name="one_opening_period_per_day"),
            models.CheckConstraint(condition=Q(opens__lt=models.F("closes")), name="opens_before_closes"),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"
