import json

from django.conf import settings
from django.core import signing
from django.core.exceptions import BadRequest
from django.db.models import Case, Q, When
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.debug import sensitive_post_parameters

from conditions.models import Condition
from consultations.views import ContactView
from pages.models import Page
from publishing.languages import reader_language

from . import scoring
from .forms import (
    TOPIC_FOR_CONDITION,
    SelfCheckConsultationForm,
    every_step,
    load_answers,
    sign_answers,
    step_form,
)
from .models import ReasonText
from .questions import STEP_KEYS, STEPS

# The step value selfcheck.js sends when every question was answered on one page.
ALL_STEPS = "all"


def _answers_from(request, *, required=False):
    """The answers the form carried. Changed ones, or none where some must be, answer
    the site's 400 page (with the crisis line), never a bare error."""
    token = request.POST.get("answers", "")
    if required and not token:
        raise BadRequest("the self-check's answers are missing")
    try:
        return load_answers(token)
    except signing.BadSignature as error:
        raise BadRequest("the self-check's answers were changed") from error


def _private(response):
    # Answers never go into any cache, the page cache included (it only keeps public GETs).
    patch_cache_control(response, private=True, no_cache=True, no_store=True, max_age=0)
    return response


# The steps change nothing on the server (each answers with the next step), so they
# need no protection from forged requests, and so no security-token cookie either.
@method_decorator(csrf_exempt, name="dispatch")
@method_decorator(sensitive_post_parameters(), name="dispatch")
class SelfCheckView(View):
    """The self-check as a plain multi-step form.

    Each step posts its answers with the earlier ones, which travel signed in a hidden
    field: nothing is kept on the server, in a session or in a cookie until the patient
    chooses to send them with a consultation request.
    """

    template_name = "selfcheck/step.html"

    def get(self, request):
        # The later steps come too, switched off: selfcheck.js switches them on and asks
        # one question at a time, so no request leaves the page until the result.
        later = [(step, step_form(step)) for step in STEPS[1:]]
        return self.render_step(STEPS[0], {}, step_form(STEPS[0]), later_steps=later)

    def post(self, request):
        answers = _answers_from(request)
        step_key = request.POST.get("step", "")
        if step_key == ALL_STEPS:
            return self.answer_all(answers)
        if step_key not in STEP_KEYS:
            raise BadRequest("no such step")
        index = STEP_KEYS.index(step_key)
        if request.POST.get("action") == "back":
            previous = STEPS[max(index - 1, 0)]
            return self.render_step(previous, answers, step_form(previous, answers=answers))
        step = STEPS[index]
        if request.POST.get("action") == "edit":
            return self.render_step(step, answers, step_form(step, answers=answers))
        form = step_form(step, data=request.POST)
        if not form.is_valid():
            return self.render_step(step, answers, form, status=400)
        answers = {**answers, **form.cleaned_data}
        if index + 1 < len(STEPS):
            following = STEPS[index + 1]
            return self.render_step(following, answers, step_form(following, answers=answers))
        return self.render_result(answers)

    def answer_all(self, answers):
        """Every step sent at once: the result, or the first step with a problem, the
        answers before it kept. (selfcheck.js shows the result itself; this answers
        a browser whose script stopped halfway.)"""
        answers, problem = every_step(self.request.POST, answers)
        if problem is not None:
            step, form = problem
            return self.render_step(step, answers, form, status=400)
        return self.render_result(answers)

    def render_step(self, step, answers, form, status=200, later_steps=()):
        context = {
            "later_steps": later_steps,
            # For selfcheck.js, on the first page: every reason, note and result, each
            # with the rule that shows it, so that it works out the result in the page.
            "every_outcome": later_steps and every_outcome(),
            "step": step,
            "step_number": STEP_KEYS.index(step.key) + 1,
            "step_count": len(STEPS),
            "form": form,
            "answers_token": sign_answers(answers),
            "crisis": scoring.needs_crisis_help(answers),
        }
        return _private(TemplateResponse(self.request, self.template_name, context, status=status))

    def render_result(self, answers):
        result = scoring.result_for(answers)
        context = {
            "result": result,
            "kinds": [result.kind],
            "reasons": [(reason, explained_at(reason, answers), []) for reason in worded(result.reasons)],
            "notes": [(note, explained_at(note, answers), []) for note in worded(result.notes)],
            "phq9_score": result.phq9[0] if result.phq9 else "",
            "phq9_band": scoring.BAND_NAMES[result.phq9[1]] if result.phq9 else "",
            "gad7_score": result.gad7[0] if result.gad7 else "",
            "gad7_band": scoring.BAND_NAMES[result.gad7[1]] if result.gad7 else "",
            "answers_token": sign_answers(answers),
            "last_step": STEPS[-1],
        }
        return _private(TemplateResponse(self.request, "selfcheck/result.html", context))


def worded(reasons, texts=None):
    """``reasons`` as staff worded them for the reader's language (ReasonText)."""
    if texts is None:
        texts = ReasonText.objects.for_language(reader_language())
    return scoring.as_worded(reasons, texts)


def every_outcome():
    """What selfcheck.js needs to show any result: the results, every reason and note
    with its rule and page, and the score bands, in the reader's language."""
    texts = ReasonText.objects.for_language(reader_language())
    pages = {}  # each page looked up once, though several reasons point to it

    def page_for(target):
        if target not in pages:
            pages[target] = page_explaining(target)
        return pages[target]

    def with_pages(reason):
        """(reason, its page, and for the chosen condition's page: one per choice,
        of which selfcheck.js keeps the patient's)."""
        if reason.page != scoring.ANSWERED_CONDITION:
            return reason, page_for(reason.page), []
        return (
            reason,
            None,
            [(choice, page_for(f"condition:{slug}")) for choice, slug in TOPIC_FOR_CONDITION.items()],
        )

    return {
        "kinds": scoring.KINDS,
        "reasons": [
            with_pages(reason) for reason in worded(scoring.NOT_NOW_RULES + scoring.DOCTOR_FIRST_RULES, texts)
        ],
        "notes": [with_pages(note) for note in worded(scoring.NOTES, texts)],
        "crisis": json.dumps(scoring.CRISIS),
        "phq9_bands": json.dumps(
            [(lowest, str(scoring.BAND_NAMES[band])) for lowest, band in scoring.PHQ9_BANDS]
        ),
        "gad7_bands": json.dumps(
            [(lowest, str(scoring.BAND_NAMES[band])) for lowest, band in scoring.GAD7_BANDS]
        ),
    }


def explained_at(reason, answers):
    """The page that explains ``reason`` for this reader, or None."""
    target = reason.page
    if target == scoring.ANSWERED_CONDITION:
        target = f"condition:{TOPIC_FOR_CONDITION.get(answers.get('condition'), '')}"
    return page_explaining(target)


def page_explaining(target):
    """The page a reason names (see scoring.Reason.page) in the reader's language (or
    the English page, if it has none yet), or None."""
    if target.startswith("condition:"):
        model, english_slug = Condition, target.removeprefix("condition:")
    else:
        model, english_slug = Page, target.replace("_", "-")
    return (
        model.objects.for_readers()
        .filter(Q(slug=english_slug, language=settings.LANGUAGE_CODE) | Q(translation_of__slug=english_slug))
        .order_by(Case(When(language=settings.LANGUAGE_CODE, then=1), default=0))
        .first()
    )


@method_decorator(csrf_exempt, name="dispatch")
class SendView(ContactView):
    """The consultation form with the self-check's answers: saved together, on "Send".

    The result page's "Send" only asks for this form, which changes nothing: it needs
    no security token (the check sets no cookie). Sending the form does, as on the
    contact form.
    """

    template_name = "selfcheck/send.html"
    form_class = SelfCheckConsultationForm
    thanks_url = "consultations:contact_thanks"

    def get(self, request, *args, **kwargs):
        return redirect("selfcheck:start")

    def get_form(self):
        sending = "submission_key" in self.request.POST
        return self.form_class(data=self.request.POST if sending else None, initial=self.get_initial())

    def get_initial(self):
        token = self.answers_token()
        try:
            condition = load_answers(token).get("condition")
        except signing.BadSignature:
            condition = None
        return {"topic": TOPIC_FOR_CONDITION.get(condition, ""), "answers": token}

    def answers_token(self):
        if self.request.POST.get("step") == ALL_STEPS:
            # From the result selfcheck.js showed: the answers come as the check's fields.
            answers, problem = every_step(self.request.POST)
            if problem is not None:
                raise BadRequest("the self-check's answers are incomplete")
            return sign_answers(answers)
        return self.request.POST.get("answers", "")

    def post(self, request, *args, **kwargs):
        # Only the result sends here, always with the answers.
        _answers_from(request, required=True)
        if "submission_key" not in request.POST:
            # From the result: the form to fill in, the answers riding along.
            return _private(self.render_to_response(self.get_context_data(form=self.get_form())))
        return _private(csrf_protect(super().post)(request, *args, **kwargs))
