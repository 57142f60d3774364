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
