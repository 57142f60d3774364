from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from consultations.forms import ConsultationForm
from consultations.models import NOT_SURE
from publishing.languages import reader_language

from . import summary
from .models import QuestionText
from .questions import STEPS

SIGNING_SALT = "selfcheck.answers"

# The topic the consultation form starts with, from the self-check's "condition".
TOPIC_FOR_CONDITION = {
    "depression": "treatment-resistant-depression",
    "anxiety": "anxiety-disorders",
    "ptsd": "ptsd",
    "pain": "chronic-pain",
    "bipolar": "bipolar-disorder",
    "not-sure": NOT_SURE,
}


def sign_answers(answers):
    return signing.dumps(answers, salt=SIGNING_SALT, compress=True)


def load_answers(token):
    """The answers a form carried, or raise signing.BadSignature if they were changed."""
    if not token:
        return {}
    answers = signing.loads(token, salt=SIGNING_SALT)
    if not isinstance(answers, dict):
        raise signing.BadSignature("not a set of answers")
    return answers


def step_form_class(step):
    """A form with one field per question of ``step``: the label is the question, the
    help text why it matters, as staff worded them in admin (or as the code has them)."""
    texts = QuestionText.objects.filter(key__in=[q.key for q in step.questions]).for_language(
        reader_language()
    )
    fields = {}
    for question in step.questions:
        wording, why = texts.get(question.key, (str(question.wording), str(question.why)))
        choices = [(value, str(label)) for value, label in question.choices]
        if question.multiple:
            fields[question.key] = forms.MultipleChoiceField(
                label=wording,
                help_text=why,
                choices=choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
        else:
            fields[question.key] = forms.ChoiceField(
                label=wording,
                help_text=why,
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose an answer to this question.")},
            )
    return type(f"{step.key.title()}StepForm", (forms.Form,), fields)


def step_form(step, *, data=None, answers=None):
    form_class = step_form_class(step)
    initial = {key: value for key, value in (answers or {}).items() if key in form_class.base_fields}
    return form_class(data=data, initial=initial, prefix=None)


def every_step(data, answers=None):
    """The answers to every step in ``data`` (one page's fields, as selfcheck.js sends
    them), added to ``answers``: (answers, None), or (the answers before it, the first
    step's form with a problem)."""
    answers = dict(answers or {})
    for step in STEPS:
        form = step_form(step, data=data)
        if not form.is_valid():
            return answers, (step, form)
        answers.update(form.cleaned_data)
    return answers, None


ALL_KEYS = {question.key for step in STEPS for question in step.questions}


class SelfCheckConsultationForm(ConsultationForm):
    """The consultation form, carrying the self-check answers to be saved with it."""

    answers = forms.CharField(widget=forms.HiddenInput)

    def clean_answers(self):
        try:
            answers = load_answers(self.cleaned_data["answers"])
        except signing.BadSignature as error:
            raise forms.ValidationError(
                _("The answers could not be read. Please take the check again.")
            ) from error
        return {key: value for key, value in answers.items() if key in ALL_KEYS}

    def save(self, commit=True):
        contact_request = super().save(commit=False)
        contact_request.self_check = summary.for_staff(self.cleaned_data["answers"])
        if commit:
            contact_request.save()
        return contact_request
