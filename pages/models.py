from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from publishing.models import MarkdownContent


class Page(MarkdownContent):
    """A standalone page: the overview, what to expect, FAQ, and so on."""

    # Derived on save: the overview of ketamine therapy, in any language, is the home page.
    is_home = models.BooleanField(default=False, editable=False)

    class Audience(models.TextChoices):
        PATIENTS = "patients", _("Patients and families")
        CLINICIANS = "clinicians", _("Referring clinicians")

    # Whom the page speaks to: its call to action at the end is theirs.
    audience = models.CharField(
        _("written for"),
        max_length=20,
        choices=Audience.choices,
        default=Audience.PATIENTS,
        help_text=_(
            "Pages for referring clinicians end with a referral call to action instead of the patients' one."
        ),
    )
    show_contact_details = models.BooleanField(
        _("show contact details"),
        default=False,
        help_text=_("Show the center's address, opening hours and directions after the text."),
    )

    show_prices = models.BooleanField(
        _("show prices and insurance"),
        default=False,
        help_text=_(
            "Show the center's prices and the insurance it accepts (from the center's details) "
            "after the text, or an invitation to call while they are not filled in."
        ),
    )
    show_care_card = models.BooleanField(
        _("show the after-a-session care card"),
        default=False,
        help_text=_(
            "Show the card “After a session: when to get help” (what is expected, when to call the "
            "center, when to call 911) after the text. Every condition page shows it."
        ),
    )

    content_directory = "pages"
    front_matter_fields = (
        "title",
        "slug",
        "summary",
        "status",
        "audience",
        "show_contact_details",
        "show_prices",
        "show_care_card",
        "reviewed_by",
        "last_reviewed",
        "next_review_due",
    )
    content_fields = (
        "title",
        "slug",
        "summary",
        "body",
        "audience",
        "show_contact_details",
        "show_prices",
        "show_care_card",
    )

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
            "clinicians",
            "equipo-clinico",
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

    url_names = {"detail": "pages:page_detail"}

    def address(self, slug, view="detail"):
        if self.is_home:
            return reverse("pages:home")
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
