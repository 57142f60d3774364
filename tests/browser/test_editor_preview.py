"""An editor types Markdown in the admin and the live preview follows: beside the text
on a wide screen, behind a Write / Preview switch on a phone, in the public type."""

import pytest

from conditions.models import Condition
from publishing.models import Status
from tests.factories import admin_url

from .conftest import screenshot, sign_in
from .test_public_pages_in_browser import VIEWPORTS, WCAG_TAGS, axe_report

BODY = (
    "Ketamine may ease depression for some people.\n\n"
    "## Who may not be a good candidate\n\n"
    "People with uncontrolled high blood pressure.\n\n"
    "- Pregnancy\n- Psychosis\n\n"
    + "".join(f"## Part {number}\n\nA plain paragraph about part {number}.\n\n" for number in range(1, 16))
    + "## Last part\n\nThis treatment cures everyone. To book, [click here](/faq/)."
)


def watch_errors(page):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # Content-Security-Policy violations are reported as console errors.
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on(
        "response",
        lambda response: response.status >= 400 and errors.append(f"{response.status} {response.url}"),
    )
    return errors


@pytest.fixture
def condition(db):
    return Condition.objects.create(
        title="Draft condition", slug="draft-condition", summary="s", body=BODY, status=Status.DRAFT
    )


@pytest.fixture
def editor_page(live_url, open_page, editor, center, condition):
    """The condition's change form, signed in as an Editor; open_form(width, height)."""
    editor.set_password("a-long-test-password")
    editor.save()

    def open_form(width=1280, height=800):
        page = open_page(width, height)
        page.errors = watch_errors(page)
        sign_in(page, live_url, "editor", "a-long-test-password")
        page.response = page.goto(live_url + admin_url(condition, "change", condition.pk))
        preview(page).locator("h2#last-part").wait_for(state="attached", timeout=20_000)
        return page

    return open_form


def preview(page):
    return page.frame_locator("iframe.editor-pane__frame")


def test_editor_sees_the_preview_update_while_typing(editor_page, artifacts_dir):
    page = editor_page()
    assert "script-src 'self'" in page.response.headers["content-security-policy"]
    editor_box = page.locator("textarea#id_body")
    editor_box.fill("")
    editor_box.type("## Who may not be a good candidate\n\nPeople with **uncontrolled** high blood pressure.")

    preview(page).locator("h2#who-may-not-be-a-good-candidate").wait_for(timeout=10_000)
    assert preview(page).locator("article strong").inner_text() == "uncontrolled"
    aids = page.locator(".editor-pane .editor-aids")
    assert "Reading grade" in aids.inner_text()

    editor_box.type("\n\nThis treatment cures everyone. [click here](/faq/)")
    aids.get_by_text("Absolute claims").wait_for(timeout=10_000)
    assert "does not say where it goes" in aids.inner_text()
    screenshot(page, path=str(artifacts_dir / "editor-live-preview.png"))
    assert page.errors == []


def test_on_a_wide_screen_the_preview_is_beside_the_text_and_both_scroll_on_their_own(
    editor_page, artifacts_dir
):
    page = editor_page(1280, 800)
    textarea = page.locator("textarea#id_body").bounding_box()
    frame = page.locator("iframe.editor-pane__frame").bounding_box()
    screenshot(page, path=str(artifacts_dir / "editor-side-by-side-1280.png"))

    assert frame["x"] >= textarea["x"] + textarea["width"]  # to the right of the text
    assert textarea["y"] < 800 and frame["y"] < 800  # both start in the first screen
    assert textarea["height"] <= 800 * 0.75 + 1  # the text scrolls, the page does not grow
    # Scrolled to the body, the text, the preview and the writing checks fit in one screen.
    page.evaluate("top => window.scrollTo(0, top)", textarea["y"] - 20)
    for selector in ["textarea#id_body", "iframe.editor-pane__frame", ".editor-pane .editor-aids"]:
        box = page.locator(selector).bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= 800, selector
    assert page.locator("textarea#id_body").evaluate("box => box.scrollHeight > box.clientHeight")
    assert not page.locator(".editor-switch").is_visible()


def test_the_preview_follows_the_caret(editor_page):
    page = editor_page(1280, 800)
    frame_scroll = "frame => frame.contentWindow.scrollY"
    frame = page.locator("iframe.editor-pane__frame")
    textarea = page.locator("textarea#id_body")
    assert frame.evaluate(frame_scroll) == 0

    textarea.evaluate(
        "(box, text) => { box.focus(); box.setSelectionRange(box.value.indexOf(text), box.value.indexOf(text)); }",
        "A plain paragraph about part 12.",
    )
    page.keyboard.press("ArrowRight")

    current = preview(page).locator(".editor-current")
    current.wait_for(timeout=5_000)
    assert current.inner_text() == "A plain paragraph about part 12."
    assert frame.evaluate(frame_scroll) > 0
    # The followed block is in the frame's view.
    assert current.evaluate(
        "block => { const box = block.getBoundingClientRect(); return box.top >= 0 && box.bottom <= innerHeight; }"
    )

    # Back to the top of the text, then scrolled to its end without moving the caret:
    # the preview scrolls to its end too.
    textarea.evaluate("box => { box.setSelectionRange(0, 0); box.scrollTop = 0; }")
    page.keyboard.press("ArrowLeft")
    page.wait_for_function(
        "frame => frame.contentWindow.scrollY === 0", arg=frame.element_handle(), timeout=5_000
    )
    textarea.evaluate("box => { box.scrollTop = box.scrollHeight; }")
    at_the_end = """frame => { const win = frame.contentWindow;
        return win.scrollY > 0 && win.scrollY + win.innerHeight >= win.document.documentElement.scrollHeight - 2; }"""
    page.wait_for_function(at_the_end, arg=frame.element_handle(), timeout=5_000)

    # A fresh preview arriving now (the editor refreshes it on focus and on typing) keeps
    # the scrolled place: it does not jump back to the caret's block at the top.
    preview(page).locator("article").evaluate("article => article.append(document.createElement('hr'))")
    with page.expect_response(lambda response: "markdownify" in response.url):
        textarea.dispatch_event("focusin")
    preview(page).locator("article > hr:last-child").wait_for(state="detached", timeout=5_000)
    assert frame.evaluate(at_the_end)


def test_on_a_phone_a_switch_shows_the_text_or_the_preview(editor_page, artifacts_dir):
    page = editor_page(390, 844)
    write = page.get_by_role("button", name="Write")
    show_preview = page.get_by_role("button", name="Preview", exact=True)
    textarea = page.locator("textarea#id_body")
    frame = page.locator("iframe.editor-pane__frame")

    assert write.get_attribute("aria-pressed") == "true"
    assert textarea.is_visible() and not frame.is_visible()

    show_preview.click()
    assert (
        show_preview.get_attribute("aria-pressed") == "true"
        and write.get_attribute("aria-pressed") == "false"
    )
    assert frame.is_visible() and not textarea.is_visible()
    assert preview(page).locator("h2#last-part").count() == 1
    screenshot(page, path=str(artifacts_dir / "editor-preview-phone.png"))

    write.click()
    assert textarea.is_visible() and not frame.is_visible()
    assert page.errors == []


def test_without_javascript_the_text_and_the_preview_stay_one_above_the_other(
    live_url, open_page, editor, center, condition
):
    editor.set_password("a-long-test-password")
    editor.save()
    page = open_page(1280, 800, java_script_enabled=False)
    # Without JavaScript the login form still posts.
    sign_in(page, live_url, "editor", "a-long-test-password")
    page.goto(live_url + admin_url(condition, "change", condition.pk))

    textarea = page.locator("textarea#id_body").bounding_box()
    preview_box = page.locator(".markdownx-preview").bounding_box()
    assert preview_box["y"] >= textarea["y"] + textarea["height"]
    assert page.locator(".editor-switch").count() == 0


def test_the_preview_has_the_public_pages_type(editor_page, live_url, condition):
    condition.status = Status.PUBLISHED
    condition.save()
    page = editor_page(1280, 800)
    sizes = """article => {
        const size = selector => getComputedStyle(article.querySelector(selector)).fontSize;
        return {lead: size('.prose--lead p'), paragraph: size('.prose:not(.prose--lead) p'),
                item: size('.prose li'), heading: size('.prose h2')};
    }"""
    in_preview = preview(page).locator("article").evaluate(sizes)

    page.goto(live_url + condition.get_absolute_url())
    on_the_site = page.locator("article.page").evaluate(sizes)

    assert in_preview == on_the_site
    assert on_the_site["paragraph"] == "18px"  # not the admin's 15.2 px, nor 16.8 px for items


def test_a_warning_clicked_marks_its_sentence_in_the_preview_and_the_text(editor_page, artifacts_dir):
    page = editor_page(1280, 800)
    page.locator(".editor-aids__warning", has_text="Absolute claims").click()

    mark = preview(page).locator("mark.editor-mark")
    assert mark.all_inner_texts() == ["This treatment cures everyone."]
    assert mark.evaluate(
        "mark => { const box = mark.getBoundingClientRect(); return box.top >= 0 && box.bottom <= innerHeight; }"
    )
    selected = page.locator("textarea#id_body").evaluate(
        "box => box.value.slice(box.selectionStart, box.selectionEnd)"
    )
    assert selected == "This treatment cures everyone."

    # Another warning moves the mark: one sentence is marked at a time.
    page.locator(".editor-aids__warning", has_text="does not say where it goes").click()
    assert preview(page).locator("mark.editor-mark").all_inner_texts() == ["To book, ", "click here", "."]
    screenshot(page, path=str(artifacts_dir / "editor-warning-marked.png"))
    assert page.errors == []


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_compare_wraps_long_lines_and_colours_the_change(
    live_url, open_page, reviewer, center, artifacts_dir, viewport
):
    """A changed sentence at the end of a long paragraph must be visible, not cut off."""
    from publishing import workflow

    reviewer.set_password("a-long-test-password")
    reviewer.save()
    long_line = "Intro.\n\n" + "Ketamine may ease symptoms for some people. " * 12
    condition = Condition.objects.create(
        title="Long page", slug="long-page", summary="s", body=long_line + "Old end.", status=Status.DRAFT
    )
    condition.body = long_line + "New end."
    workflow.save_edit(condition, user=reviewer, expected_version=condition.version)
    page = open_page(*VIEWPORTS[viewport])
    sign_in(page, live_url, "reviewer", "a-long-test-password")

    page.goto(live_url + admin_url(condition, "compare", condition.pk))

    diff = page.locator("pre.diff").first
    assert diff.evaluate("element => element.scrollWidth <= element.clientWidth")
    added = page.locator(".diff-added").first
    assert added.evaluate("element => getComputedStyle(element).backgroundColor") not in (
        "rgba(0, 0, 0, 0)",
        "",
    )
    assert "New end." in added.inner_text()
    # Inside the long changed line, only the changed word is marked.
    assert page.locator(".diff-added .diff-word").all_inner_texts() == ["New"]
    assert page.locator(".diff-removed .diff-word").all_inner_texts() == ["Old"]
    screenshot(page, path=str(artifacts_dir / f"admin-compare-{viewport}.png"), full_page=True)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_editor_with_its_preview_and_warnings_has_no_accessibility_violations(editor_page, viewport):
    from tests.browser.conftest import Axe

    page = editor_page(*VIEWPORTS[viewport])
    page.locator(".editor-aids__warning").first.wait_for(state="attached")
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}}
    frame = page.locator("iframe.editor-pane__frame").element_handle().content_frame()
    for document in (page, frame):  # axe sees into the frame only when run in it
        results = Axe().run(document, options=options)
        assert results.violations_count == 0, axe_report(results.response["violations"])
    if viewport == "phone":
        page.get_by_role("button", name="Preview", exact=True).click()
        results = Axe().run(page, options=options)
        assert results.violations_count == 0, axe_report(results.response["violations"])
