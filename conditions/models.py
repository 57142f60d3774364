from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from publishing.models import MarkdownContent
from publishing.statements import expand_plain_statements, unknown_statements


class Evidence(models.TextChoices):
    """How strong the research for ketamine in a condition is, in the words of the
    "How we rate the evidence" page (slug EVIDENCE_PAGE_SLUG)."""

    STRONG = "strong", pgettext_lazy("strength of evidence", "Strong")
    MODERATE = "moderate", pgettext_lazy("strength of evidence", "Moderate")
    LIMITED = "limited", pgettext_lazy("strength of evidence", "Limited")
    VERY_LIMITED = "very-limited", pgettext_lazy("strength of evidence", "Very limited")


# The page that explains the evidence labels.
EVIDENCE_PAGE_SLUG = "how-we-rate-the-evidence"


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
    evidence = models.CharField(
        _("strength of evidence"),
        max_length=20,
        choices=Evidence.choices,
        blank=True,
        help_text=_(
            "How strong the research for ketamine in this condition is, as defined on the "
            "“How we rate the evidence” page. Set on the English page; translations show the same label."
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

    content_directory = "conditions"
    front_matter_fields = (
        "title",
        "slug",
        "summary",
        "order",
        "icon",
        "related",
        "status",
        "opens_with_crisis_block",
        "evidence",
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
        "evidence",
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

    def clean(self):
        super().clean()
        unknown = unknown_statements(self.key_facts)
        if unknown:
            raise ValidationError(
                {"key_facts": _("%(names)s is not a shared statement.") % {"names": ", ".join(unknown)}}
            )

    @property
    def evidence_label(self):
        """(value, label) of the evidence rating, the English page's for a translation."""
        value = self.original().evidence
        return (value, Evidence(value).label) if value else None

    @property
    def key_fact_list(self):
        return [
            expand_plain_statements(line.strip(" -•\t"), self.language)
            for line in self.key_facts.splitlines()
            if line.strip(" -•\t")
        ]
