from django.db import models
from django.utils.translation import gettext_lazy as _

from publishing.models import MarkdownContent


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
