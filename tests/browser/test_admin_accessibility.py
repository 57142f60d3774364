"""The admin staff use, in a real browser, at desktop and phone size: zero axe-core
violations for WCAG 2.0/2.1/2.2 A and AA, signed in as a superuser (who sees every
page, every filter and every action), on the dashboard, every list, every change and
add form, a page's history, comparison and restore confirmation.

Staff may use a screen reader, a keyboard or a phone as patients do; the fixes for
Django's own markup are in templates/admin/ and static/css/admin_a11y.css.
"""

import datetime
import uuid

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.urls import reverse
from django.utils import timezone

from center.models import Center
from clinicians.models import Clinician
from conditions.models import Condition
from consultations.models import ContactRequest
from notifications.models import Notification
from pages.models import Page
from publishing import workflow
from selfcheck import summary
from selfcheck.models import QuestionText, ReasonText
from tests.factories import admin_url
from tests.test_selfcheck import CLEAR

from .conftest import sign_in
from .test_public_pages_in_browser import VIEWPORTS, WCAG_TAGS, axe_report


def _change(model, key):
    return lambda objects: admin_url(model, "change", objects[key].pk)


def _model_pages(model, key, *, add=True):
    """A model's list, its change form for ``objects[key]`` and, when staff may add, its add form."""
    name = model._meta.model_name
    pages = {
        f"{name}-list": lambda objects: admin_url(model, "changelist"),
        f"{name}-change": _change(model, key),
    }
    if add:
        pages[f"{name}-add"] = lambda objects: admin_url(model, "add")
    return pages


ADMIN_PAGES = {
    "login": lambda objects: reverse("admin:login"),
    "dashboard": lambda objects: reverse("admin:index"),
    **_model_pages(Condition, "condition"),
    "condition-list-filtered": lambda objects: admin_url(Condition, "changelist") + "?language__exact=es",
    "condition-history": lambda objects: admin_url(Condition, "history", objects["condition"].pk),
    "condition-compare": lambda objects: admin_url(Condition, "compare", objects["condition"].pk),
    "condition-restore": lambda objects: admin_url(
        Condition, "restore", objects["condition"].pk, objects["older_revision"].history_id
    ),
    "condition-translation-change": _change(Condition, "spanish_condition"),
    **_model_pages(Page, "page"),
    "page-change-with-waiting-changes": _change(Page, "page_with_waiting_changes"),
    "page-send-back": lambda objects: admin_url(Page, "send_back", objects["page_with_waiting_changes"].pk),
    **_model_pages(QuestionText, "question_text", add=False),
    **_model_pages(ReasonText, "reason_text", add=False),
    "notification-list": lambda objects: admin_url(Notification, "changelist"),
    "page-history": lambda objects: admin_url(Page, "history", objects["page"].pk),
    "page-compare": lambda objects: admin_url(Page, "compare", objects["page_with_waiting_changes"].pk),
    # The center exists once and is never added twice.
    **_model_pages(Center, "center", add=False),
    **_model_pages(Clinician, "clinician"),
    # Requests come from the public forms only.
    **_model_pages(ContactRequest, "contact_request", add=False),
    "contactrequest-list-filtered": lambda objects: (
        admin_url(ContactRequest, "changelist") + "?status__exact=new"
    ),
    **_model_pages(Group, "group"),
    **_model_pages(Site, "site"),
    **_model_pages(Redirect, "redirect"),
    "user-list": lambda objects: admin_url(objects["user"], "changelist"),
    "user-change": lambda objects: admin_url(objects["user"], "change", objects["user"].pk),
    "user-add": lambda objects: admin_url(objects["user"], "add"),
    "user-password": lambda objects: admin_url(objects["user"], "password_change", objects["user"].pk),
    "own-password-change": lambda objects: reverse("admin:password_change"),
    **_model_pages(AccessAttempt, "access_attempt", add=False),
    **_model_pages(AccessLog, "access_log", add=False),
    **_model_pages(AccessFailureLog, "access_failure_log", add=False),
}

# Pages staff see before signing in.
SIGNED_OUT_PAGES = {"login"}


# The superuser's signed-in browser state and staff_site's objects (model, pk), kept
# with the copy of the database they were made in (see staff_site).
SIGNED_IN = {}


@pytest.fixture
def staff_site(live_url, site_content, superuser, browser):
    """The site's content, and at least one of everything staff see in the admin, and
    the superuser signed in through the login form (SIGNED_IN["state"], Playwright's
    storage state: the session cookie).

    Made once per worker: later tests restore the copy of the database taken then,
    the session included, and reuse the browser state. Where the database cannot be
    copied (PostgreSQL), made for each test, and each test signs in itself."""
    from django.db import connection

    from .conftest import SNAPSHOTS, _snapshot_connection, restore_snapshot, take_snapshot

    copyable = _snapshot_connection(connection) is not None
    if copyable and (connection.alias, "staff_site") in SNAPSHOTS:
        restore_snapshot(connection, "staff_site")
        return {key: model._default_manager.get(pk=pk) for key, (model, pk) in SIGNED_IN["objects"].items()}
    SIGNED_IN.clear()
    objects = _make_staff_site(superuser)
    if copyable:
        context = browser.new_context()
        sign_in(context.new_page(), live_url, "superuser", "a-long-test-password")
        # The session cookie only: a state with the admin's localStorage (its theme)
        # makes Playwright open the site in each new context to restore it (0.2 s).
        state = {"cookies": context.storage_state()["cookies"]}
        context.close()
        take_snapshot(connection, "staff_site")
        SIGNED_IN["objects"] = {key: (type(value), value.pk) for key, value in objects.items()}
        SIGNED_IN["state"] = state
    return objects


def _make_staff_site(superuser):
    condition = Condition.objects.get(slug="ptsd")
    older_body = condition.body
    condition.body = older_body + "\n\nA sentence added in the second revision."
    workflow.save_edit(condition, user=superuser, expected_version=condition.version)
    condition.refresh_from_db()
    condition.body = older_body
    workflow.save_edit(condition, user=superuser, expected_version=condition.version)
    older_revision = condition.history.order_by("history_date", "history_id")[0]

    page = Page.objects.get(slug="faq", language="en")
    page.summary = page.summary + " Updated."
    workflow.save_edit(page, user=superuser, expected_version=page.version)

    # Each of the dashboard's lists has an entry: a review overdue and one due soon, a
    # change waiting for review, a scheduled page and a new request.
    today = timezone.localdate()
    Condition.objects.filter(slug="anxiety-disorders").update(
        next_review_due=today - datetime.timedelta(days=3)
    )
    Page.objects.filter(slug="about").update(next_review_due=today + datetime.timedelta(days=10))
    waiting = Page.objects.get(slug="what-to-expect")
    waiting.summary = waiting.summary + " A change waiting for review."
    workflow.save_edit(waiting, user=superuser, expected_version=waiting.version, for_review=True)
    Page.objects.filter(slug="privacy").update(publish_at=timezone.now() + datetime.timedelta(days=2))

    request_fields = {"phone": "(310) 555-0100", "topic": "not-sure", "consent": True}
    # With a self-check attached, shown to Intake as a summary with its flags first.
    self_check = summary.for_staff({**CLEAR, "heart": "yes", "phq9_9": "1"})
    contact_request = ContactRequest.objects.create(
        kind=ContactRequest.Kind.CONSULTATION,
        name="Pat Doe",
        submission_key=uuid.uuid4(),
        self_check=self_check,
        **request_fields,
    )
    contact_request.set_status(ContactRequest.Status.CONTACTED, user=superuser)
    ContactRequest.objects.create(
        kind=ContactRequest.Kind.REFERRAL, name="Sam Roe", submission_key=uuid.uuid4(), **request_fields
    )
    clinician = Clinician.objects.create(
        name="Test Clinician",
        credentials="MD",
        slug="test-clinician",
        role="Psychiatrist",
        biography="Trained in psychiatry.",
    )
    group = Group.objects.get(name="Editor")
    redirect = Redirect.objects.create(site=Site.objects.get_current(), old_path="/old/", new_path="/faq/")
    attempt_fields = {
        "user_agent": "Mozilla/5.0",
        "ip_address": "127.0.0.1",
        "username": "someone",
        "http_accept": "text/html",
        "path_info": "/admin/login/",
    }
    access_attempt = AccessAttempt.objects.create(
        **attempt_fields, get_data="", post_data="", failures_since_start=1
    )
    access_log = AccessLog.objects.create(**attempt_fields)
    access_failure_log = AccessFailureLog.objects.create(**attempt_fields, locked_out=False)
    # The dashboard's pages read and searches that found nothing.
    from django.utils.timezone import localdate

    from readership.models import DailyViews, FailedSearch

    DailyViews.objects.create(path="/faq/", day=localdate(), count=12)
    DailyViews.objects.create(path="/es/preguntas-frecuentes/", day=localdate(), count=3)
    FailedSearch.objects.create(words="zebra xylophone", language="en", day=localdate(), count=2)
    return {
        "condition": condition,
        "older_revision": older_revision,
        "spanish_condition": Condition.objects.filter(translation_of=condition).first(),
        "page": page,
        "page_with_waiting_changes": waiting,
        "question_text": QuestionText.objects.order_by("pk").first(),
        "reason_text": ReasonText.objects.order_by("pk").first(),
        "center": Center.objects.get(),
        "clinician": clinician,
        "contact_request": contact_request,
        "group": group,
        "site": Site.objects.get_current(),
        "redirect": redirect,
        "user": superuser,
        "access_attempt": access_attempt,
        "access_log": access_log,
        "access_failure_log": access_failure_log,
    }


@pytest.fixture(scope="module")
def axe():
    from tests.browser.conftest import Axe

    return Axe()


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_admin_page_has_no_accessibility_violations(staff_site, live_url, open_page, axe, name, viewport):
    width, height = VIEWPORTS[viewport]
    if name in SIGNED_OUT_PAGES:
        page = open_page(width, height)
    elif "state" in SIGNED_IN:  # signed in once, in staff_site
        page = open_page(width, height, storage_state=SIGNED_IN["state"])
    else:
        page = open_page(width, height)
        sign_in(page, live_url, "superuser", "a-long-test-password")

    response = page.goto(live_url + ADMIN_PAGES[name](staff_site), wait_until="load")

    assert response.status == 200
    if name not in SIGNED_OUT_PAGES:  # signed in: the page itself, not the login form
        assert not page.url.startswith(live_url + reverse("admin:login")), page.url
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, axe_report(results.response["violations"])


def test_every_column_of_the_condition_list_is_in_view_at_1280_px(staff_site, live_url, open_page):
    """No column, "Updated" the last of them, is cut off by the list's box or the window."""
    page = open_page(*VIEWPORTS["desktop"])
    sign_in(page, live_url, "superuser", "a-long-test-password")
    page.goto(live_url + admin_url(Condition, "changelist"))

    columns = page.evaluate(
        """() => {
            const box = document.querySelector('#changelist .results').getBoundingClientRect();
            const right = Math.min(box.right, document.documentElement.clientWidth);
            return [...document.querySelectorAll('#result_list thead th')].map(th => {
                const cell = th.getBoundingClientRect();
                return {name: th.textContent.trim(), inView: cell.left >= box.left && cell.right <= right + 0.5};
            });
        }"""
    )

    assert "Updated" in [column["name"] for column in columns]
    assert [column["name"] for column in columns if not column["inView"]] == []


# Which lists each role's dashboard shows: pages and reviews to those who edit them,
# requests to Intake and superusers only, what patients look for to all staff.
DASHBOARD_LISTS = ["reviews", "waiting", "scheduled", "read", "not-found"]
DASHBOARD_ROLES = {
    "superuser": [*DASHBOARD_LISTS, "requests"],
    "reviewer": DASHBOARD_LISTS,
    "editor": DASHBOARD_LISTS,
    "intake": ["requests", "read", "not-found"],
}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("role", DASHBOARD_ROLES)
def test_each_role_sees_its_dashboard_lists_each_with_a_link_to_act(
    staff_site, live_url, open_page, request, role, viewport
):
    if role != "superuser":
        request.getfixturevalue(f"{role}_user" if role == "intake" else role)
    page = open_page(*VIEWPORTS[viewport])
    sign_in(page, live_url, "intake" if role == "intake" else role, "a-long-test-password")

    page.goto(live_url + reverse("admin:index"))

    shown = sorted(
        heading.removeprefix("dashboard-")
        for heading in page.eval_on_selector_all(".staff-dashboard h2", "els => els.map(e => e.id)")
    )
    assert shown == sorted(DASHBOARD_ROLES[role])
    for name in DASHBOARD_ROLES[role]:
        section = page.locator(f'section[aria-labelledby="dashboard-{name}"]')
        assert section.is_visible()
        assert section.locator("li a").first.is_visible(), f"{name} has no entry"
