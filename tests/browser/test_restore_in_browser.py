"""Restoring an earlier version, as a medical reviewer does it in the browser: the
admin shows what would change and asks first, and the restored text never reaches
patients by itself (it waits for the usual publish step, as Wagtail's revert)."""

import re

import pytest

from conditions.models import Condition
from publishing import workflow
from publishing.models import Status
from tests.factories import admin_url

from .conftest import screenshot, sign_in
from .test_public_pages_in_browser import VIEWPORTS


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_restore_asks_first_and_never_publishes_by_itself(
    live_url, open_page, reviewer, center, artifacts_dir, viewport
):
    reviewer.set_password("a-long-test-password")
    reviewer.save()
    condition = Condition.objects.create(
        title="Restored page",
        slug="restored-page",
        summary="s",
        body="The first text.",
        status=Status.PUBLISHED,
    )
    condition.body = "A worse rewrite."
    workflow.save_edit(condition, user=reviewer, expected_version=condition.version)
    page = open_page(*VIEWPORTS[viewport])
    sign_in(page, live_url, "reviewer", "a-long-test-password")

    page.goto(live_url + admin_url(condition, "history", condition.pk))
    page.get_by_role("link", name="Restore this version…").click()

    # The question, with what would change, and nothing changed yet.
    page.wait_for_url(re.compile(r".*/history/\d+/restore/$|.*/restore/\d+/$"))
    assert "A worse rewrite." in page.locator(".diff-removed").first.inner_text()
    assert "The first text." in page.locator(".diff-added").first.inner_text()
    assert (
        page.locator(".restore-confirm__note")
        .inner_text()
        .startswith("Patients keep seeing the published page.")
    )
    confirm = page.get_by_role("button", name="Yes, restore this version")
    assert confirm.is_visible()
    screenshot(page, path=str(artifacts_dir / f"admin-restore-question-{viewport}.png"), full_page=True)
    condition.refresh_from_db()
    assert (condition.body, condition.pending_changes) == ("A worse rewrite.", None)

    confirm.click()

    page.wait_for_url(live_url + admin_url(condition, "change", condition.pk))
    assert "waiting for a medical reviewer to publish" in page.locator(".messagelist").inner_text()
    condition.refresh_from_db()
    assert condition.body == "A worse rewrite."
    assert condition.pending_changes["body"] == "The first text."
    patient = open_page(*VIEWPORTS[viewport])
    patient.goto(live_url + condition.get_absolute_url())
    assert "A worse rewrite." in patient.locator("main").inner_text()
    assert "The first text." not in patient.locator("main").inner_text()
