"""Every public page, in a real browser, at phone and desktop size.

For each page: zero axe-core violations for WCAG 2.0/2.1/2.2 A and AA, no console
errors or failed requests, no request to another host and no cookie, the crisis link
and the call to action visible and reachable with the Tab key, and no sideways
scrolling at 320 px wide or at 200% zoom. Screenshots go to test-artifacts/.
"""

from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from conditions.models import Condition
from pages.models import Page
from tests.browser.conftest import Axe, screenshot
from tests.factories import CONDITION_SLUGS

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
VIEWPORTS = {"phone": (390, 844), "desktop": (1280, 800)}
PAGE_SLUGS = [
    "what-to-expect",
    "faq",
    "for-providers",
    "about",
    "privacy",
    "accessibility",
    "cost-and-insurance",
    "how-we-rate-the-evidence",
]
PUBLIC_PAGES = {
    "home": ("/", 200),
    "conditions": ("/conditions/", 200),
    **{f"condition-{slug}": (f"/conditions/{slug}/", 200) for slug in CONDITION_SLUGS},
    **{f"handout-{slug}": (f"/conditions/{slug}/handout/", 200) for slug in CONDITION_SLUGS},
    **{f"page-{slug}": (f"/{slug}/", 200) for slug in PAGE_SLUGS},
    "contact": ("/contact/", 200),
    "contact-thanks": ("/contact/thanks/", 200),
    "referral": ("/refer/", 200),
    "referral-thanks": ("/refer/thanks/", 200),
    "search-results": ("/search/?q=blood+pressure", 200),
    "search-no-results": ("/search/?q=zzzqqq", 200),
    "not-found": ("/no-such-page/", 404),
}
SPANISH_CONDITION_SLUGS = [
    "depresion-resistente-al-tratamiento",
    "trastornos-de-ansiedad",
    "estres-postraumatico",
    "dolor-cronico",
    "pensamientos-suicidas",
    "trastorno-bipolar",
]
SPANISH_PAGE_SLUGS = [
    "que-esperar",
    "preguntas-frecuentes",
    "para-profesionales",
    "sobre-el-centro",
    "privacidad",
    "accesibilidad",
    "costos-y-seguro-medico",
    "como-calificamos-la-evidencia",
]
PUBLIC_PAGES |= {
    "es-home": ("/es/", 200),
    "es-conditions": ("/es/condiciones/", 200),
    **{f"es-condition-{slug}": (f"/es/condiciones/{slug}/", 200) for slug in SPANISH_CONDITION_SLUGS},
    **{f"es-handout-{slug}": (f"/es/condiciones/{slug}/folleto/", 200) for slug in SPANISH_CONDITION_SLUGS},
    **{f"es-page-{slug}": (f"/es/{slug}/", 200) for slug in SPANISH_PAGE_SLUGS},
    "es-contact": ("/es/contacto/", 200),
    "es-contact-thanks": ("/es/contacto/gracias/", 200),
    "es-referral": ("/es/referir/", 200),
    "es-referral-thanks": ("/es/referir/gracias/", 200),
    "es-search-results": ("/es/buscar/?q=presi%C3%B3n", 200),
    "es-search-no-results": ("/es/buscar/?q=zzzqqq", 200),
    "es-not-found": ("/es/no-existe/", 404),
}
# Pages with a form may set Django's CSRF cookie; no other cookie is allowed anywhere.
FORM_PAGES = {"contact", "referral", "es-contact", "es-referral"}
# A handout is printed, and a form or its thank-you page is itself the next step.
PAGES_WITHOUT_CLOSING_CTA = {
    name for name in PUBLIC_PAGES if "handout" in name or name.endswith(("contact", "thanks"))
}
MAX_TABS = 250
FIRST_SCREEN_TARGETS = {
    "crisis link": lambda el: el["inCrisisBar"] and el["href"] == "tel:988",
    "header call": lambda el: el["inHeader"] and el["href"].startswith("tel:"),
}
CLOSING_CALL_TARGET = {"call to action": lambda el: el["inCta"] and el["href"].startswith("tel:")}
REFLOW_WIDTHS = {"phone": 320, "desktop": 640}
# Focus the last element before this one that Tab stops at.
FOCUS_THE_STOP_BEFORE = """element => {
    const stops = [...document.querySelectorAll("a[href], button, input, select, textarea, [tabindex]")].filter(
        stop => stop.tabIndex >= 0 && !stop.disabled && stop.getClientRects().length > 0
            && stop.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING && !element.contains(stop));
    stops.at(-1).focus();
}"""


@pytest.fixture(scope="module")
def axe():
    return Axe()


def watch(page, base_url):
    """Collect console errors, failed requests and requests to other hosts."""
    problems = {"console": [], "failed": [], "foreign": [], "errors": []}
    origin = urlsplit(base_url).netloc
    page.on("console", lambda message: message.type == "error" and problems["console"].append(message.text))
    page.on("pageerror", lambda error: problems["errors"].append(str(error)))
    page.on("requestfailed", lambda request: problems["failed"].append(f"{request.url} {request.failure}"))
    page.on(
        "request",
        lambda request: urlsplit(request.url).netloc != origin and problems["foreign"].append(request.url),
    )
    return problems


def axe_report(violations):
    lines = []
    for violation in violations:
        targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} -> {targets}")
    return "\n".join(lines)


def tab_until(page, predicates):
    """Press Tab until every predicate has matched the focused element once."""
    reached = dict.fromkeys(predicates, False)
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
                const el = document.activeElement;
                if (!el || el === document.body) return null;
                const box = el.getBoundingClientRect();
                return {href: el.getAttribute('href') || '', inCta: !!el.closest('.cta'),
                        inHeader: !!el.closest('header'), inCrisisBar: !!el.closest('.crisis-bar'),
                        visible: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight};
            }"""
        )
        if focused:
            for name, predicate in predicates.items():
                if not reached[name] and predicate(focused):
                    assert focused["visible"], f"{name} receives focus but is not visible on screen"
                    reached[name] = True
        if all(reached.values()):
            break
    return reached


def assert_tab_reaches(page, predicates):
    reached = tab_until(page, predicates)
    assert all(reached.values()), f"not reachable with Tab: {[k for k, v in reached.items() if not v]}"


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_in_a_real_browser(loaded_site, open_page, axe, artifacts_dir, name, viewport):
    path, expected_status = PUBLIC_PAGES[name]
    width, height = VIEWPORTS[viewport]
    page = open_page(width, height)
    problems = watch(page, loaded_site)

    response = page.goto(loaded_site + path, wait_until="load")

    assert response.status == expected_status
    # What a visitor sees first, kept for people to look at (a full-page picture of the
    # longest pages took longer than all the checks together).
    screenshot(page, path=str(artifacts_dir / f"{name}-{viewport}.png"))

    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, axe_report(results.response["violations"])

    expected_console = (
        [] if expected_status == 200 else [text for text in problems["console"] if "404" in text]
    )  # Chromium logs the document's own 404 status as a console error.
    assert problems["console"] == expected_console
    assert problems["errors"] == []
    assert problems["failed"] == []
    assert problems["foreign"] == [], "requests to other hosts"
    cookies = page.context.cookies()
    if name in FORM_PAGES:
        assert {cookie["name"] for cookie in cookies} <= {"csrftoken"}
    else:
        assert cookies == []

    # Crisis help and the center's phone are on the first screen, and the first Tab
    # presses reach them.
    assert page.locator(".crisis-bar a[href='tel:988']").is_visible()
    assert page.locator(".header-actions a[href^='tel:']").is_visible()
    assert_tab_reaches(page, FIRST_SCREEN_TARGETS)

    # The call to action that closes the page (none on pages that are themselves the
    # next step) is in the Tab order: from the last stop before it, Tab reaches its phone
    # button. (The walk from the top of the page to it, a few long pages at both sizes,
    # is test_tab_walks_from_the_top_to_the_closing_call.)
    cta_phone = page.locator(".cta a.button[href^='tel:']")
    if name not in PAGES_WITHOUT_CLOSING_CTA:
        cta_phone.last.scroll_into_view_if_needed()
        assert cta_phone.last.is_visible()
        page.locator(".cta").last.evaluate(FOCUS_THE_STOP_BEFORE)
        assert_tab_reaches(page, CLOSING_CALL_TARGET)
    else:
        assert cta_phone.count() == 0

    # No sideways scrolling at 320 CSS px wide (WCAG 1.4.10) on a phone, nor in a 1280 px
    # window zoomed to 200% (640 CSS px) on a desktop: the page loaded at its size, then
    # narrowed, as a reader who zooms does.
    page.set_viewport_size({"width": REFLOW_WIDTHS[viewport], "height": height})
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {REFLOW_WIDTHS[viewport]} px"


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("name", ["condition-ptsd", "es-condition-estres-postraumatico", "page-faq"])
def test_tab_walks_from_the_top_to_the_closing_call(loaded_site, open_page, name, viewport):
    """No keyboard trap on the way: from the top of a long page, Tab alone reaches the
    crisis line, the header's call and then the closing call to action."""
    page = open_page(*VIEWPORTS[viewport])
    page.goto(loaded_site + PUBLIC_PAGES[name][0])

    assert_tab_reaches(page, {**FIRST_SCREEN_TARGETS, **CLOSING_CALL_TARGET})


def test_keyboard_focus_is_visible(loaded_site, open_page):
    page = open_page(390, 844)
    page.goto(loaded_site + "/conditions/ptsd/")

    page.keyboard.press("Tab")

    skip = page.locator(".skip-link")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["height"] >= 24
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


@pytest.mark.parametrize("path", ["/", "/conditions/ptsd/", "/contact/", "/search/?q=pain"])
def test_targets_are_at_least_24_css_pixels(loaded_site, open_page, path):
    """WCAG 2.5.8; links inside a sentence are exempt and left out."""
    page = open_page(390, 844)
    page.goto(loaded_site + path)
    page.locator("summary", has_text="Menu").click()

    small = page.evaluate(
        """() => [...document.querySelectorAll(
                'header a, nav a, .cta a, address a, .site-footer__links a, .card a, button, summary, input')]
            .filter(el => el.offsetParent !== null && !el.closest('.honeypot'))
            .map(el => [el.textContent.trim(), el.getBoundingClientRect()])
            .filter(([, box]) => box.width < 24 || box.height < 24)
            .map(([text, box]) => `${text} ${Math.round(box.width)}x${Math.round(box.height)}`)"""
    )

    assert small == []


def test_reduced_motion_is_respected(loaded_site, open_page):
    page = open_page(1280, 800, reduced_motion="reduce")
    page.goto(loaded_site + "/conditions/ptsd/")

    durations = page.evaluate(
        """() => [...document.querySelectorAll('*')].flatMap(el => {
            const style = getComputedStyle(el);
            return [style.animationDuration, style.transitionDuration];
        }).filter(d => d && d !== '0s' && parseFloat(d) > 0.001)"""
    )
    assert durations == []
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"


def test_main_message_is_visible_without_scrolling_on_a_phone(loaded_site, open_page):
    page = open_page(390, 844)
    for condition in Condition.objects.all():
        page.goto(loaded_site + condition.get_absolute_url())
        bottom = page.evaluate("document.querySelector('.prose > p').getBoundingClientRect().bottom")
        assert bottom <= 844, f"{condition.slug}: main message ends at {bottom}px"


def test_site_works_without_javascript(loaded_site, open_page):
    page = open_page(390, 844, java_script_enabled=False)
    page.goto(loaded_site + "/conditions/ptsd/")

    page.locator("summary", has_text="On this page").click()
    page.locator(".toc a").first.click()
    assert page.url.endswith("#what-is-ptsd")
    page.goto(loaded_site + "/search/?q=ptsd")
    assert page.locator(".search-results a").count() >= 1


def test_on_this_page_opens_on_wide_screens(loaded_site, open_page):
    wide, narrow = open_page(1280, 800), open_page(390, 844)
    for page in (wide, narrow):
        page.goto(loaded_site + "/conditions/ptsd/")

    assert wide.locator("details.toc").get_attribute("open") is not None
    assert narrow.locator("details.toc").get_attribute("open") is None


def test_print_shows_the_page_address_and_phone_without_navigation(loaded_site, open_page, artifacts_dir):
    page = open_page(1280, 800)
    page.goto(loaded_site + "/conditions/ptsd/")
    page.emulate_media(media="print")

    assert not page.locator(".site-nav").is_visible()
    assert not page.locator(".site-footer").is_visible()
    printed = page.locator(".print-only")
    assert printed.is_visible()
    assert f"{loaded_site}/conditions/ptsd/" in printed.inner_text()
    assert "(310) 555-0142" in printed.inner_text()
    page.pdf(path=str(artifacts_dir / "condition-ptsd-print.pdf"), format="Letter")


def test_every_page_is_covered(live_url):
    """The list above names every published page; a new page must be added to it."""
    call_command("load_content", verbosity=0)
    covered = {path for path, _ in PUBLIC_PAGES.values()}

    for item in [*Condition.objects.published(), *Page.objects.published()]:
        assert item.get_absolute_url() in covered, item.get_absolute_url()
