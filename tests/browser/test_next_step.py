"""The patient's next step in one tap, on a phone and on a desktop, in both languages:
the call and the consultation request in the header, and crisis help at every scroll
position, never covering what has the keyboard focus."""

import pytest

VIEWPORTS = {"phone": (390, 844), "desktop": (1280, 800)}
# The longest pages of each language.
LONGEST = {
    "en": "/conditions/treatment-resistant-depression/",
    "es": "/es/condiciones/depresion-resistente-al-tratamiento/",
}

VISIBLE = """selector => {
    const el = document.querySelector(selector);
    if (!el) return 'missing';
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return 'not shown';
    if (box.top < 0 || box.bottom > window.innerHeight) return `off screen (${Math.round(box.top)})`;
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return el.contains(hit) ? 'ok' : `covered by ${hit && hit.className}`;
}"""


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("language", LONGEST)
def test_call_consultation_and_crisis_help_are_one_tap_away_anywhere_on_the_page(
    loaded_site, open_page, language, viewport
):
    page = open_page(*VIEWPORTS[viewport])
    page.goto(loaded_site + LONGEST[language])

    for selector in [".header-actions__call", ".header-actions__consult", ".crisis-bar a[href='tel:988']"]:
        assert page.evaluate(VISIBLE, selector) == "ok", selector
    assert page.locator(".crisis-bar a[href^='sms:988']").count() == 1

    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
    assert page.evaluate("window.scrollY") > 2000
    assert page.evaluate(VISIBLE, ".crisis-bar a[href='tel:988']") == "ok"
    assert page.evaluate(VISIBLE, ".crisis-bar a[href^='sms:988']") == "ok"


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("language", LONGEST)
def test_every_tap_target_in_the_header_and_crisis_bar_is_at_least_44_px(
    loaded_site, open_page, language, viewport
):
    page = open_page(*VIEWPORTS[viewport])
    page.goto(loaded_site + LONGEST[language])

    small = page.evaluate(
        """() => [...document.querySelectorAll('.crisis-bar a, .site-header a, .site-header summary')]
            .filter(el => el.offsetParent !== null)
            .map(el => [el.textContent.trim(), el.getBoundingClientRect()])
            .filter(([, box]) => box.width < 44 || box.height < 44)
            .map(([text, box]) => `${text} ${Math.round(box.width)}x${Math.round(box.height)}`)"""
    )

    assert small == []


@pytest.mark.parametrize("language", LONGEST)
def test_the_spanish_options_are_the_same_everywhere(loaded_site, open_page, language):
    page = open_page(390, 844)
    page.goto(loaded_site + LONGEST[language])
    texts = page.eval_on_selector_all("a[href^='sms:988']", "links => links.map(a => a.href)")

    if language == "es":
        assert set(texts) == {"sms:988?&body=AYUDA"}
        assert "marque 2" in page.locator(".crisis-bar").inner_text()
    else:
        assert "sms:988?&body=AYUDA" in texts  # the Spanish line in the footer


def test_the_focused_link_is_never_hidden_under_the_crisis_bar(loaded_site, open_page):
    page = open_page(390, 844)
    page.goto(loaded_site + LONGEST["en"])
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
    bar_bottom = page.evaluate("document.querySelector('.crisis-bar').getBoundingClientRect().bottom")

    # Shift+Tab from the middle: focus moves back up the page, each time scrolled into view.
    page.focus("footer a")
    for _ in range(25):
        page.keyboard.press("Shift+Tab")
        top = page.evaluate("document.activeElement.getBoundingClientRect().top")
        inside_bar = page.evaluate("!!document.activeElement.closest('.crisis-bar')")
        assert inside_bar or top >= bar_bottom, f"focused element at {top}, under the bar (ends {bar_bottom})"
