"""With JavaScript, the self-check works out its result in the page: nothing leaves the
page until "Send", and the page shows the same result, reasons, notes and scores as the
server's scoring (selfcheck/scoring.py) gives for the same answers."""

import re

import pytest

from consultations.models import ContactRequest
from selfcheck import scoring
from tests.browser.conftest import requests_leaving
from tests.browser.test_public_pages_in_browser import VIEWPORTS, WCAG_TAGS, axe_report, watch
from tests.test_selfcheck import CLEAR, CONTRAINDICATIONS

pytestmark = pytest.mark.usefixtures("loaded_site")

ADDRESSES = {"en": "/check/", "es": "/es/comprobar/"}
# Each case at one size and in one language, in turn: every rule, both sizes, both languages.
LAYOUTS = [(viewport, language) for language in ADDRESSES for viewport in VIEWPORTS]


def open_check(open_page, live_url, viewport, language):
    page = open_page(*VIEWPORTS[viewport])
    problems = watch(page, live_url)
    page.goto(live_url + ADDRESSES[language], wait_until="load")
    return page, problems, requests_leaving(page)


def answer_everything(page, answers):
    """Every question answered as the patient would, then "See what my answers may mean"."""
    page.evaluate(
        """answers => {
            for (const [key, value] of Object.entries(answers)) {
                for (const item of [].concat(value)) {
                    const input = document.querySelector(`input[name="${key}"][value="${item}"]`);
                    input.checked = true;
                    input.dispatchEvent(new Event("change", {bubbles: true}));
                }
            }
        }""",
        answers,
    )
    page.locator('button[value="next"]').evaluate("button => button.hidden = false")
    page.locator('button[value="next"]').click()
    page.locator("#result-heading").wait_for()


def shown(page):
    """What the page shows: (result, reasons, notes, PHQ-9 line, GAD-7 line)."""
    return (
        page.locator("[data-result]").get_attribute("class").split("selfcheck__result--")[1],
        page.locator(".selfcheck__reasons [data-reason]").evaluate_all(
            "items => items.map(i => i.dataset.reason)"
        )
        if page.locator(".selfcheck__reasons").count()
        else [],
        page.locator(".selfcheck__notes [data-reason]").evaluate_all(
            "items => items.map(i => i.dataset.reason)"
        )
        if page.locator(".selfcheck__notes").count()
        else [],
        page.locator('[data-score="phq9"]').inner_text(),
        page.locator('[data-score="gad7"]').inner_text(),
    )


@pytest.mark.parametrize(
    ("changes", "layout"),
    [(changes, LAYOUTS[number % len(LAYOUTS)]) for number, (changes, _, _) in enumerate(CONTRAINDICATIONS)]
    + [({"age": "65-plus", "ride_home": "unsure", "current_medicines": ["maoi", "opioid"]}, LAYOUTS[1])]
    + [({"phq9_1": "3", "phq9_2": "2", "gad7_1": "3", "gad7_7": "1"}, LAYOUTS[2])],
    ids=lambda value: (
        "-".join(value) if isinstance(value, tuple) else "-".join(f"{k}={v}" for k, v in value.items())
    ),
)
def test_the_page_shows_what_the_servers_scoring_gives(live_url, open_page, axe, changes, layout):
    answers = {**CLEAR, **changes}
    expected = scoring.result_for(answers)
    page, problems, leaving = open_check(open_page, live_url, *layout)

    answer_everything(page, answers)

    kind, reasons, notes, phq9, gad7 = shown(page)
    assert kind == expected.kind
    assert reasons == [reason.key for reason in expected.reasons]
    assert notes == [note.key for note in expected.notes]
    language = layout[1]
    for line, (score, band) in [(phq9, expected.phq9), (gad7, expected.gad7)]:
        assert re.search(rf"\b{score}\b", line) and scoring.BAND_NAMES[band].in_language(language) in line
    assert leaving == []  # worked out in the page
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, axe_report(results.response["violations"])
    assert not problems["errors"] and not problems["console"]


@pytest.mark.parametrize("layout", LAYOUTS[:2])
def test_nothing_leaves_the_page_until_send_then_the_answers_go_with_the_request(
    live_url, open_page, axe, layout
):
    page, problems, leaving = open_check(open_page, live_url, *layout)
    answers = {**CLEAR, "heart": "yes", "phq9_9": "1"}
    answer_everything(page, answers)
    # Changing an answer goes back to the questions, still in the page.
    page.get_by_role("button", name="Change my answers").click()
    assert page.locator("#result-heading").count() == 0
    page.locator('button[value="next"]').click()
    page.locator("#result-heading").wait_for()
    assert leaving == []

    page.get_by_role("button", name="Send my answers with a consultation request").click()
    page.locator("#id_name").wait_for()
    assert leaving == [("POST", live_url + "/check/send/")]
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, axe_report(results.response["violations"])
    page.fill("#id_name", "Pat Example")
    page.fill("#id_phone", "(310) 555-0177")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Send request").click()
    page.wait_for_url("**/thanks/")

    saved = ContactRequest.objects.get()
    assert saved.self_check["answers"]["heart"] == "yes"
    assert saved.self_check["result"] == scoring.DOCTOR_FIRST
    assert saved.self_check["flags"][0].startswith("SAFETY")
    assert not problems["errors"] and not problems["console"]


@pytest.fixture(scope="module")
def axe():
    from tests.browser.conftest import Axe

    return Axe()
