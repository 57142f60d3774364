from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .questions import QUESTIONS
from .scoring import REASONS


class QuestionTextQuerySet(models.QuerySet):
    def for_language(self, language):
        """{question key: (wording, why it matters)} staff wrote for ``language``."""
        rows = self.filter(language=language).values_list("key", "wording", "why_it_matters")
        return {key: (wording, why) for key, wording, why in rows}


class QuestionText(models.Model):
    """How a question is worded, and why it matters, in one language, as staff edit it.

    Only words: which answers a question offers, how they are scored and what sends a
    patient to the crisis help stay in code (selfcheck/scoring.py), with their tests.
    Without a row, the question shows its wording from selfcheck/questions.py.
    """

    key = models.CharField(
        _("question"), max_length=40, choices=[(key, key) for key in QUESTIONS], editable=True
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    wording = models.CharField(_("wording"), max_length=300)
    why_it_matters = models.CharField(_("why it matters"), max_length=300)

    objects = QuestionTextQuerySet.as_manager()

    class Meta:
        ordering = ["key", "language"]
        verbose_name = _("self-check question")
        verbose_name_plural = _("self-check questions")
        constraints = [
            models.UniqueConstraint(fields=["key", "language"], name="one_text_per_question_language")
        ]

    def __str__(self):
        return f"{self.key} ({self.language})"


class ReasonTextQuerySet(models.QuerySet):
    def for_language(self, language):
        """{reason key: text} staff wrote for ``language``."""
        return dict(self.filter(language=language).values_list("key", "text"))


class ReasonText(models.Model):
    """How a result explains one of its reasons or notes, in one language, as staff edit it.

    Only words: when a reason applies, and which result it leads to, stay in code
    (selfcheck/scoring.py), with their tests. Without a row, the reason shows its words
    from selfcheck/scoring.py.
    """

    key = models.CharField(_("reason"), max_length=40, choices=[(key, key) for key in REASONS])
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    text = models.CharField(_("text"), max_length=400)

    objects = ReasonTextQuerySet.as_manager()

    class Meta:
        ordering = ["key", "language"]
        verbose_name = _("self-check reason")
        verbose_name_plural = _("self-check reasons")
        constraints = [
            models.UniqueConstraint(fields=["key", "language"], name="one_text_per_reason_language")
        ]

    def __str__(self):
        return f"{self.key} ({self.language})"
