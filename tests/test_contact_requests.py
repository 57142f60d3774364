"""The consultation request and referral forms, and the staff who work through them."""

import datetime
import logging
import re
import uuid

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from consultations.models import ContactRequest, StatusChange
from tests.factories import MESSAGE, consultation, referral

# The change form also posts its (read-only) status history inline.
NO_INLINE_CHANGES = {
    "status_changes-TOTAL_FORMS": "0",
    "status_changes-INITIAL_FORMS": "0",
    "status_changes-MIN_NUM_FORMS": "0",
    "status_changes-MAX_NUM_FORMS": "0",
}


def make_request(**fields):
    defaults = {
        "kind": ContactRequest.Kind.CONSULTATION,
        "name": "Pat Doe",
        "phone": "(310) 555-0100",
        "topic": "not-sure",
        "consent": True,
        "submission_key": uuid.uuid4(),
    }
    return ContactRequest.objects.create(**{**defaults, **fields})


# The consultation form
# ----------------------------------------------------------------------------


def test_contact_page_has_the_form_details_and_a_crisis_notice_above_the_form(client, site_content):
    html = client.get("/contact/").content.decode()

    form = html.index('<form class="intake-form"')
    assert html.index("This form is not for emergencies") < form
    assert 'href="tel:988"' in html[html.index("This form is not for emergencies") : form]
    assert "Please don&#x27;t include medical details; we&#x27;ll discuss them privately." in html
    assert 'name="submission_key"' in html
    for name in ContactRequest.PATIENT_FIELDS:
        assert f'name="{name}"' in html
    assert "(310) 555-0142" in html and "Monday to Friday" in html


def test_condition_pages_preselect_their_topic(client, site_content):
    html = client.get("/conditions/ptsd/").content.decode()
    link = re.search(r'href="(/contact/\?topic=ptsd[^"]*)"', html).group(1)

    form = client.get(link.replace("&amp;", "&")).content.decode()

    assert '<option value="ptsd" selected>' in form


def test_a_valid_request_is_saved_staff_are_told_and_the_sender_thanked(client, site_content):
    response = client.post("/contact/", consultation(), follow=True)

    saved = ContactRequest.objects.get()
    assert response.redirect_chain == [("/contact/thanks/", 302)]
    assert saved.kind == "consultation" and saved.name == "Maria Lopez" and saved.message == MESSAGE
    assert saved.status == "new" and saved.notification == "sent"
    html = response.content.decode()
    assert "What happens next" in html and "(310) 555-0142" in html
    assert "We usually reply within one working day." in html
    (email,) = mail.outbox
    assert email.to == ["intake@localhost"]
    assert email.subject == "New consultation request"
    assert "Maria Lopez" in email.body and "(310) 555-0177" in email.body
    assert "Treatment-resistant depression" in email.body
    assert MESSAGE not in email.body and "depression for years" not in email.body
    assert f"/admin/consultations/contactrequest/{saved.pk}/change/" in email.body


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "name", "Enter your name."),
        ({"phone": "", "email": ""}, "phone", "Give a phone number or an email address"),
        ({"phone": "", "preferred_method": "phone"}, "phone", "Give a phone number, or choose email"),
        ({"email": "", "preferred_method": "email"}, "email", "Give an email address, or choose phone"),
        ({"email": "not-an-address"}, "email", "Enter a valid email address."),
        ({"phone": "12"}, "phone", "Enter a phone number with its area code"),
        ({"phone": "310-555-0177 <script>"}, "phone", "A phone number can only have digits"),
        ({"consent": None}, "consent", "Tick the box so that we may contact you."),
        ({"topic": ""}, "topic", "Choose what you would like to talk about."),
        ({"topic": "astrology"}, "topic", "Select a valid choice."),
        ({"preferred_time": "midnight"}, "preferred_time", "Select a valid choice."),
        ({"message": "x" * 2001}, "message", "Please shorten the message to 2000 characters"),
    ],
)
def test_each_mistake_is_explained_beside_its_field_and_nothing_typed_is_lost(
    client, site_content, changes, field, message
):
    data = consultation(**changes)

    response = client.post("/contact/", data)

    html = response.content.decode()
    assert response.status_code == 400
    assert not ContactRequest.objects.exists() and not mail.outbox
    summary = html[
        html.index('class="error-summary"') : html.index("</div>", html.index('class="error-summary"'))
    ]
    assert message in summary
    assert re.search(rf'href="#id_{field}(_0)?"', summary)
    assert f'id="id_{field}_error"' in html
    assert 'aria-invalid="true"' in html
    assert "Maria Lopez" in html or changes.get("name") == ""
    if "message" not in changes:
        assert MESSAGE in html


def test_the_bot_trap_pretends_to_succeed_and_saves_nothing(client, site_content):
    response = client.post("/contact/", consultation(website="http://spam.example"))

    assert response.status_code == 302 and response["Location"] == "/contact/thanks/"
    assert not ContactRequest.objects.exists() and not mail.outbox


def test_the_bot_trap_is_hidden_from_people_and_screen_readers(client, site_content):
    html = client.get("/contact/").content.decode()
    trap = re.search(r'<div class="honeypot" aria-hidden="true">(.*?)</div>', html, re.S).group(1)

    assert 'tabindex="-1"' in trap and 'autocomplete="off"' in trap


def test_more_than_five_requests_an_hour_from_one_address_are_refused_kindly(client, site_content):
    for number in range(5):
        assert client.post("/contact/", consultation(name=f"Person {number}")).status_code == 302

    response = client.post("/contact/", consultation(name="Sixth Sender"))

    html = response.content.decode()
    assert response.status_code == 429
    assert "We have received several requests from you" in html
    assert "(310) 555-0142" in html
    assert 'value="Sixth Sender"' in html  # still in the form
    assert ContactRequest.objects.count() == 5


def test_the_rate_limit_is_per_address(client, site_content):
    for number in range(5):
        client.post("/contact/", consultation(name=f"Person {number}"))

    other = client.post("/contact/", consultation(name="Someone Else"), REMOTE_ADDR="10.0.0.9")

    assert other.status_code == 302


def test_sending_the_same_form_twice_makes_one_request(client, site_content):
    data = consultation()

    first = client.post("/contact/", data)
    second = client.post("/contact/", data)

    assert first.status_code == second.status_code == 302
    assert second["Location"] == "/contact/thanks/"
    assert ContactRequest.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_mail_failure_keeps_the_request_and_a_later_retry_sends_it(
    client, site_content, settings, caplog, clock
):
    settings.MAILERS = {"default": {"BACKEND": "tests.failing_mail.EmailBackend"}}

    with caplog.at_level(logging.WARNING):
        response = client.post("/contact/", consultation())

    saved = ContactRequest.objects.get()
    assert response.status_code == 302
    assert saved.notification == "pending" and saved.notification_attempts == 1
    assert f"#{saved.pk}" in caplog.text
    for private in ["Maria", "Lopez", "555-0177", "maria@example.org", "depression"]:
        assert private not in caplog.text

    call_command("send_contact_notifications", verbosity=0)  # not due yet: nothing tried
    saved.refresh_from_db()
    assert saved.notification_attempts == 1 and "ConnectionRefusedError" in saved.notification_error

    clock.advance(minutes=1)
    with pytest.raises(CommandError):
        call_command("send_contact_notifications", verbosity=0)
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    clock.advance(minutes=2)  # the second retry waits twice as long
    call_command("send_contact_notifications", verbosity=0)

    saved.refresh_from_db()
    assert saved.notification == "sent" and saved.notification_attempts == 3
    assert len(mail.outbox) == 1 and "Maria Lopez" in mail.outbox[0].body


def test_error_reports_never_contain_what_was_sent(client, site_content, monkeypatch):
    from django.views.debug import SafeExceptionReporterFilter

    from consultations import views

    captured = {}

    def fail(form, *, kind):
        captured["filtered"] = SafeExceptionReporterFilter().get_post_parameters(
            form.data and request_holder[0]
        )
        raise RuntimeError("boom")

    request_holder = []
    original_post = views.IntakeFormView.post

    def post(self, request, *args, **kwargs):
        request_holder.append(request)
        return original_post(self, request, *args, **kwargs)

    monkeypatch.setattr(views.IntakeFormView, "post", post)
    monkeypatch.setattr(views.intake, "receive", fail)
    client.raise_request_exception = False

    response = client.post("/contact/", consultation())

    assert response.status_code == 500
    assert captured["filtered"] and all(
        value == "********************" for value in captured["filtered"].values()
    )


def test_form_pages_are_private_and_only_set_the_csrf_cookie(client, site_content):
    response = client.get("/contact/")

    assert set(response.cookies) == {"csrftoken"}
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


# The referral form
# ----------------------------------------------------------------------------


def test_a_referral_is_saved_and_the_email_names_only_the_practice(client, site_content):
    response = client.post("/refer/", referral(), follow=True)

    saved = ContactRequest.objects.get()
    assert response.redirect_chain == [("/refer/thanks/", 302)]
    assert saved.kind == "referral" and saved.referrer_practice == "Westside Psychiatry"
    assert saved.name == "Alex Kim" and saved.phone == "(323) 555-0111"
    assert "we have your referral" in response.content.decode()
    (email,) = mail.outbox
    assert email.subject == "New referral"
    assert "> Practice: Westside Psychiatry" in email.body
    for private in ["Alex Kim", "555-0111", "Sam Lee", "SSRI", "ptsd", "PTSD"]:
        assert private not in email.body


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"referrer_name": ""}, "referrer_name"),
        ({"referrer_role": ""}, "referrer_role"),
        ({"referrer_practice": ""}, "referrer_practice"),
        ({"referrer_phone": ""}, "referrer_phone"),
        ({"referrer_email": ""}, "referrer_email"),
        ({"name": ""}, "name"),
        ({"phone": "", "email": ""}, "phone"),
        ({"consent": None}, "consent"),
    ],
)
def test_referral_mistakes_are_explained_and_nothing_is_saved(client, site_content, changes, field):
    response = client.post("/refer/", referral(**changes))

    assert response.status_code == 400
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not ContactRequest.objects.exists()


def test_referral_form_is_linked_from_the_providers_page_and_condition_pages(client, site_content):
    assert 'href="/refer/"' in client.get("/for-providers/").content.decode()
    assert 'href="/refer/?topic=ptsd"' in client.get("/conditions/ptsd/").content.decode()
    assert '<option value="ptsd" selected>' in client.get("/refer/?topic=ptsd").content.decode()


# Staff side
# ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_editors_and_medical_reviewers_cannot_see_requests(db, client_for, request, role):
    make_request()
    staff = client_for(request.getfixturevalue(role))

    assert staff.get("/admin/consultations/contactrequest/").status_code == 403
    assert "consultations" not in staff.get("/admin/").content.decode()


def test_intake_staff_and_superusers_see_requests(client_for, intake_user, superuser):
    make_request(name="Visible Person")

    for user in (intake_user, superuser):
        html = client_for(user).get("/admin/consultations/contactrequest/").content.decode()
        assert "Visible Person" in html


def test_nobody_adds_or_edits_what_people_sent(client_for, intake_user):
    contact_request = make_request(name="Original Name")
    staff = client_for(intake_user)

    assert staff.get("/admin/consultations/contactrequest/add/").status_code == 403
    staff.post(
        f"/admin/consultations/contactrequest/{contact_request.pk}/change/",
        {"status": "contacted", "name": "Changed Name", **NO_INLINE_CHANGES},
    )

    contact_request.refresh_from_db()
    assert contact_request.name == "Original Name" and contact_request.status == "contacted"


def test_status_moves_new_contacted_closed_recording_who_and_when(client_for, intake_user):
    contact_request = make_request()
    staff = client_for(intake_user)

    staff.post(
        f"/admin/consultations/contactrequest/{contact_request.pk}/change/",
        {"status": "contacted", **NO_INLINE_CHANGES},
    )
    staff.post(
        "/admin/consultations/contactrequest/",
        {"action": "mark_closed", "_selected_action": [contact_request.pk]},
    )

    contact_request.refresh_from_db()
    changes = list(
        StatusChange.objects.filter(request=contact_request).values_list("old_status", "new_status")
    )
    assert changes == [("new", "contacted"), ("contacted", "closed")]
    assert contact_request.status == "closed" and contact_request.status_changed_by == intake_user
    assert all(change.changed_by == intake_user for change in StatusChange.objects.all())


def test_requests_can_be_filtered_and_searched(client_for, intake_user):
    make_request(name="New Person")
    make_request(name="Closed Person", status="closed")
    staff = client_for(intake_user)

    closed = staff.get("/admin/consultations/contactrequest/", {"status__exact": "closed"}).content.decode()
    found = staff.get("/admin/consultations/contactrequest/", {"q": "New Person"}).content.decode()

    assert "Closed Person" in closed and "New Person" not in closed
    assert "New Person" in found and "Closed Person" not in found


def test_intake_staff_export_requests_as_csv(client_for, intake_user):
    make_request(name='=HYPERLINK("http://evil")', message="Call after 5")
    make_request(name="Second Person")

    response = client_for(intake_user).post(
        "/admin/consultations/contactrequest/",
        {
            "action": "export_csv",
            "_selected_action": list(ContactRequest.objects.values_list("pk", flat=True)),
        },
    )

    text = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "no-store" in response["Cache-Control"]
    assert text.splitlines()[0].startswith("id,created,status,kind,language,name,phone")
    assert "Second Person" in text and "Call after 5" in text
    assert "'=HYPERLINK" in text  # a formula is written as text


def test_staff_without_the_export_permission_cannot_export(client_for, django_user_model):
    user = django_user_model.objects.create_user(username="viewer", is_staff=True)
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="view_contactrequest"))
    make_request()

    response = client_for(user).post(
        "/admin/consultations/contactrequest/",
        {
            "action": "export_csv",
            "_selected_action": list(ContactRequest.objects.values_list("pk", flat=True)),
        },
    )

    assert not response.get("Content-Type", "").startswith("text/csv")


# Retention
# ----------------------------------------------------------------------------


def test_purge_deletes_only_requests_closed_long_ago_and_says_what_it_removed(db, capsys):
    long_ago = timezone.now() - datetime.timedelta(days=200)
    old_closed = make_request(name="Old Closed", status="closed", status_changed_at=long_ago)
    StatusChange.objects.create(request=old_closed, old_status="new", new_status="closed")
    recent_closed = make_request(name="Recent Closed", status="closed")
    old_open = make_request(name="Old Open", status="contacted", status_changed_at=long_ago)

    call_command("purge_contact_requests")

    output = capsys.readouterr().out
    assert list(ContactRequest.objects.order_by("pk")) == [recent_closed, old_open]
    assert not StatusChange.objects.exists()
    assert f"#{old_closed.pk}" in output and "Deleted 1 closed request(s) older than 180 days." in output
    assert "Old Closed" not in output  # no personal details in the output

    call_command("purge_contact_requests")  # safe to run again
    assert "Deleted 0" in capsys.readouterr().out


def test_purge_retention_is_configurable_and_has_a_dry_run(db, capsys):
    make_request(status="closed", status_changed_at=timezone.now() - datetime.timedelta(days=40))

    call_command("purge_contact_requests", days=30, dry_run=True)
    assert ContactRequest.objects.count() == 1
    call_command("purge_contact_requests", days=30)
    assert ContactRequest.objects.count() == 0


# A poisoned request
# ----------------------------------------------------------------------------


def test_line_breaks_in_a_one_line_field_never_reach_a_header_or_forge_email_lines(client, site_content):
    poison = "Evil Clinic\r\nBcc: victim@example.org\r\nSubject: pwned"
    response = client.post(
        "/refer/",
        referral(referrer_practice=poison, referrer_name="Dr. A\nOpen it in the admin: http://evil.example/"),
    )

    assert response.status_code == 302
    saved = ContactRequest.objects.get()
    assert saved.referrer_practice == "Evil Clinic Bcc: victim@example.org Subject: pwned"
    assert "\n" not in saved.referrer_name
    (email,) = mail.outbox
    assert email.subject == "New referral" and email.bcc == []
    assert [line for line in email.body.splitlines() if line.startswith(("Bcc:", "Subject:"))] == []
    assert "> Practice: Evil Clinic Bcc: victim@example.org Subject: pwned" in email.body
    # The only admin link is the site's own, before anything the visitor typed.
    assert email.body.count("Open it in the admin:") == 1


def test_links_typed_by_a_visitor_are_disarmed_in_the_staff_email(client, site_content):
    client.post("/contact/", consultation(name="See https://evil.example/login or www.evil.example"))

    (email,) = mail.outbox
    assert "https://evil" not in email.body and "www.evil" not in email.body
    assert "> Name: See https[:]//evil.example/login or www[.]evil.example" in email.body


def test_one_notification_that_keeps_failing_never_blocks_the_others(client, site_content, settings, clock):
    settings.MAILERS = {"default": {"BACKEND": "tests.failing_mail.SelectiveEmailBackend"}}
    client.post("/contact/", consultation(name="FAIL-ME Poisoned"), REMOTE_ADDR="203.0.113.1")
    client.post("/contact/", consultation(name="Normal Person"), REMOTE_ADDR="203.0.113.2")

    poisoned = ContactRequest.objects.get(name="FAIL-ME Poisoned")
    assert [message.body for message in mail.outbox if "Normal Person" in message.body]
    assert poisoned.notification == "pending"

    outcomes = []
    for _ in range(8):
        clock.advance(hours=1)
        try:
            call_command("send_contact_notifications", verbosity=0)
            outcomes.append("ok")
        except CommandError:
            outcomes.append("failed")
    poisoned.refresh_from_db()

    assert poisoned.notification == "failed" and poisoned.notification_attempts == 6
    assert "ValueError" in poisoned.notification_error
    assert outcomes == ["failed"] * 5 + ["ok"] * 3  # given up after six attempts, then quiet
    assert ContactRequest.objects.get(name="Normal Person").notification == "sent"


def test_staff_can_send_a_given_up_notification_again(client_for, intake_user, site_content):
    request = make_request(name="Given Up")
    ContactRequest.objects.filter(pk=request.pk).update(notification="failed", notification_attempts=6)

    client_for(intake_user).post(
        "/admin/consultations/contactrequest/", {"action": "notify_again", "_selected_action": [request.pk]}
    )
    call_command("send_contact_notifications", verbosity=0)

    request.refresh_from_db()
    assert request.notification == "sent"


# Labels, messages and a message box with room
# ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "language"), [("/contact/", "en"), ("/refer/", "en"), ("/es/contacto/", "es")]
)
def test_labels_say_optional_once(client, site_content, url, language):
    html = client.get(url).content.decode()

    assert "(optional) <span" not in html and "(opcional) <span" not in html
    assert html.count("(optional)") + html.count("(opcional)") >= 1
    assert not re.search(r"\((optional|opcional)\)\s*\((optional|opcional)\)", html)


def test_the_list_of_problems_reads_as_sentences(client, site_content):
    html = client.post("/contact/", consultation(name="", topic="", consent="")).content.decode()
    summary = html[
        html.index('class="error-summary"') : html.index("</ul>", html.index('class="error-summary"'))
    ]
    items = re.findall(r"<li><a [^>]*>(.*?)</a></li>", summary)

    assert "Enter your name." in items
    assert "Choose what you would like to talk about." in items
    assert "Tick the box so that we may contact you." in items
    assert not any(": " in item and item.split(": ")[0].endswith(("?", ".")) for item in items)


def test_the_message_box_has_room_and_says_its_limit(client, site_content):
    html = client.get("/contact/").content.decode()
    box = re.search(r"<textarea[^>]*>", html).group(0)

    assert "maxlength" not in box  # a browser would cut a longer message silently
    assert 'data-count-to="2000"' in box and "id_message_count" in box
    assert "Up to 2000 characters." in html

    accepted = client.post("/contact/", consultation(message="x" * 2000), REMOTE_ADDR="203.0.113.30")
    refused = client.post("/contact/", consultation(message="y" * 2001), REMOTE_ADDR="203.0.113.31")

    assert accepted.status_code == 302
    assert refused.status_code == 400
    assert "Please shorten the message to 2000 characters (it has 2001)." in refused.content.decode()
    assert "y" * 2001 in refused.content.decode()  # nothing typed is lost


def test_the_same_request_sent_again_is_thanked_and_stored_once(client, site_content):
    first = client.post("/contact/", consultation())
    again = client.post("/contact/", consultation())  # Back, then Send: a new form key

    assert first.status_code == again.status_code == 302
    assert again["Location"] == "/contact/thanks/"
    assert ContactRequest.objects.count() == 1
    assert len(mail.outbox) == 1


def test_after_the_hourly_limit_a_request_already_sent_is_still_thanked(client, site_content, settings):
    settings.CONTACT_RATE_LIMIT_PER_HOUR = 2
    for number in range(2):
        assert client.post("/contact/", consultation(name=f"Person {number}")).status_code == 302
    assert client.post("/contact/", consultation(name="One too many")).status_code == 429

    resent = client.post("/contact/", consultation(name="Person 0"))

    assert resent.status_code == 302 and resent["Location"] == "/contact/thanks/"
    assert ContactRequest.objects.count() == 2
