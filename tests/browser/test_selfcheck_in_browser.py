"""The self-check in Chromium, at phone and desktop size, in English and Spanish.

Without JavaScript it is a multi-step form; with it, one question at a time and no
request until the result. axe finds nothing on any step; the crisis help appears for
each answer that calls for it; each contraindication gives its result.
"""

import pytest

from selfcheck.questions import STEPS
from tests.browser.conftest import requests_leaving
from tests.browser.test_public_pages_in_browser import VIEWPORTS, WCAG_TAGS, axe_report, watch
from tests.test_selfcheck import CLEAR

pytestmark = pytest.mark.usefixtures("loaded_site")

ADDRESSES = {"en": "/check/", "es": "/es/comprobar/"}


@pytest.fixture(scope="module")
def axe():
    from tests.browser.conftest import Axe

    return Axe()


def assert_accessible(page, axe):
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, axe_report(results.response["violations"])


def accessibility_checker(open_page, live_url, viewport):
    """A page that checks what a page without JavaScript shows: axe needs JavaScript to
    run, so each step's HTML is copied into this page, whose own scripts are blocked."""
    checker = open_page(*VIEWPORTS[viewport])
    checker.route("**/*.js", lambda route: route.abort())
    checker.goto(live_url + "/check/")

    def check(page, axe):
        checker.set_content(page.content(), wait_until="load")
        assert_accessible(checker, axe)

    return check


def answer_in_page(page, key, value):
    """Answer a question that selfcheck.js has not shown yet, as if the patient had."""
    page.evaluate(
        """([key, value]) => {
            const input = document.querySelector(`input[name="${key}"][value="${value}"]`);
            input.checked = true;
            input.dispatchEvent(new Event('change', {bubbles: true}));
        }""",
        [key, value],
    )


def choose(page, key, value):
    page.locator(f'input[name="{key}"][value="{value}"]').check()


def answer_step(page, answers):
    names = set(
        page.eval_on_selector_all(
            "fieldset.selfcheck__step:not([disabled]) input[type=radio]", "els => els.map(e => e.name)"
        )
    )
    assert names, "the step has no question to answer"
    for name in names:
        choose(page, name, answers[name])


def walk_without_javascript(page, answers, *, on_each_step=None):
    """Answer every step of the plain form; the number of steps answered."""
    steps = 0
    while not page.locator("#result-heading").count():
        assert steps < 12, "the result never came: a step was refused"
        if on_each_step:
            on_each_step()
        answer_step(page, answers)
        # A click waits only until the next page starts to arrive; read it once it is all here.
        with page.expect_navigation(wait_until="domcontentloaded"):
            page.locator('button[value="next"]').click()
        assert not page.locator(".error-summary").count(), page.locator(".error-summary").inner_text()
        steps += 1
    return steps


@pytest.mark.parametrize("language", ADDRESSES)
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_step_without_javascript_is_accessible_and_ends_in_the_result(
    live_url, open_page, axe, language, viewport
):
    page = open_page(*VIEWPORTS[viewport], java_script_enabled=False)
    check_accessible = accessibility_checker(open_page, live_url, viewport)
    problems = watch(page, live_url)
    page.goto(live_url + ADDRESSES[language])

    steps = walk_without_javascript(
        page, {**CLEAR, "phq9_9": "1"}, on_each_step=lambda: check_accessible(page, axe)
    )
    assert steps == 6
    assert page.locator(".crisis-box").first.is_visible()
    assert page.locator('[data-score="phq9"]').is_visible()
    check_accessible(page, axe)
    assert not problems["foreign"] and not problems["errors"]
    assert page.context.cookies() == []  # not even a form's security token


@pytest.mark.parametrize("language", ADDRESSES)
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_with_javascript_one_question_at_a_time_and_no_request_until_the_result(
    live_url, open_page, axe, language, viewport
):
    page = open_page(*VIEWPORTS[viewport])
    problems = watch(page, live_url)
    page.goto(live_url + ADDRESSES[language], wait_until="load")
    leaving = requests_leaving(page)

    fields = page.locator("[data-selfcheck-step] > .field")
    count = fields.count()
    assert count == sum(len(step.questions) for step in STEPS)
    # axe on every step: at its first question, with the step's heading shown.
    first_of_each_step = {sum(len(step.questions) for step in STEPS[:n]) for n in range(len(STEPS))}
    for index in range(count):
        # One question per screen: this one shown, and no other (asked of all at once).
        assert fields.nth(index).is_visible() and fields.filter(visible=True).count() == 1
        if index in first_of_each_step:
            assert_accessible(page, axe)
        question = fields.nth(index)
        radios = question.locator("input[type=radio]")
        if radios.count():
            name = radios.first.get_attribute("name")
            question.locator(f'input[value="{CLEAR[name]}"]').check()
        if index < count - 1:
            page.locator(".selfcheck__actions button[type=button]").first.click()
    assert leaving == []  # nothing left the page while answering

    page.locator('button[value="next"]').click()
    page.wait_for_selector("#result-heading")
    assert page.locator("#result-heading").is_visible()
    assert_accessible(page, axe)
    assert not problems["errors"] and not problems["foreign"]


CRISIS_HEADING = {"en": "Get help now", "es": "Pida ayuda ahora"}


@pytest.mark.parametrize("language", ADDRESSES)
@pytest.mark.parametrize(
    ("key", "value", "viewport"),
    # Every answer that calls for crisis help, each at one size (both sizes in all).
    [
        ("crisis_now", "yes", "phone"),
        ("phq9_9", "1", "desktop"),
        ("phq9_9", "2", "phone"),
        ("phq9_9", "3", "desktop"),
    ],
)
def test_with_javascript_the_crisis_block_appears_at_once(
    live_url, open_page, axe, language, key, value, viewport
):
    page = open_page(*VIEWPORTS[viewport])
    page.goto(live_url + ADDRESSES[language], wait_until="load")
    crisis = page.locator("[data-selfcheck-crisis]")
    assert not crisis.is_visible()

    answer_in_page(page, key, value)
    assert crisis.is_visible()
    assert crisis.locator("h2").inner_text() == CRISIS_HEADING[language]
    assert crisis.locator('a[href="tel:988"]').is_visible() and crisis.locator('a[href="tel:911"]').count()
    # The page scrolled to the crisis help, under the sticky crisis bar; axe would count
    # the header's buttons hidden beneath that bar as too small. Checked from the top.
    page.evaluate("window.scrollTo(0, 0)")
    assert_accessible(page, axe)
    answer_in_page(page, key, "0" if key == "phq9_9" else "no")
    assert not crisis.is_visible()


@pytest.mark.parametrize(
    ("changes", "heading", "reason"),
    [
        ({"age": "under-18"}, "#result-heading", "under-18"),
        ({"blood_pressure": "uncontrolled"}, "#result-heading", "blood-pressure"),
        ({"psychosis": "now"}, "#result-heading", "psychosis"),
        ({"pregnancy": "pregnant"}, "#result-heading", "pregnancy"),
        ({"blood_vessels": "yes"}, "#result-heading", "blood-vessels"),
        ({"heart": "unsure"}, "#result-heading", "heart"),
    ],
)
def test_each_contraindication_leads_to_its_result_in_the_browser(
    live_url, open_page, changes, heading, reason
):
    page = open_page(1280, 800, java_script_enabled=False)
    page.goto(live_url + "/check/")
    walk_without_javascript(page, {**CLEAR, **changes})

    assert page.locator(f'[data-reason="{reason}"]').is_visible()
