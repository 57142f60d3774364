import re

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from publishing.content_version import VersionedContent
from publishing.languages import reader_language


class Center(VersionedContent):
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
        from publishing.content_version import MAX_AGE, content_version

        key = f"center.{content_version()}"
        center = cache.get(key)
        if center is None:
            center = cls.objects.prefetch_related("opening_hours", "texts_by_language").filter(pk=1).first()
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

    @property
    def texts(self):
        """The call to action and reply time in the reader's language, each falling back
        to English where it is not written."""
        by_language = {text.language: text for text in self.texts_by_language.all()}
        english = by_language.get(settings.LANGUAGE_CODE) or CenterText()
        translated = by_language.get(reader_language())
        if translated is None or translated is english:
            return english
        return CenterText(
            language=translated.language,
            **{name: getattr(translated, name) or getattr(english, name) for name in CenterText.TEXT_FIELDS},
        )

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


class CenterText(models.Model):
    """The center's own words in one language, as every translated page: a row a language.

    A text left empty in a translation shows the English one.
    """

    TEXT_FIELDS = ("cta_heading", "cta_text", "response_time", "prices", "insurance")

    center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="texts_by_language")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    cta_heading = models.CharField(
        _("call-to-action heading"),
        max_length=200,
        blank=True,
        help_text=_("Heading of the block that ends every page."),
    )
    cta_text = models.TextField(
        _("call-to-action text"),
        blank=True,
        help_text=_("One or two sentences inviting the reader to consult a provider at the center."),
    )
    response_time = models.CharField(
        _("reply time"),
        max_length=200,
        blank=True,
        help_text=_(
            "Shown after someone sends the contact form, e.g. “We usually reply within one working day.”"
        ),
    )
    # Left empty, the cost page says to call for prices: it never shows a made-up figure.
    prices = models.TextField(
        _("prices"),
        blank=True,
        help_text=_(
            "The center's own prices, one per line, e.g. “IV ketamine infusion (one session): $…”. "
            "Shown on the cost and insurance page. Leave empty to invite readers to call instead."
        ),
    )
    insurance = models.TextField(
        _("insurance accepted"),
        blank=True,
        help_text=_(
            "The insurance plans the center accepts, one per line. Shown on the cost and insurance "
            "page. Leave empty to invite readers to call instead."
        ),
    )

    class Meta:
        ordering = ["language"]
        verbose_name = _("texts in one language")
        verbose_name_plural = _("texts in each language")
        constraints = [models.UniqueConstraint(fields=["center", "language"], name="one_text_per_language")]

    def __str__(self):
        return self.get_language_display()

    def clean(self):
        super().clean()
        if self.language == settings.LANGUAGE_CODE:
            # English is what every other language falls back to: it must say something.
            missing = {
                name: _("Write this in English.")
                for name in ("cta_heading", "cta_text")
                if not getattr(self, name)
            }
            if missing:
                raise ValidationError(missing)


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
