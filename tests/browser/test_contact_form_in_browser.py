"""The consultation form, filled in with the keyboard alone, and its error state."""

import pytest
from playwright.sync_api import expect

from consultations.models import ContactRequest
from tests.browser.conftest import Axe, screenshot

from .test_public_pages_in_browser import WCAG_TAGS, axe_report


def tab_to(page, element_id, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == element_id:
            return
    pytest.fail(f"#{element_id} cannot be reached with the Tab key")


def test_a_patient_sends_the_form_with_the_keyboard_alone(loaded_site, open_page, artifacts_dir):
    page = open_page(390, 844)
    page.goto(f"{loaded_site}/conditions/anxiety-disorders/")
    page.locator(".cta a", has_text="Ask for a consultation").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/contact/?topic=anxiety-disorders*")

    tab_to(page, "id_name")
    page.keyboard.type("Jordan Rivera")
    page.keyboard.press("Tab")
    page.keyboard.type("(310) 555-0123")
    page.keyboard.press("Tab")
    page.keyboard.type("jordan@example.org")
    page.keyboard.press("Tab")  # how to contact: "Either is fine" is chosen
    page.keyboard.press("ArrowUp")  # "Email"
    page.keyboard.press("Tab")  # when: "Any time" is chosen
    page.keyboard.press("ArrowUp")  # "Afternoon"
    page.keyboard.press("Tab")  # the topic, chosen by the page we came from
    page.keyboard.press("Tab")
    page.keyboard.type("Evenings are hard for me.")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # consent
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    page.wait_for_url(lambda url: "/contact/thanks/" in url)
    screenshot(page, path=str(artifacts_dir / "contact-sent-by-keyboard.png"), full_page=True)
    saved = ContactRequest.objects.get()
    assert (saved.name, saved.phone, saved.email) == ("Jordan Rivera", "(310) 555-0123", "jordan@example.org")
    assert (saved.preferred_method, saved.preferred_time) == ("email", "afternoon")
    assert saved.topic == "anxiety-disorders" and saved.consent
    assert "What happens next" in page.content()


def test_errors_are_summarised_focused_linked_and_accessible(loaded_site, open_page, artifacts_dir):
    page = open_page(390, 844)
    page.goto(f"{loaded_site}/contact/")
    page.fill("#id_name", "Jordan Rivera")
    page.fill("#id_message", "Please call after work.")

    page.get_by_role("button", name="Send request").click()

    page.wait_for_load_state()
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert page.evaluate("() => document.activeElement.classList.contains('error-summary')")
    assert page.input_value("#id_name") == "Jordan Rivera"
    assert page.input_value("#id_message") == "Please call after work."
    screenshot(page, path=str(artifacts_dir / "contact-errors.png"), full_page=True)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, axe_report(results.response["violations"])

    summary.locator("a", has_text="Phone number").click()
    assert page.evaluate("() => document.activeElement.id") == "id_phone"
    assert not ContactRequest.objects.exists()


@pytest.mark.parametrize(
    ("path", "left", "over"),
    [
        ("/contact/", "1990 of 2000 characters left.", "5 characters too many"),
        ("/es/contacto/", "Quedan 1990 de 2000 caracteres.", "5 caracteres de más"),
    ],
)
def test_the_message_box_counts_what_is_left_as_one_types(loaded_site, open_page, path, left, over):
    page = open_page(390, 844)
    page.goto(loaded_site + path)
    count = page.locator("#id_message_count")

    page.fill("#id_message", "x" * 10)
    expect(count).to_have_text(left)

    page.fill("#id_message", "x" * 2005)
    expect(count).to_contain_text(over)
    # Nothing is cut: all 2,005 characters are still in the box, for the person to shorten.
    assert len(page.input_value("#id_message")) == 2005
