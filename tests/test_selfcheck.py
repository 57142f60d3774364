"""The self-check: a private multi-step form, its scores, its safety routing and its result."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from consultations.models import ContactRequest
from selfcheck import scoring
from selfcheck.questions import STEPS
from selfcheck.texts import Text
from tests.factories import consultation

# Answers that raise no flag at all: the "may be an option" path.
CLEAR = {
    "crisis_now": "no",
    "age": "18-64",
    "condition": "depression",
    "duration": "over-2-years",
    "medicines_tried": "2-plus",
    "therapy": "yes",
    "blood_pressure": "no",
    "blood_vessels": "no",
    "heart": "no",
    "psychosis": "no",
    "mania": "no",
    "pregnancy": "no",
    "substances": "no",
    "allergy": "no",
    **{f"phq9_{n}": "2" for n in range(1, 9)},
    "phq9_9": "0",
    **{f"gad7_{n}": "1" for n in range(1, 8)},
    "ride_home": "yes",
}


def token_of(response):
    return re.search(r'name="answers" value="([^"]+)"', response.content.decode()).group(1)


def take_check(client, answers, prefix=""):
    """Answer every step as a browser without JavaScript would; return each response."""
    responses = [client.get(f"{prefix}/{'comprobar' if prefix else 'check'}/")]
    url = f"{prefix}/{'comprobar' if prefix else 'check'}/"
    for step in STEPS:
        data = {"answers": token_of(responses[-1]), "step": step.key, "action": "next"}
        for question in step.questions:
            if question.key in answers:
                data[question.key] = answers[question.key]
        responses.append(client.post(url, data))
    return responses


# Published scoring: PHQ-9 and GAD-7
# ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "items, score, band",
    [
        ([0] * 9, 0, "minimal"),
        ([1, 1, 1, 1, 0, 0, 0, 0, 0], 4, "minimal"),
        ([1, 1, 1, 1, 1, 0, 0, 0, 0], 5, "mild"),
        ([3, 3, 3, 0, 0, 0, 0, 0, 0], 9, "mild"),
        ([2, 2, 2, 2, 2, 0, 0, 0, 0], 10, "moderate"),
        ([2, 2, 2, 2, 2, 2, 2, 0, 0], 14, "moderate"),
        ([3, 3, 3, 3, 3, 0, 0, 0, 0], 15, "moderately-severe"),
        ([3, 3, 3, 3, 3, 3, 1, 0, 0], 19, "moderately-severe"),
        ([3, 3, 3, 3, 3, 3, 2, 0, 0], 20, "severe"),
        ([3] * 9, 27, "severe"),
    ],
)
def test_phq9_is_scored_and_banded_as_published(items, score, band):
    answers = {f"phq9_{n}": str(value) for n, value in enumerate(items, 1)}

    assert scoring.phq9(answers) == (score, band)


@pytest.mark.parametrize(
    "items, score, band",
    [
        ([0] * 7, 0, "minimal"),
        ([1, 1, 1, 1, 0, 0, 0], 4, "minimal"),
        ([1, 1, 1, 1, 1, 0, 0], 5, "mild"),
        ([3, 3, 3, 0, 0, 0, 0], 9, "mild"),
        ([2, 2, 2, 2, 2, 0, 0], 10, "moderate"),
        ([2, 2, 2, 2, 2, 2, 2], 14, "moderate"),
        ([3, 3, 3, 3, 3, 0, 0], 15, "severe"),
        ([3] * 7, 21, "severe"),
    ],
)
def test_gad7_is_scored_and_banded_as_published(items, score, band):
    answers = {f"gad7_{n}": str(value) for n, value in enumerate(items, 1)}

    assert scoring.gad7(answers) == (score, band)


def test_a_measure_is_not_scored_until_every_item_is_answered():
    answers = {f"phq9_{n}": "1" for n in range(1, 9)}

    assert scoring.phq9(answers) is None
    assert scoring.gad7({"gad7_1": "4", **{f"gad7_{n}": "0" for n in range(2, 8)}}) is None


# Safety routing
# ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes, crisis",
    [
        ({}, False),
        ({"crisis_now": "yes"}, True),
        ({"phq9_9": "1"}, True),
        ({"phq9_9": "2"}, True),
        ({"phq9_9": "3"}, True),
    ],
)
def test_crisis_help_for_every_answer_that_signals_thoughts_of_suicide(changes, crisis):
    assert scoring.needs_crisis_help({**CLEAR, **changes}) is crisis


def test_the_crisis_block_comes_first_and_the_check_goes_on(client, site_content):
    first = client.get("/check/")
    step_two = client.post(
        "/check/",
        {
            "answers": token_of(first),
            "step": "you",
            "action": "next",
            **{k: CLEAR[k] for k in ("age", "condition", "duration")},
            "crisis_now": "yes",
        },
    )

    page = step_two.content.decode()
    main = page[page.index('<main id="main"') :]
    assert step_two.status_code == 200
    assert main.index('class="crisis-box"') < main.index("<h1>")
    assert 'href="tel:988"' in main and 'href="tel:911"' in main and "988lifeline.org/chat/" in main
    assert 'name="step" value="treatments"' in main  # the rest of the check stays available


def test_phq9_item_9_shows_the_crisis_block_on_the_next_step_and_the_result(client, site_content):
    responses = take_check(client, {**CLEAR, "phq9_9": "1"})

    gad7_step, result = responses[-2].content.decode(), responses[-1].content.decode()
    before_phq9 = responses[3].content.decode()  # the PHQ-9 step, shown before it is answered
    assert 'class="crisis-box"' not in before_phq9[before_phq9.index("<main") :]
    for page in (gad7_step, result):
        main = page[page.index("<main") :]
        assert main.index('class="crisis-box"') < main.index("<h1>")


def test_the_crisis_block_is_in_spanish_on_the_spanish_check(client, site_content):
    first = client.get("/es/comprobar/")
    response = client.post(
        "/es/comprobar/",
        {
            "answers": token_of(first),
            "step": "you",
            "action": "next",
            "age": "18-64",
            "condition": "anxiety",
            "duration": "over-2-years",
            "crisis_now": "yes",
        },
    )

    page = response.content.decode()
    assert "Obtenga ayuda ahora" in page or "ayuda" in page[page.index("crisis-box") :][:600]
    assert "Tratamientos" in page


# Results
# ----------------------------------------------------------------------------


# Each answer that changes the result: (the answer, the result, the reason given).
CONTRAINDICATIONS = [
    ({"age": "under-18"}, scoring.NOT_NOW, "under-18"),
    ({"pregnancy": "pregnant"}, scoring.NOT_NOW, "pregnancy"),
    ({"pregnancy": "breastfeeding"}, scoring.NOT_NOW, "pregnancy"),
    ({"blood_vessels": "yes"}, scoring.NOT_NOW, "blood-vessels"),
    ({"allergy": "yes"}, scoring.NOT_NOW, "allergy"),
    ({"blood_pressure": "uncontrolled"}, scoring.NOT_NOW, "blood-pressure"),
    ({"psychosis": "now"}, scoring.NOT_NOW, "psychosis"),
    ({"mania": "now"}, scoring.NOT_NOW, "mania"),
    ({"substances": "now"}, scoring.NOT_NOW, "substances"),
    ({"blood_pressure": "unsure"}, scoring.DOCTOR_FIRST, "unsure-health"),
    ({"blood_vessels": "unsure"}, scoring.DOCTOR_FIRST, "unsure-health"),
    ({"heart": "yes"}, scoring.DOCTOR_FIRST, "heart"),
    ({"heart": "unsure"}, scoring.DOCTOR_FIRST, "heart"),
    ({"psychosis": "past"}, scoring.DOCTOR_FIRST, "psychosis-past"),
    ({"mania": "past"}, scoring.DOCTOR_FIRST, "mania-past"),
    ({"pregnancy": "planning"}, scoring.DOCTOR_FIRST, "planning-pregnancy"),
    ({"medicines_tried": "0", "therapy": "no"}, scoring.DOCTOR_FIRST, "no-treatment-yet"),
]


@pytest.mark.parametrize("changes, kind, reason", CONTRAINDICATIONS)
def test_each_contraindication_leads_to_its_result_with_its_reason(
    client, site_content, changes, kind, reason
):
    assert scoring.result_for(CLEAR).kind == scoring.OPTION
    result = scoring.result_for({**CLEAR, **changes})
    assert result.kind == kind
    assert reason in [r.key for r in result.reasons]

    page = take_check(client, {**CLEAR, **changes})[-1].content.decode()
    headings = {
        scoring.NOT_NOW: "probably not right for you right now",
        scoring.DOCTOR_FIRST: "Talk to your own doctor first",
    }
    assert headings[kind] in page
    assert f'href="{EXPLAINED_AT[reason]}"' in reason_item(page, reason)


# Where each reason is explained, for a reader in English who chose depression.
EXPLAINED_AT = {
    # The overview (ketamine-therapy) is the home page.
    **dict.fromkeys(["under-18", "pregnancy", "planning-pregnancy", "blood-vessels", "allergy"], "/"),
    **dict.fromkeys(["blood-pressure", "psychosis", "substances", "unsure-health", "heart"], "/"),
    "psychosis-past": "/",
    "mania": "/conditions/bipolar-disorder/",
    "mania-past": "/conditions/bipolar-disorder/",
    "no-treatment-yet": "/conditions/treatment-resistant-depression/",  # the condition chosen
    "medicines": "/what-to-expect/",
    "ride-home": "/what-to-expect/",
    "age-65": "/",
}


def reason_item(page, key):
    return re.search(rf'<li data-reason="{key}">.*?</li>', page, re.DOTALL).group()


def test_each_reason_links_to_its_page_in_the_readers_language(client, site_content):
    answers = {**CLEAR, "mania": "past", "condition": "ptsd", "medicines_tried": "0", "therapy": "no"}
    answers["ride_home"] = "no"
    page = take_check(client, answers, prefix="/es")[-1].content.decode()

    assert 'href="/es/condiciones/trastorno-bipolar/"' in reason_item(page, "mania-past")
    assert 'href="/es/condiciones/estres-postraumatico/"' in reason_item(page, "no-treatment-yet")
    assert 'href="/es/que-esperar/"' in reason_item(page, "ride-home")


def test_probably_not_right_now_wins_over_talk_to_your_doctor_and_keeps_both_reasons():
    result = scoring.result_for({**CLEAR, "age": "under-18", "heart": "yes"})

    assert result.kind == scoring.NOT_NOW
    assert [r.key for r in result.reasons] == ["under-18", "heart"]


def test_notes_do_not_change_the_result():
    result = scoring.result_for({**CLEAR, "current_medicines": ["maoi"], "age": "65-plus", "ride_home": "no"})

    assert result.kind == scoring.OPTION
    assert [n.key for n in result.notes] == ["medicines", "age-65", "ride-home"]


def test_the_clear_path_says_may_be_an_option_and_explains_the_scores_without_promising(client, site_content):
    page = take_check(client, CLEAR)[-1].content.decode()

    assert "may be an option worth discussing" in page
    assert "Mood (PHQ-9): 16 out of 27" in page and "moderately severe" in page
    assert "Worry (GAD-7): 7 out of 21" in page and "“mild”" in page
    assert "not a diagnosis" in page
    for promise in ("will help", "guarantee", "cure", "you qualify"):
        assert promise not in page.lower()


def test_the_whole_check_works_in_spanish(client, site_content):
    page = take_check(client, {**CLEAR, "pregnancy": "pregnant"}, prefix="/es")[-1].content.decode()

    assert 'lang="es"' in page
    assert "embarazada o dando pecho" in page
    assert "Ánimo (PHQ-9)" in page or "PHQ-9" in page


# The form: no JavaScript, no storage, no cookie but the form's own token
# ----------------------------------------------------------------------------


def test_an_unanswered_question_is_asked_again_with_the_earlier_answers_kept(client, site_content):
    first = client.get("/check/")
    response = client.post(
        "/check/", {"answers": token_of(first), "step": "you", "action": "next", "age": "18-64"}
    )

    assert response.status_code == 400
    assert "Please answer every question" in response.content.decode()
    assert (
        'value="18-64" required checked' in response.content.decode()
        or 'value="18-64"' in response.content.decode()
    )


def test_back_shows_the_previous_step_with_its_answers(client, site_content):
    responses = take_check(client, CLEAR)
    health = responses[3]  # step 3 shown, steps 1 and 2 answered
    back = client.post("/check/", {"answers": token_of(health), "step": "health", "action": "back"})

    assert back.status_code == 200
    assert 'name="step" value="treatments"' in back.content.decode()
    assert re.search(r'value="2-plus"[^>]*checked', back.content.decode())


@pytest.mark.parametrize(
    "data",
    [
        {"answers": "tampered", "step": "you"},
        {"answers": "", "step": "nowhere"},
        {"step": "you", "age": "200", "answers": ""},
    ],
)
def test_tampered_or_unknown_input_is_a_4xx_never_a_500(client, site_content, data):
    assert client.post("/check/", data).status_code in (400,)


def test_nothing_is_stored_and_no_cookie_until_send(client, site_content):
    responses = take_check(client, {**CLEAR, "crisis_now": "yes"})

    assert not ContactRequest.objects.exists()
    for response in responses:
        assert not response.cookies
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert not client.cookies


def test_answer_pages_are_never_served_from_the_page_cache(client, site_content):
    first = take_check(client, CLEAR)[-1].content.decode()
    other = take_check(client, {**CLEAR, "age": "under-18"})[-1].content.decode()

    assert "may be an option worth discussing" in first
    assert "probably not right for you right now" in other


# Sending the answers with a consultation request
# ----------------------------------------------------------------------------


def send_check(client, answers):
    result = take_check(client, answers)[-1]
    form = client.post("/check/send/", {"answers": token_of(result)})
    data = consultation(topic="treatment-resistant-depression", answers=token_of(form))
    return form, client.post("/check/send/", data)


def test_sending_the_request_still_needs_the_forms_security_token(site_content):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    answers = token_of(take_check(browser, CLEAR)[-1])
    form = browser.post("/check/send/", {"answers": answers})  # "Send" on the result page
    assert form.status_code == 200 and "csrftoken" in form.cookies  # the form, and its token
    data = consultation(answers=token_of(form))

    assert browser.post("/check/send/", data).status_code == 403  # without the token
    assert not ContactRequest.objects.exists()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.content.decode()).group(1)
    assert browser.post("/check/send/", {**data, "csrfmiddlewaretoken": token}).status_code == 302
    assert ContactRequest.objects.count() == 1


def test_sent_answers_are_saved_once_with_the_request_and_the_email_only_says_so(
    client, site_content, settings
):
    settings.INTAKE_NOTIFICATION_EMAILS = ["intake@example.org"]
    form, sent = send_check(client, {**CLEAR, "heart": "yes", "phq9_9": "2"})

    assert form.status_code == 200 and 'name="answers"' in form.content.decode()
    assert 'value="treatment-resistant-depression" selected' in form.content.decode()
    assert sent.status_code == 302
    contact_request = ContactRequest.objects.get()
    check = contact_request.self_check
    assert check["result"] == scoring.DOCTOR_FIRST
    assert check["flags"][0].startswith("SAFETY")
    assert check["answers"]["heart"] == "yes"
    body = mail.outbox[-1].body
    assert "self-check is attached" in body
    assert "heart" not in body.lower() and "SAFETY" not in body


def test_sending_the_same_answers_twice_makes_one_request(client, site_content):
    result = take_check(client, CLEAR)[-1]
    form = client.post("/check/send/", {"answers": token_of(result)})
    data = consultation(answers=token_of(form))
    client.post("/check/send/", data)
    client.post("/check/send/", data)

    assert ContactRequest.objects.count() == 1


@pytest.mark.parametrize(
    "data",
    [{"answers": "tampered"}, consultation(answers="tampered"), {}, consultation(answers="")],
    ids=["tampered", "tampered-request", "no-answers", "request-without-answers"],
)
def test_changed_or_missing_answers_are_refused_at_send_with_the_sites_400_page(client, site_content, data):
    response = client.post("/check/send/", data)

    assert response.status_code == 400
    # The site's own error page, with the crisis line, not a bare error.
    assert b"988" in response.content
    assert not ContactRequest.objects.exists()


def test_intake_reads_the_summary_with_flags_first_and_exports_it(
    client, site_content, client_for, intake_user
):
    send_check(client, {**CLEAR, "crisis_now": "yes", "blood_pressure": "uncontrolled"})
    contact_request = ContactRequest.objects.get()
    staff = client_for(intake_user)

    page = staff.get(f"/admin/consultations/contactrequest/{contact_request.pk}/change/").content.decode()
    summary = page[page.index('class="self-check"') :]
    assert (
        summary.index("SAFETY") < summary.index("Probably not right now") < summary.index("How old are you?")
    )

    export = staff.post(
        "/admin/consultations/contactrequest/",
        {"action": "export_csv", "_selected_action": [contact_request.pk]},
    ).content.decode()
    assert "self_check_text" in export.splitlines()[0]
    assert "SAFETY: thoughts of suicide now" in export


def test_staff_outside_intake_cannot_see_the_answers(client, site_content, client_for, django_user_model):
    send_check(client, CLEAR)
    editor = django_user_model.objects.create_user(
        username="ed", password="a-long-test-password", is_staff=True
    )
    editor.groups.add(Group.objects.get(name="Editor"))

    response = client_for(editor).get(
        f"/admin/consultations/contactrequest/{ContactRequest.objects.get().pk}/change/"
    )

    assert response.status_code in (302, 403, 404)


def test_the_purge_deletes_the_answers_with_their_request(client, site_content):
    send_check(client, CLEAR)
    contact_request = ContactRequest.objects.get()
    contact_request.status = ContactRequest.Status.CLOSED
    contact_request.status_changed_at = timezone.now() - datetime.timedelta(days=365)
    contact_request.save()

    call_command("purge_contact_requests")

    assert not ContactRequest.objects.exists()


def test_every_condition_page_links_to_the_check_in_its_language(client, site_content):
    from conditions.models import Condition

    pages = Condition.objects.published()
    assert pages.filter(language="en").count() == 6 and pages.filter(language="es").count() == 6
    for condition in pages:
        check_address = "/es/comprobar/" if condition.language == "es" else "/check/"
        page = client.get(condition.localized_url()).content.decode()
        assert f'href="{check_address}"' in page, condition.localized_url()


@pytest.mark.parametrize(
    ("address", "check_address", "label"),
    [
        ("/", "/check/", "Self-check"),
        ("/es/", "/es/comprobar/", "Autoevaluación"),
        ("/faq/", "/check/", "Self-check"),
    ],
)
def test_the_header_menu_links_to_the_check_on_every_page(
    client, site_content, address, check_address, label
):
    header = client.get(address).content.decode().split("</header>")[0]

    # Twice: in the wide screens' menu and in the phones' folded one.
    assert header.count(f'<a href="{check_address}">{label}</a>') == 2


# Wording staff edit in admin
# ----------------------------------------------------------------------------


def test_every_question_is_seeded_in_both_languages_from_the_code(db):
    from selfcheck.models import QuestionText
    from selfcheck.questions import QUESTIONS

    assert QuestionText.objects.count() == 2 * len(QUESTIONS)
    spanish = QuestionText.objects.get(key="age", language="es")
    assert spanish.wording == "¿Cuántos años tiene?"


def test_staff_wording_is_shown_in_its_language_and_the_code_wording_without_a_row(
    client, site_content, superuser_client
):
    from selfcheck.models import QuestionText

    row = QuestionText.objects.get(key="age", language="en")
    superuser_client.post(
        f"/admin/selfcheck/questiontext/{row.pk}/change/",
        {"wording": "What is your age?", "why_it_matters": "Only adults can be treated here."},
    )
    QuestionText.objects.filter(key="condition", language="en").delete()
    client.logout()

    english = client.get("/check/").content.decode()
    spanish = client.get("/es/comprobar/").content.decode()
    assert "What is your age?" in english and "Only adults can be treated here." in english
    assert "What would you like help with most?" in english  # no row: the code's wording
    assert "¿Cuántos años tiene?" in spanish and "What is your age?" not in spanish


def test_staff_words_for_a_reason_are_shown_in_its_language_and_the_codes_without_a_row(
    client, site_content, superuser_client
):
    from selfcheck.models import ReasonText

    row = ReasonText.objects.get(key="heart", language="es")
    response = superuser_client.post(
        f"/admin/selfcheck/reasontext/{row.pk}/change/", {"text": "Hable primero con su cardiólogo."}
    )
    assert response.status_code == 302
    ReasonText.objects.filter(key="heart", language="en").delete()
    client.logout()

    spanish = take_check(client, {**CLEAR, "heart": "yes"}, prefix="/es")[-1].content.decode()
    english = take_check(client, {**CLEAR, "heart": "yes"})[-1].content.decode()
    assert "Hable primero con su cardiólogo." in reason_item(spanish, "heart")
    assert "Ketamine raises blood pressure, so your heart" in reason_item(
        english, "heart"
    )  # the code's words
    # The page that works out the result with JavaScript carries the same words.
    assert "Hable primero con su cardiólogo." in client.get("/es/comprobar/").content.decode()
    assert scoring.result_for({**CLEAR, "heart": "yes"}).kind == scoring.DOCTOR_FIRST


def test_editing_the_wording_never_changes_the_scoring(client, site_content):
    from selfcheck.models import QuestionText

    QuestionText.objects.filter(key="phq9_9").update(wording="Changed wording")

    assert scoring.needs_crisis_help({**CLEAR, "phq9_9": "1"})
    page = take_check(client, {**CLEAR, "phq9_9": "1"})[-1].content.decode()
    assert 'class="crisis-box"' in page


# All steps at once, as selfcheck.js sends them
# ----------------------------------------------------------------------------


def test_the_first_page_holds_every_later_step_switched_off(client, site_content):
    page = client.get("/check/").content.decode()

    assert page.count("data-later disabled hidden") == len(STEPS) - 1
    assert 'name="phq9_9"' in page and "js/selfcheck" in page


def test_every_answer_sent_at_once_gives_the_result(client, site_content):
    first = client.get("/check/")
    response = client.post(
        "/check/", {"answers": token_of(first), "step": "all", **CLEAR, "blood_vessels": "yes"}
    )

    assert response.status_code == 200
    assert 'data-reason="blood-vessels"' in response.content.decode()


def test_a_missing_answer_sent_at_once_shows_its_step_again(client, site_content):
    first = client.get("/check/")
    answers = {key: value for key, value in CLEAR.items() if key != "heart"}
    response = client.post("/check/", {"answers": token_of(first), "step": "all", **answers})

    assert response.status_code == 400
    assert 'name="step" value="health"' in response.content.decode()
    assert re.search(r'value="uncontrolled"', response.content.decode())


def _texts(value):
    """Every Text inside the questions or the rules, in their order."""
    if isinstance(value, Text):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item)
    elif hasattr(value, "__dataclass_fields__") or isinstance(value, dict):
        yield from _texts(list(vars(value).values() if not isinstance(value, dict) else value.values()))


def _as_prose(texts):
    # Questions and choices end without a full stop; each is a sentence of its own.
    return " ".join(text if text.rstrip().endswith((".", "?", "!")) else f"{text}." for text in texts)


CHECK_WORDS = {
    # The PHQ-9 and GAD-7 keep their published, validated wording.
    "questions": lambda: [step for step in STEPS if step.key not in ("phq9", "gad7")],
    "results": lambda: [scoring.NOT_NOW_RULES, scoring.DOCTOR_FIRST_RULES, scoring.NOTES],
}


@pytest.mark.parametrize("part", CHECK_WORDS)
def test_the_checks_own_words_read_at_grade_6_or_lower(part, record_reading_grade):
    import textstat

    texts = [text.in_language("en") for text in _texts(CHECK_WORDS[part]())]
    textstat.set_lang("en_US")
    grade = textstat.flesch_kincaid_grade(_as_prose(texts))
    record_reading_grade(f"self-check/{part}", grade)

    assert len(texts) > 10
    assert grade <= 6


@pytest.mark.parametrize("part", CHECK_WORDS)
def test_the_checks_spanish_words_are_easy_to_read(part, record_figure):
    # Fernández Huerta's scale for Spanish: 80 to 90 is "easy", a sixth-grade reader's.
    import textstat

    texts = [text.in_language("es") for text in _texts(CHECK_WORDS[part]())]
    textstat.set_lang("es")
    ease = textstat.fernandez_huerta(_as_prose(texts))
    record_figure(
        "Fernández Huerta reading ease (target: 80 or more)", f"{ease:5.1f}  self-check/{part}", part
    )

    assert len(texts) > 10
    assert ease >= 80
