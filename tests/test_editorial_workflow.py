"""Drafts, scheduling, preview, history, conflicts, redirects, review dates and roles,
exercised through the real admin as staff with the right permissions."""

import datetime
import re

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from conditions.models import Condition
from publishing import workflow
from publishing.models import EditConflict, Status
from tests.factories import admin_url, change_url, form_data


def published_condition(make_condition, **fields):
    return make_condition(body="The main message.\n\n## What is it?\n\nThe first text.", **fields)


# 1. Draft and publish, with scheduling
# ----------------------------------------------------------------------------


def test_scheduled_page_is_hidden_until_its_time_then_appears_with_nothing_to_run(
    client, center, make_condition, clock
):
    condition = make_condition(publish_at=clock.now + datetime.timedelta(hours=2))

    assert client.get(condition.get_absolute_url()).status_code == 404
    assert condition.title not in client.get("/conditions/").content.decode()
    assert condition.title not in client.get("/").content.decode()

    clock.advance(hours=1, minutes=59, seconds=59)
    assert client.get(condition.get_absolute_url()).status_code == 404

    # No save and no job: only time passes (the listing above is in the page cache).
    clock.advance(seconds=1)

    assert client.get(condition.get_absolute_url()).status_code == 200
    assert condition.title in client.get("/conditions/").content.decode()
    assert condition.title in client.get("/").content.decode()


def test_draft_is_absent_from_listings(client, center, make_condition):
    draft = make_condition(status=Status.DRAFT)

    assert draft.title not in client.get("/").content.decode()
    assert draft.title not in client.get("/conditions/").content.decode()
    assert list(Condition.objects.published()) == []


# 2. Preview
# ----------------------------------------------------------------------------


def test_staff_preview_a_draft_at_its_real_address_with_a_banner(client_for, editor, center, make_condition):
    draft = make_condition(status=Status.DRAFT, body="Draft text for **patients**.")

    response = client_for(editor).get(draft.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "Preview — not published." in html
    assert "Draft text for <strong>patients</strong>." in html
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_non_staff_never_see_drafts(client, member_client, center, make_condition, who):
    draft = make_condition(status=Status.DRAFT)
    visitor = client if who == "anonymous" else member_client

    assert visitor.get(draft.get_absolute_url()).status_code == 404


def test_published_page_has_no_preview_banner(client_for, editor, center, make_condition):
    condition = make_condition()

    html = client_for(editor).get(condition.get_absolute_url()).content.decode()

    assert "Preview — not published." not in html


def test_preview_url_shows_pending_changes_as_patients_will_see_them(
    client_for, editor, center, make_condition
):
    condition = published_condition(make_condition)
    client_for(editor).post(change_url(condition), form_data(condition, body="Rewritten **text**."))

    preview = client_for(editor).get(admin_url(Condition, "preview", condition.pk))
    public = client_for(editor).get(condition.get_absolute_url())

    assert "Rewritten <strong>text</strong>." in preview.content.decode()
    assert "Preview — not published." in preview.content.decode()
    assert 'class="site-header"' in preview.content.decode()  # the real public template
    assert "Rewritten" not in public.content.decode()


# 3. Revision history: who, when, compare, restore
# ----------------------------------------------------------------------------


def test_every_admin_save_is_recorded_with_who_and_when(client_for, reviewer, center, make_condition):
    condition = published_condition(make_condition)

    client_for(reviewer).post(change_url(condition), form_data(condition, title="New title"))

    record = condition.history.order_by("-history_date").first()
    assert record.title == "New title"
    assert record.history_user == reviewer
    assert record.history_date <= timezone.now()


def test_history_page_lists_revisions_with_their_authors(client_for, reviewer, center, make_condition):
    condition = published_condition(make_condition)
    client_for(reviewer).post(change_url(condition), form_data(condition, title="New title"))

    html = client_for(reviewer).get(admin_url(Condition, "history", condition.pk)).content.decode()

    assert "Reviewer" in html
    assert html.count('name="older"') == 2
    assert "Restore this version" in html


def test_compare_two_revisions_shows_a_readable_line_diff_of_the_markdown(
    client_for, reviewer, center, make_condition
):
    condition = published_condition(make_condition)
    client_for(reviewer).post(
        change_url(condition),
        form_data(condition, body="The main message.\n\n## What is it?\n\nThe second text."),
    )
    older, newer = condition.history.order_by("history_date")

    html = (
        client_for(reviewer)
        .get(
            admin_url(Condition, "compare", condition.pk),
            {"older": older.history_id, "newer": newer.history_id},
        )
        .content.decode()
    )

    assert '<span class="diff-removed">− The <mark class="diff-word">first</mark> text.</span>' in html
    assert '<span class="diff-added">+ The <mark class="diff-word">second</mark> text.</span>' in html
    assert '<span class="diff-same">  ## What is it?</span>' in html
    assert "css/admin_revisions." in html  # wrapped lines and colours


def test_compare_names_who_saved_each_side_and_when(client_for, superuser, reviewer, center, make_condition):
    from django.utils import formats, timezone

    condition = published_condition(make_condition)
    client_for(superuser).post(change_url(condition), form_data(condition, body="A first rewrite."))
    condition.refresh_from_db()
    client_for(reviewer).post(change_url(condition), form_data(condition, body="The reviewer's rewrite."))
    older, newer = condition.history.order_by("history_date")[1:3]

    html = (
        client_for(reviewer)
        .get(
            admin_url(Condition, "compare", condition.pk),
            {"older": older.history_id, "newer": newer.history_id},
        )
        .content.decode()
    )

    def saved(record):
        return formats.date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT")

    assert (older.history_user, newer.history_user) == (superuser, reviewer)
    assert f"saved on {saved(older)} by {superuser.get_username()}" in html
    assert f"saved on {saved(newer)} by {reviewer.get_username()}" in html


def test_restoring_asks_first_showing_what_will_change_and_changes_nothing(
    client, client_for, reviewer, center, make_condition
):
    condition = published_condition(make_condition)
    reviewer_client = client_for(reviewer)
    reviewer_client.post(change_url(condition), form_data(condition, body="A worse rewrite."))
    original = condition.history.order_by("history_date").first()
    versions = condition.history.count()

    html = reviewer_client.get(
        admin_url(Condition, "restore", condition.pk, original.history_id)
    ).content.decode()

    assert '<span class="diff-removed">− A worse rewrite.</span>' in html
    assert '<span class="diff-added">+ The first text.</span>' in html
    assert "waits as changes for a medical reviewer to publish" in html
    assert 'value="Yes, restore this version"' in html
    condition.refresh_from_db()
    assert condition.body == "A worse rewrite." and condition.history.count() == versions


@pytest.mark.parametrize("who", ["reviewer", "superuser"])
def test_restoring_a_published_page_never_publishes_by_itself(
    request, client, client_for, center, make_condition, who
):
    """Even for someone who may publish, as Wagtail's revert: the restored text waits
    for the usual publish step."""
    condition = published_condition(make_condition)
    publisher = client_for(request.getfixturevalue(who))
    publisher.post(change_url(condition), form_data(condition, body="A worse rewrite."))
    original = condition.history.order_by("history_date").first()

    response = publisher.post(admin_url(Condition, "restore", condition.pk, original.history_id))

    condition.refresh_from_db()
    assert response.status_code == 302
    assert condition.body == "A worse rewrite."
    assert condition.pending_changes["body"] == original.body
    assert (
        "Restored the version of" in condition.history.order_by("-history_date").first().history_change_reason
    )
    assert "A worse rewrite." in client.get(condition.get_absolute_url()).content.decode()

    # The usual publish step: the reviewer saves the page as it now reads.
    condition.refresh_from_db()
    publisher.post(change_url(condition), form_data(workflow.with_pending_changes(condition)))
    assert "The first text." in client.get(condition.get_absolute_url()).content.decode()


def test_restoring_a_draft_makes_it_the_draft_at_once(client_for, reviewer, center, make_condition):
    condition = make_condition(status=Status.DRAFT, body="The first text.")
    reviewer_client = client_for(reviewer)
    reviewer_client.post(change_url(condition), form_data(condition, body="A worse rewrite."))
    original = condition.history.order_by("history_date").first()

    reviewer_client.post(admin_url(Condition, "restore", condition.pk, original.history_id))

    condition.refresh_from_db()
    assert condition.body == "The first text." and condition.pending_changes is None


# 4. No lost updates
# ----------------------------------------------------------------------------


def edit_version_in(html):
    return int(re.search(r'name="edit_version" value="(\d+)"', html).group(1))


def test_second_of_two_simultaneous_editors_is_refused_and_keeps_their_text(
    client_for, reviewer, django_user_model, center, make_condition
):
    from django.contrib.auth.models import Group

    other = django_user_model.objects.create_user(username="second", is_staff=True)
    other.groups.add(Group.objects.get(name="Medical reviewer"))
    condition = published_condition(make_condition)
    first, second = client_for(reviewer), client_for(other)
    # Both open the same page.
    first_version = edit_version_in(first.get(change_url(condition)).content.decode())
    second_version = edit_version_in(second.get(change_url(condition)).content.decode())

    saved = first.post(
        change_url(condition), form_data(condition, body="First editor's text.", edit_version=first_version)
    )
    refused = second.post(
        change_url(condition),
        form_data(condition, body="Second editor's careful text.", edit_version=second_version),
    )

    html = refused.content.decode()
    condition.refresh_from_db()
    assert saved.status_code == 302
    assert refused.status_code == 200
    assert "Someone else saved this page while you were editing it" in html
    assert "See what they saved" in html and admin_url(Condition, "compare", condition.pk) in html
    assert "Second editor&#x27;s careful text." in html  # still in the form
    assert condition.body == "First editor's text."
    # Saving again after the warning is a knowing choice, and works.
    again = second.post(
        change_url(condition),
        form_data(condition, body="Second editor's careful text.", edit_version=edit_version_in(html)),
    )
    condition.refresh_from_db()
    assert again.status_code == 302
    assert condition.body == "Second editor's careful text."


def test_a_stale_save_is_refused_by_the_database_check(center, make_condition):
    condition = make_condition()
    first, second = Condition.objects.get(pk=condition.pk), Condition.objects.get(pk=condition.pk)
    first.body = "First"
    first.save()

    second.body = "Second"
    with pytest.raises(EditConflict):
        second.save()

    assert Condition.objects.get(pk=condition.pk).body == "First"


@pytest.mark.django_db(transaction=True)
def test_two_editors_saving_at_the_same_moment_cannot_both_win(center):
    """A real race between two database connections (PostgreSQL; SQLite's in-memory
    test database has a single connection)."""
    import threading

    from django.db import connection

    if connection.vendor == "sqlite":
        pytest.skip("needs two database connections; runs in the PostgreSQL pass of .ci/run")
    condition = Condition.objects.create(
        title="Race", slug="race", summary="s", body="start", status=Status.PUBLISHED
    )
    barrier, results = threading.Barrier(2), []

    def save(text):
        from django.db import connections

        try:
            page = Condition.objects.get(pk=condition.pk)
            page.body = text
            barrier.wait()
            page.save(expected_version=1)
            results.append(("saved", text))
        except EditConflict:
            results.append(("refused", text))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(text,)) for text in ("A", "B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcome for outcome, _ in results) == ["refused", "saved"]
    winner = next(text for outcome, text in results if outcome == "saved")
    assert Condition.objects.get(pk=condition.pk).body == winner


# 5. Links never break
# ----------------------------------------------------------------------------


def rename(client, item, slug, **extra):
    item.refresh_from_db()
    return client.post(change_url(item), form_data(item, slug=slug, **extra))


def test_changing_a_slug_redirects_the_old_address_permanently(
    client, client_for, reviewer, center, make_condition
):
    condition = published_condition(make_condition, slug="old-name")

    rename(client_for(reviewer), condition, "new-name")

    response = client.get("/conditions/old-name/")
    assert response.status_code == 301
    assert response["Location"] == "/conditions/new-name/"
    assert client.get("/conditions/new-name/").status_code == 200


def test_redirect_chains_collapse(client, client_for, reviewer, center, make_condition):
    condition = published_condition(make_condition, slug="a")
    staff = client_for(reviewer)

    rename(staff, condition, "b")
    rename(staff, condition, "c")

    assert client.get("/conditions/a/")["Location"] == "/conditions/c/"
    assert client.get("/conditions/b/")["Location"] == "/conditions/c/"


def test_a_page_may_take_back_its_own_old_address(client, client_for, reviewer, center, make_condition):
    condition = published_condition(make_condition, slug="a")
    staff = client_for(reviewer)
    rename(staff, condition, "b")

    response = rename(staff, condition, "a")

    assert response.status_code == 302
    assert client.get("/conditions/a/").status_code == 200
    assert client.get("/conditions/b/")["Location"] == "/conditions/a/"


def test_reusing_another_pages_old_address_warns_the_editor(
    client, client_for, reviewer, center, make_condition
):
    moved = published_condition(make_condition, slug="a")
    staff = client_for(reviewer)
    rename(staff, moved, "b")
    newcomer = published_condition(make_condition, slug="newcomer")

    warned = rename(staff, newcomer, "a")

    newcomer.refresh_from_db()
    assert warned.status_code == 200
    assert "belonged to another page" in warned.content.decode()
    assert newcomer.slug == "newcomer"
    assert client.get("/conditions/a/")["Location"] == "/conditions/b/"

    confirmed = rename(staff, newcomer, "a", confirm_reuse="on")

    newcomer.refresh_from_db()
    assert confirmed.status_code == 302 and newcomer.slug == "a"
    assert client.get("/conditions/a/").status_code == 200


def test_unpublished_page_answers_410_with_links_to_the_conditions(
    client, client_for, reviewer, center, make_condition
):
    other = make_condition(title="Chronic pain", slug="chronic-pain")
    condition = published_condition(make_condition)

    client_for(reviewer).post(change_url(condition), form_data(condition, status=Status.DRAFT))

    response = client.get(condition.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 410
    assert "no longer available" in html
    assert f'href="{other.get_absolute_url()}"' in html
    assert 'href="/conditions/"' in html
    assert center.phone in html


def test_deleted_page_answers_410(client, client_for, reviewer, center, make_condition):
    condition = published_condition(make_condition, slug="to-delete")

    client_for(reviewer).post(admin_url(Condition, "delete", condition.pk), {"post": "yes"})

    assert not Condition.objects.filter(slug="to-delete").exists()
    assert client.get("/conditions/to-delete/").status_code == 410


def test_old_address_of_a_page_that_was_later_deleted_answers_410(
    client, client_for, reviewer, center, make_condition
):
    condition = published_condition(make_condition, slug="first")
    staff = client_for(reviewer)
    rename(staff, condition, "second")

    staff.post(admin_url(Condition, "delete", condition.pk), {"post": "yes"})

    assert client.get("/conditions/first/").status_code == 410


def test_republished_page_is_back_at_its_address(client, client_for, reviewer, center, make_condition):
    condition = published_condition(make_condition)
    staff = client_for(reviewer)
    staff.post(change_url(condition), form_data(condition, status=Status.DRAFT))
    condition.refresh_from_db()

    staff.post(change_url(condition), form_data(condition, status=Status.PUBLISHED))

    assert client.get(condition.get_absolute_url()).status_code == 200


def test_never_published_draft_is_a_plain_404(client, center, make_condition):
    draft = make_condition(status=Status.DRAFT)

    assert client.get(draft.get_absolute_url()).status_code == 404


# 6. Medical review
# ----------------------------------------------------------------------------


def test_admin_list_shows_review_status_and_highlights_overdue_pages(
    superuser_client, center, make_condition
):
    today = timezone.localdate()
    make_condition(
        title="Overdue page",
        last_reviewed=today - datetime.timedelta(days=400),
        next_review_due=today - datetime.timedelta(days=35),
    )
    make_condition(title="Current page", last_reviewed=today)

    html = superuser_client.get(admin_url(Condition, "changelist")).content.decode()
    overdue = superuser_client.get(admin_url(Condition, "changelist"), {"review": "overdue"}).content.decode()

    assert '<span class="review-status review-status--overdue">Review overdue</span>' in html
    assert '<span class="review-status review-status--current">Reviewed</span>' in html
    assert "Overdue page" in overdue and "Current page" not in overdue


def test_review_command_lists_pages_due_soon_and_succeeds_when_none_is_overdue(
    center, make_condition, capsys
):
    today = timezone.localdate()
    make_condition(
        title="Due soon",
        last_reviewed=today - datetime.timedelta(days=350),
        next_review_due=today + datetime.timedelta(days=10),
    )
    make_condition(title="Far off", last_reviewed=today)

    call_command("review_status", days=30)

    output = capsys.readouterr().out
    assert "Due soon" in output and "Far off" not in output


def test_review_command_exits_non_zero_when_a_page_is_overdue(center, make_condition, capsys):
    today = timezone.localdate()
    make_condition(
        title="Overdue",
        last_reviewed=today - datetime.timedelta(days=400),
        next_review_due=today - datetime.timedelta(days=1),
    )

    with pytest.raises(CommandError) as error:
        call_command("review_status", days=0)

    assert error.value.returncode == 1
    assert "OVERDUE" in capsys.readouterr().out


def test_reviewer_marks_pages_reviewed_today(client_for, reviewer, center, make_condition):
    reviewer.first_name, reviewer.last_name = "Jane", "Roe, MD"
    reviewer.save()
    condition = make_condition(
        last_reviewed=datetime.date(2020, 1, 1), next_review_due=datetime.date(2021, 1, 1)
    )

    client_for(reviewer).post(
        admin_url(Condition, "changelist"),
        {"action": "mark_reviewed_today", "_selected_action": [condition.pk]},
    )

    condition.refresh_from_db()
    assert condition.last_reviewed == timezone.localdate()
    assert condition.next_review_due == timezone.localdate().replace(year=timezone.localdate().year + 1)
    assert condition.reviewed_by == "Jane Roe, MD"


# 7. Roles
# ----------------------------------------------------------------------------


def test_roles_exist_with_the_right_permissions(db):
    from django.contrib.auth.models import Group

    editor = set(Group.objects.get(name="Editor").permissions.values_list("codename", flat=True))
    reviewer = set(Group.objects.get(name="Medical reviewer").permissions.values_list("codename", flat=True))

    assert {"add_condition", "change_condition", "add_page", "change_page"} <= editor
    assert not {codename for codename in editor if codename.startswith(("publish_", "review_", "delete_"))}
    assert {"publish_condition", "publish_page", "review_condition", "review_page"} <= reviewer


def test_editor_can_create_a_draft(client_for, editor, center):
    response = client_for(editor).post(
        admin_url(Condition, "add"),
        {
            "title": "OCD",
            "slug": "ocd",
            "summary": "s",
            "body": "b",
            "order": 1,
            "status": Status.PUBLISHED,
            "language": "en",
            "icon": "pulse",
        },
    )

    assert response.status_code == 302
    assert Condition.objects.get(slug="ocd").status == Status.DRAFT


def test_editor_cannot_publish_a_draft_with_a_crafted_post(client_for, editor, center, make_condition):
    draft = make_condition(status=Status.DRAFT)

    client_for(editor).post(
        change_url(draft),
        form_data(draft, status=Status.PUBLISHED, publish_at_0="2020-01-01", publish_at_1="00:00"),
    )

    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and draft.publish_at is None


def test_editor_cannot_publish_with_the_bulk_action(client_for, editor, center, make_condition):
    draft = make_condition(status=Status.DRAFT)

    client_for(editor).post(
        admin_url(Condition, "changelist"), {"action": "publish", "_selected_action": [draft.pk]}
    )

    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    html = client_for(editor).get(admin_url(Condition, "changelist")).content.decode()
    assert 'value="publish"' not in html


def test_editor_cannot_unpublish_or_record_reviews(client_for, editor, center, make_condition):
    condition = make_condition(reviewed_by="Dr. A")

    client_for(editor).post(
        admin_url(Condition, "changelist"), {"action": "unpublish", "_selected_action": [condition.pk]}
    )
    client_for(editor).post(change_url(condition), form_data(condition, reviewed_by="Someone else"))

    condition.refresh_from_db()
    assert condition.status == Status.PUBLISHED
    assert condition.reviewed_by == "Dr. A"


def test_editor_changes_to_a_published_page_wait_for_review(
    client, client_for, editor, reviewer, center, make_condition
):
    condition = published_condition(make_condition)

    response = client_for(editor).post(change_url(condition), form_data(condition, body="Unreviewed claim."))

    condition.refresh_from_db()
    assert response.status_code == 302
    assert "Unreviewed claim." not in client.get(condition.get_absolute_url()).content.decode()
    assert condition.pending_changes == {"body": "Unreviewed claim."}
    # The editor's next visit continues from their text.
    assert "Unreviewed claim." in client_for(editor).get(change_url(condition)).content.decode()

    # A medical reviewer publishes it.
    client_for(reviewer).post(change_url(condition), form_data(condition, body="Unreviewed claim."))
    condition.refresh_from_db()
    assert condition.pending_changes is None
    assert "Unreviewed claim." in client.get(condition.get_absolute_url()).content.decode()


def test_editor_restoring_a_published_page_also_waits_for_review(
    client, client_for, editor, reviewer, center, make_condition
):
    condition = published_condition(make_condition)
    client_for(reviewer).post(change_url(condition), form_data(condition, body="Published rewrite."))
    original = condition.history.order_by("history_date").first()

    client_for(editor).post(admin_url(Condition, "restore", condition.pk, original.history_id))

    assert "Published rewrite." in client.get(condition.get_absolute_url()).content.decode()
    condition.refresh_from_db()
    assert condition.pending_changes["body"] == original.body


def test_reviewer_can_publish_with_the_bulk_action(client, client_for, reviewer, center, make_condition):
    draft = make_condition(status=Status.DRAFT)

    client_for(reviewer).post(
        admin_url(Condition, "changelist"), {"action": "publish", "_selected_action": [draft.pk]}
    )

    assert client.get(draft.get_absolute_url()).status_code == 200


def test_superuser_can_do_everything(superuser_client, center, make_condition):
    draft = make_condition(status=Status.DRAFT)

    superuser_client.post(change_url(draft), form_data(draft, status=Status.PUBLISHED, reviewed_by="Dr. B"))

    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED and draft.reviewed_by == "Dr. B"


# 8. Editor aids
# ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "warning"),
    [
        ("![](/media/x.png)", "have no alt text"),
        ("## Part\n\n#### Detail", "skips from level 2 to level 4"),
        ("# Second title", "level-1 heading"),
        ("To book, [click here](/contact/).", "does not say where it goes"),
        ("Ketamine cures depression.", "Absolute claims: “cures”"),
        ("Results are guaranteed.", "“guaranteed”"),
    ],
)
def test_live_preview_warns_without_blocking(client_for, editor, markdown, warning):
    response = client_for(editor).post("/markdownx/markdownify/", {"content": markdown})

    assert response.status_code == 200
    assert warning in response.content.decode()


def test_live_preview_shows_the_reading_grade(client_for, editor):
    html = (
        client_for(editor)
        .post("/markdownx/markdownify/", {"content": "The cat sat on the mat. It was warm."})
        .content.decode()
    )

    assert re.search(r"Reading grade: -?\d+\.\d \(aim for 8 or lower\)", html)


def test_clean_text_has_no_warnings(client_for, editor):
    html = (
        client_for(editor)
        .post(
            "/markdownx/markdownify/",
            {"content": "Plain words.\n\n## Part\n\nRead [what to expect](/what-to-expect/)."},
        )
        .content.decode()
    )

    assert "No warnings." in html


def test_saving_with_warnings_saves_and_shows_them(client_for, reviewer, center, make_condition):
    condition = published_condition(make_condition)

    response = client_for(reviewer).post(
        change_url(condition), form_data(condition, body="It cures pain. [here](/faq/)"), follow=True
    )

    condition.refresh_from_db()
    assert condition.body == "It cures pain. [here](/faq/)"
    html = response.content.decode()
    assert "Absolute claims" in html and "does not say where it goes" in html


def test_compare_marks_the_changed_words_inside_a_changed_line():
    lines = workflow.line_diff(
        "Intro.\nKetamine may ease pain for some weeks in CRPS.",
        "Intro.\nKetamine may ease pain for some days in CRPS.",
    )

    assert lines[0] == ("same", [(False, "Intro.")])
    assert lines[1] == (
        "removed",
        [(False, "Ketamine may ease pain for some "), (True, "weeks"), (False, " in CRPS.")],
    )
    assert lines[2] == (
        "added",
        [(False, "Ketamine may ease pain for some "), (True, "days"), (False, " in CRPS.")],
    )


def test_compare_leaves_a_rewritten_line_whole():
    assert workflow.line_diff("The first text.", "Something else entirely here.") == [
        ("removed", [(False, "The first text.")]),
        ("added", [(False, "Something else entirely here.")]),
    ]
