"""Staff emails of the editorial workflow, and sending changes back.

Reviewers hear when changes wait for them; the editors who wrote them when they are
published or sent back. Each email carries a title and a link, never the page's text
or the reviewer's note; nobody is told about what they did themselves; a mail outage
loses neither the edit nor the email.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from conditions.models import Condition
from notifications.models import Notification
from publishing.models import SentBack, Status
from tests.factories import admin_url, change_url, form_data

NEW_TEXT = "The main message.\n\n## What is it?\n\nA sentence only the editor wrote."


@pytest.fixture
def staff(editor, reviewer, superuser):
    """The editor, the reviewer and a superuser, each with an email address."""
    for user in (editor, reviewer, superuser):
        user.email = f"{user.username}@clinic.example"
        user.save()
    return editor, reviewer, superuser


@pytest.fixture
def published(make_condition, center):
    return make_condition(
        title="Chronic pain", body="The main message.\n\n## What is it?\n\nThe published text."
    )


def edit_as(client, page, django_capture_on_commit_callbacks, **changes):
    """Save the admin change form as the client's user, as the admin commits it."""
    page.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change_url(page), form_data(page, body=NEW_TEXT, **changes))
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    return response


def send_back_url(page):
    return admin_url(Condition, "send_back", page.pk)


def assert_titles_and_links_only(message):
    for text in ("A sentence only the editor wrote", "The published text", "A short summary"):
        assert text not in message.body


# Changes wait for review
# ----------------------------------------------------------------------------


def test_waiting_changes_email_the_medical_reviewers_with_the_title_and_admin_link(
    client_for, staff, published, mailoutbox, django_capture_on_commit_callbacks
):
    editor, reviewer, superuser = staff

    edit_as(client_for(editor), published, django_capture_on_commit_callbacks)

    assert published.pending_changes
    [message] = mailoutbox
    assert message.to == [reviewer.email]  # not the editor who saved, not the superuser
    assert message.subject == "Changes wait for your review: Chronic pain"
    assert f"http://testserver{change_url(published)}" in message.body
    assert_titles_and_links_only(message)


def test_reviewers_hear_once_while_the_editor_keeps_working_on_waiting_changes(
    client_for, staff, published, mailoutbox, django_capture_on_commit_callbacks
):
    editor, _reviewer, _superuser = staff
    client = client_for(editor)

    edit_as(client, published, django_capture_on_commit_callbacks)
    edit_as(client, published, django_capture_on_commit_callbacks, summary="A second try.")

    assert len(mailoutbox) == 1


def test_superusers_hear_of_waiting_changes_when_there_is_no_medical_reviewer(
    client_for, staff, published, mailoutbox, django_capture_on_commit_callbacks
):
    editor, reviewer, superuser = staff
    reviewer.groups.clear()

    edit_as(client_for(editor), published, django_capture_on_commit_callbacks)

    assert [message.to for message in mailoutbox] == [[superuser.email]]


def test_inactive_reviewers_are_not_emailed(
    client_for, staff, published, mailoutbox, django_capture_on_commit_callbacks, django_user_model
):
    editor, reviewer, _superuser = staff
    former = django_user_model.objects.create_user(
        username="former", email="former@clinic.example", is_staff=True, is_active=False
    )
    former.groups.add(Group.objects.get(name="Medical reviewer"))

    edit_as(client_for(editor), published, django_capture_on_commit_callbacks)

    assert [message.to for message in mailoutbox] == [[reviewer.email]]


# Published
# ----------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["publish action", "change form"])
def test_publishing_waiting_changes_emails_their_author_with_the_public_link(
    client_for, staff, published, mailoutbox, django_capture_on_commit_callbacks, how
):
    editor, reviewer, _superuser = staff
    edit_as(client_for(editor), published, django_capture_on_commit_callbacks)
    mailoutbox.clear()

    reviewing = client_for(reviewer)
    if how == "publish action":
        with django_capture_on_commit_callbacks(execute=True):
            reviewing.post(
                admin_url(Condition, "changelist"), {"action": "publish", "_selected_action": [published.pk]}
            )
    else:
        reviewing.get(change_url(published))  # the form shows the waiting changes
        published.refresh_from_db()
        with django_capture_on_commit_callbacks(execute=True):
            reviewing.post(change_url(published), form_data(published, body=NEW_TEXT))

    published.refresh_from_db()
    assert published.pending_changes is None and "only the editor wrote" in published.body
    [message] = mailoutbox
    assert message.to == [editor.email]  # not the reviewer who published
    assert message.subject == "Your changes were published: Chronic pain"
    assert f"http://testserver{published.get_absolute_url()}" in message.body
    assert_titles_and_links_only(message)


def test_a_reviewer_publishing_their_own_waiting_changes_is_not_emailed(
    client_for, staff, published, mailoutbox, django_capture_on_commit_callbacks
):
    editor, reviewer, superuser = staff
    original = published.history.earliest()
    published.body = NEW_TEXT
    published.save()
    reviewing = client_for(reviewer)

    # Restoring waits for review even for a reviewer: the other publisher is told.
    with django_capture_on_commit_callbacks(execute=True):
        reviewing.post(admin_url(Condition, "restore", published.pk, original.history_id))
    published.refresh_from_db()
    assert published.pending_changes
    assert [message.to for message in mailoutbox] == []  # the only reviewer restored it

    with django_capture_on_commit_callbacks(execute=True):
        reviewing.post(
            admin_url(Condition, "changelist"), {"action": "publish", "_selected_action": [published.pk]}
        )

    published.refresh_from_db()
    assert published.pending_changes is None and "The published text" in published.body
    assert mailoutbox == []


def test_unpublishing_a_page_with_waiting_changes_tells_nobody_they_were_published(
    client_for, staff, published, mailoutbox, django_capture_on_commit_callbacks
):
    editor, reviewer, _superuser = staff
    edit_as(client_for(editor), published, django_capture_on_commit_callbacks)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client_for(reviewer).post(
            admin_url(Condition, "changelist"), {"action": "unpublish", "_selected_action": [published.pk]}
        )

    published.refresh_from_db()
    assert published.status == Status.DRAFT
    assert mailoutbox == []


# Sent back
# ----------------------------------------------------------------------------


def test_a_reviewer_sends_changes_back_with_a_note_and_the_editor_keeps_their_text(
    client, client_for, staff, published, mailoutbox, django_capture_on_commit_callbacks
):
    editor, reviewer, _superuser = staff
    editing = client_for(editor)
    edit_as(editing, published, django_capture_on_commit_callbacks)
    waiting = published.pending_changes
    mailoutbox.clear()
    reviewing = client_for(reviewer)

    form = reviewing.get(change_url(published)).content.decode()
    assert f'href="{send_back_url(published)}"' in form
    confirm = reviewing.get(send_back_url(published))
    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert '<textarea name="note"' in html and "only the editor wrote" in html
    assert mailoutbox == [] and not SentBack.objects.exists()  # showing the page does nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = reviewing.post(
            send_back_url(published), {"note": "Cite the 2023 trial, please.", "version": published.version}
        )

    assert response.status_code == 302 and response["Location"] == change_url(published)
    published.refresh_from_db()
    assert published.pending_changes == waiting  # nothing of the editor's text is lost
    [message] = mailoutbox
    assert message.to == [editor.email]
    assert message.subject == "Your changes were sent back: Chronic pain"
    assert f"http://testserver{change_url(published)}" in message.body
    assert "2023 trial" not in message.body
    assert_titles_and_links_only(message)
    # Patients still see the published page.
    assert "The published text" in client.get(published.get_absolute_url()).content.decode()

    # The editor finds their text in the form, with the reviewer's note.
    html = editing.get(change_url(published)).content.decode()
    assert "A sentence only the editor wrote" in html
    assert "sent these changes back" in html and "Cite the 2023 trial, please." in html
    # Once sent back, the reviewer is not offered to send them back again.
    assert f'href="{send_back_url(published)}"' not in reviewing.get(change_url(published)).content.decode()

    # The editor's next save sends them for review again, and the notice is gone.
    edit_as(editing, published, django_capture_on_commit_callbacks, summary="Now with the trial.")
    assert [message.subject for message in mailoutbox][1:] == ["Changes wait for your review: Chronic pain"]
    assert "sent these changes back" not in editing.get(change_url(published)).content.decode()


def test_send_back_needs_a_note_and_the_version_the_reviewer_read(
    client_for, staff, published, mailoutbox, django_capture_on_commit_callbacks
):
    editor, reviewer, _superuser = staff
    edit_as(client_for(editor), published, django_capture_on_commit_callbacks)
    mailoutbox.clear()
    reviewing = client_for(reviewer)

    without_note = reviewing.post(send_back_url(published), {"note": "", "version": published.version})
    stale = reviewing.post(send_back_url(published), {"note": "Shorter.", "version": published.version - 1})
    garbage = reviewing.post(send_back_url(published), {"note": "Shorter.", "version": "x\x00"})

    assert [without_note.status_code, stale.status_code, garbage.status_code] == [200, 200, 200]
    assert "saved again since you opened this page" in stale.content.decode()
    assert not SentBack.objects.exists() and mailoutbox == []


def test_send_back_is_refused_to_editors_and_anonymous_visitors(
    client, client_for, staff, published, mailoutbox, django_capture_on_commit_callbacks
):
    editor, _reviewer, _superuser = staff
    editing = client_for(editor)
    edit_as(editing, published, django_capture_on_commit_callbacks)
    mailoutbox.clear()
    data = {"note": "Sent back by someone who may not.", "version": published.version}

    assert editing.get(send_back_url(published)).status_code == 403
    assert editing.post(send_back_url(published), data).status_code == 403
    assert f'href="{send_back_url(published)}"' not in editing.get(change_url(published)).content.decode()
    anonymous = client.post(send_back_url(published), data)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    assert not SentBack.objects.exists() and mailoutbox == []


@pytest.mark.parametrize("object_id", ["abc", "1e5", "x%00", "99999", "1" * 40])
def test_send_back_of_a_malformed_or_unknown_id_is_404(client_for, staff, object_id):
    _editor, reviewer, _superuser = staff
    url = admin_url(Condition, "send_back", "1").replace("/1/", f"/{object_id}/")

    reviewing = client_for(reviewer)

    assert reviewing.get(url).status_code == 404
    assert reviewing.post(url, {"note": "x", "version": 1}).status_code == 404


def test_send_back_without_waiting_changes_returns_to_the_form(client_for, staff, published, mailoutbox):
    _editor, reviewer, _superuser = staff

    response = client_for(reviewer).post(
        send_back_url(published), {"note": "x", "version": published.version}
    )

    assert response.status_code == 302 and response["Location"] == change_url(published)
    assert not SentBack.objects.exists() and mailoutbox == []


# Through the outbox, retried
# ----------------------------------------------------------------------------


def test_a_mail_failure_keeps_the_edit_and_the_email_which_a_later_retry_sends(
    client_for, staff, published, mailoutbox, django_capture_on_commit_callbacks, settings, clock
):
    editor, reviewer, _superuser = staff
    settings.MAILERS = {"default": {"BACKEND": "tests.failing_mail.EmailBackend"}}

    edit_as(client_for(editor), published, django_capture_on_commit_callbacks)

    assert "only the editor wrote" in published.pending_changes["body"]
    queued = Notification.objects.get()
    assert queued.sent_at is None and queued.attempts == 1 and "ConnectionRefusedError" in queued.last_error
    assert queued.recipients == [reviewer.email] and mailoutbox == []

    call_command("send_notifications", verbosity=0)  # not due yet: nothing tried
    queued.refresh_from_db()
    assert queued.attempts == 1

    clock.advance(minutes=1)
    with pytest.raises(CommandError):  # still down: the job says so
        call_command("send_notifications", verbosity=0)
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    clock.advance(minutes=2)  # the second retry waits twice as long
    call_command("send_notifications", verbosity=0)

    queued.refresh_from_db()
    assert queued.sent_at is not None and queued.attempts == 3
    [message] = mailoutbox
    assert message.to == [reviewer.email] and message.subject == "Changes wait for your review: Chronic pain"


def test_an_email_that_keeps_failing_is_given_up_after_six_attempts(
    client_for, staff, published, django_capture_on_commit_callbacks, settings, clock
):
    editor, _reviewer, _superuser = staff
    settings.MAILERS = {"default": {"BACKEND": "tests.failing_mail.EmailBackend"}}
    edit_as(client_for(editor), published, django_capture_on_commit_callbacks)

    for _attempt in range(5):
        clock.advance(hours=1)
        with pytest.raises(CommandError):
            call_command("send_notifications", verbosity=0)

    queued = Notification.objects.get()
    assert queued.attempts == 6 and queued.given_up
    clock.advance(days=1)
    call_command("send_notifications", verbosity=0)  # nothing left to try
    queued.refresh_from_db()
    assert queued.attempts == 6


def test_a_refused_edit_tells_nobody(
    client_for, staff, published, mailoutbox, django_capture_on_commit_callbacks
):
    """A save over someone else's newer version is refused; no email for a change not made."""
    editor, _reviewer, _superuser = staff
    stale = form_data(published, body=NEW_TEXT)
    published.summary = "Saved by someone else meanwhile."
    published.save()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(editor).post(change_url(published), stale)

    assert response.status_code == 200  # refused, the editor's text still in the form
    assert not Notification.objects.exists() and mailoutbox == []
