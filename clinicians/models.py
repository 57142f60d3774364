"""The center's clinicians, who review the medical pages.

Each page's "Medically reviewed by" line links to its reviewer's profile. A page
without a reviewer keeps the credit line staff write (the center's clinical team):
the site never shows a person staff have not added.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from publishing.content_version import VersionedContent
from publishing.languages import reader_language


class ClinicianQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)


class Clinician(VersionedContent):
    name = models.CharField(
        _("name"), max_length=200, help_text=_("As patients should read it, e.g. “Jane Roe”.")
    )
    credentials = models.CharField(
        _("credentials"), max_length=100, help_text=_("Degrees and board certification, e.g. “MD, FAPA”.")
    )
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("The last part of the profile's web address.")
    )
    role = models.CharField(_("role"), max_length=200, help_text=_("e.g. “Medical director, psychiatrist”."))
    role_es = models.CharField(_("role in Spanish"), max_length=200, blank=True)
    biography = models.TextField(
        _("short biography"),
        help_text=_(
            "A few plain sentences: training, experience, what they do at the center. Blank lines start a new paragraph."
        ),
    )
    biography_es = models.TextField(
        _("short biography in Spanish"), blank=True, help_text=_("Leave empty to show the English one.")
    )
    photo = models.ImageField(_("photo"), upload_to="clinicians/", blank=True)
    photo_alt = models.CharField(
        _("photo description"),
        max_length=200,
        blank=True,
        help_text=_(
            "What the photo shows, for people who cannot see it, e.g. “Dr. Roe smiling in her office”."
        ),
    )
    is_public = models.BooleanField(
        _("show on the website"),
        default=True,
        help_text=_("Untick to hide the profile and the link to it, e.g. when someone leaves the center."),
    )
    order = models.PositiveSmallIntegerField(_("display order"), default=0)

    objects = ClinicianQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("clinician")
        verbose_name_plural = _("clinicians")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(photo="") | ~models.Q(photo_alt=""), name="a_photo_has_a_description"
            ),
        ]

    def __str__(self):
        return f"{self.name}, {self.credentials}"

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.photo and not self.photo_alt.strip():
            raise ValidationError({"photo_alt": _("Describe the photo for people who cannot see it.")})

    def get_absolute_url(self):
        return reverse("clinicians:clinician_detail", kwargs={"slug": self.slug})

    @property
    def role_for_readers(self):
        """(text, language) of the role in the reader's language, or English."""
        if reader_language() == "es" and self.role_es:
            return self.role_es, "es"
        return self.role, "en"

    @property
    def biography_for_readers(self):
        """(text, language) of the biography in the reader's language, or English."""
        if reader_language() == "es" and self.biography_es:
            return self.biography_es, "es"
        return self.biography, "en"
