"""An editor types Markdown in the admin and the live preview follows."""

from conditions.models import Condition
from publishing.models import Status
from tests.factories import admin_url

from .conftest import sign_in


def test_editor_sees_the_preview_update_while_typing(live_url, open_page, editor, center, artifacts_dir):
    editor.set_password("a-long-test-password")
    editor.save()
    condition = Condition.objects.create(
        title="Draft condition", slug="draft-condition", summary="s", body="Start.", status=Status.DRAFT
    )
    page = open_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # Content-Security-Policy violations are reported as console errors.
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on(
        "response",
        lambda response: response.status >= 400 and errors.append(f"{response.status} {response.url}"),
    )
    sign_in(page, live_url, "editor", "a-long-test-password")

    response = page.goto(live_url + admin_url(condition, "change", condition.pk))
    assert "script-src 'self'" in response.headers["content-security-policy"]
    editor_box = page.locator("textarea#id_body")
    editor_box.fill("")
    editor_box.type("## Who may not be a good candidate\n\nPeople with **uncontrolled** high blood pressure.")

    preview = page.locator(".markdownx-preview")
    preview.locator("h2#who-may-not-be-a-good-candidate").wait_for(timeout=10_000)
    assert preview.locator("strong").inner_text() == "uncontrolled"
    assert "Reading grade" in preview.locator(".editor-aids").inner_text()

    editor_box.type("\n\nThis treatment cures everyone. [click here](/faq/)")
    preview.get_by_text("Absolute claims").wait_for(timeout=10_000)
    assert "does not say where it goes" in preview.inner_text()
    page.screenshot(path=str(artifacts_dir / "editor-live-preview.png"), full_page=True)
    assert errors == []


def test_compare_wraps_long_lines_and_colours_the_change_on_a_phone(
    live_url, open_page, reviewer, center, artifacts_dir
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
    page = open_page(390, 844)
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
    page.screenshot(path=str(artifacts_dir / "admin-compare-phone.png"), full_page=True)
