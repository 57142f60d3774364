import datetime
import re

import pytest
from django.urls import reverse

from center.models import Center
from conditions.models import Condition
from pages.models import Page
from publishing.models import Status
from tests.factories import admin_url


def condition_form(**fields):
    return {
        "title": "Obsessive-compulsive disorder",
        "slug": "ocd",
        "summary": "What OCD is.",
        "body": "The main message.\n\n## What is OCD?\n\nWords.",
        "status": Status.DRAFT,
        "order": 7,
        "language": "en",
        "icon": "pulse",
        "key_facts": "",
        **fields,
    }


def test_staff_can_add_a_condition_in_admin(superuser_client, center):
    response = superuser_client.post(admin_url(Condition, "add"), condition_form())

    assert response.status_code == 302
    condition = Condition.objects.get(slug="ocd")
    assert '<h2 id="what-is-ocd">What is OCD?</h2>' in condition.body_html


def test_staff_can_change_a_condition_in_admin(superuser_client, make_condition):
    condition = make_condition()

    response = superuser_client.post(
        admin_url(Condition, "change", condition.pk),
        condition_form(slug=condition.slug, body="New **words**.", status=Status.PUBLISHED),
    )

    assert response.status_code == 302
    condition.refresh_from_db()
    assert condition.body_html.strip() == "<p>New <strong>words</strong>.</p>"


def test_admin_change_form_uses_the_markdown_editor_with_preview(superuser_client, make_condition):
    condition = make_condition()

    html = superuser_client.get(admin_url(Condition, "change", condition.pk)).content.decode()

    assert 'markdownx-editor" required' in html or 'markdownx-editor"' in html
    assert 'data-markdownx-urls-path="/markdownx/markdownify/?language=en"' in html
    assert "markdownx-preview" in html
    assert "markdownx/js/markdownx" in html
    assert f'href="{condition.get_absolute_url()}"' in html and "View on site" in html


def test_admin_changelist_searches_and_filters(superuser_client, make_condition):
    make_condition(title="Chronic pain", status=Status.PUBLISHED)
    make_condition(title="Bipolar disorder", status=Status.DRAFT)

    found = superuser_client.get(admin_url(Condition, "changelist"), {"q": "chronic"}).content.decode()
    drafts = superuser_client.get(
        admin_url(Condition, "changelist"), {"status__exact": "draft"}
    ).content.decode()

    assert "Chronic pain" in found and "Bipolar disorder" not in found
    assert "Bipolar disorder" in drafts and "Chronic pain" not in drafts


def test_admin_add_form_prepopulates_the_slug_from_the_title(superuser_client):
    html = superuser_client.get(admin_url(Condition, "add")).content.decode()

    assert "prepopulated_fields" in html or "data-prepopulated-fields" in html or "prepopulate" in html


def test_invalid_body_is_refused_with_a_message_not_a_500(superuser_client, settings):
    response = superuser_client.post(
        admin_url(Condition, "add"),
        condition_form(body="x" * (settings.MARKDOWN_BODY_MAX_LENGTH + 1)),
    )

    assert response.status_code == 200
    assert "Ensure this value has at most" in response.content.decode()
    assert not Condition.objects.exists()


def test_page_slug_cannot_take_a_path_the_site_uses(superuser_client):
    response = superuser_client.post(
        admin_url(Page, "add"),
        {
            "title": "Admin",
            "slug": "admin",
            "summary": "x",
            "body": "x",
            "status": Status.DRAFT,
            "language": "en",
        },
    )

    assert response.status_code == 200
    assert not Page.objects.exists()


def test_center_details_are_edited_not_added_twice_or_deleted(superuser_client, center):
    assert superuser_client.get(admin_url(Center, "add")).status_code == 403
    assert superuser_client.get(admin_url(Center, "delete", center.pk)).status_code == 403
    assert superuser_client.get(admin_url(Center, "change", center.pk)).status_code == 200
    assert Center.objects.count() == 1


@pytest.mark.parametrize("url", [admin_url(Condition, "changelist"), admin_url(Page, "changelist")])
def test_admin_is_closed_to_anonymous_visitors(client, db, url):
    response = client.get(url)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize(
    "suffix",
    [
        "abc/history/",
        "abc/compare/",
        "abc/preview/",
        "x%00/preview/",
        "²/history/",
        "1e5/compare/",
        "99999999999999999999999/history/",
    ],
)
def test_a_malformed_page_id_in_an_admin_address_is_not_found(superuser_client, make_condition, suffix):
    make_condition()
    base = admin_url(Condition, "changelist")

    assert superuser_client.get(base + suffix).status_code == 404


@pytest.mark.parametrize("query", ["newer=abc", "older=1e5", "newer=%00", "older=99999999999999999999999"])
def test_a_malformed_revision_in_the_compare_address_is_not_found(superuser_client, make_condition, query):
    condition = make_condition()
    compare = admin_url(Condition, "compare", condition.pk)

    assert superuser_client.get(f"{compare}?{query}").status_code == 404
    assert superuser_client.get(compare).status_code == 200


@pytest.mark.parametrize("next_address", ["//evil.com", "https://evil.com/", ""])
def test_signing_in_with_a_refused_next_address_lands_on_the_admin(client, superuser, next_address):
    login = reverse("admin:login")

    response = client.post(
        f"{login}?next={next_address}",
        {"username": "superuser", "password": "a-long-test-password", "next": next_address},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_the_admin_is_headed_with_the_centers_name(superuser_client, center):
    html = superuser_client.get(reverse("admin:index")).content.decode()

    assert f'<div id="site-name"><a href="{reverse("admin:index")}">{center.name} website</a></div>' in html
    assert "Django administration" not in html


def test_the_change_form_puts_what_editors_write_before_the_language_details(
    superuser_client, make_condition
):
    html = superuser_client.get(admin_url(Condition, "change", make_condition().pk)).content.decode()

    language_heading = re.search(r"<h2[^>]*>\s*Language\s*</h2>", html).start()
    assert html.index('name="title"') < html.index('name="body"') < language_heading


def test_the_page_list_keeps_each_english_page_with_its_translations(superuser_client, site_content):
    html = superuser_client.get(admin_url(Condition, "changelist")).content.decode()

    titles = re.findall(r'<th class="field-title"><a href="[^"]+">([^<]+)</a>', html)
    english = [
        title
        for title in titles
        if title in set(Condition.objects.filter(language="en").values_list("title", flat=True))
    ]
    assert english == sorted(english)
    for condition in Condition.objects.filter(language="es"):
        assert titles.index(condition.title) == titles.index(condition.translation_of.title) + 1


# The staff home
# ----------------------------------------------------------------------------


def dashboard(client):
    html = client.get(reverse("admin:index")).content.decode()
    return re.search(r'<div class="staff-dashboard">.*?</div>\s*(?=<div|$)', html, re.S).group(0)


def test_the_admin_home_lists_reviews_due_waiting_changes_and_scheduled_pages(
    superuser_client, make_condition, center
):
    from django.contrib.contenttypes.models import ContentType
    from django.utils import formats, timezone

    from publishing.models import SentBack

    due = make_condition(
        title="Due soon",
        last_reviewed=timezone.localdate() - datetime.timedelta(days=350),
        reviewed_by="Dr. Ana Ruiz, MD",
    )
    make_condition(title="Reviewed lately", last_reviewed=timezone.localdate())
    for title in ("Waiting one", "Sent back one"):
        make_condition(title=title)
        Condition.objects.filter(title=title).update(pending_changes={"body": "New text."})
    returned = Condition.objects.get(title="Sent back one")
    SentBack.objects.create(
        content_type=ContentType.objects.get_for_model(Condition),
        object_id=returned.pk,
        version=returned.version,
        note="Please cite the label.",
    )
    goes_live = timezone.now() + datetime.timedelta(days=2)
    make_condition(title="Goes live later", publish_at=goes_live)

    html = dashboard(superuser_client)

    reviews = html[html.index("Medical reviews due") : html.index("Changes waiting")]
    assert "Due soon" in reviews and "Reviewed lately" not in reviews
    assert "(Dr. Ana Ruiz, MD)" in reviews
    assert admin_url(Condition, "change", due.pk) in reviews
    waiting = html[html.index("Changes waiting") : html.index("Changes sent back")]
    assert "Waiting one" in waiting and "Sent back one" not in waiting
    assert "Sent back one" in html[html.index("Changes sent back") : html.index("Scheduled pages")]
    scheduled = html[html.index("Scheduled pages") :]
    assert "Goes live later" in scheduled
    assert formats.date_format(timezone.localtime(goes_live), "DATETIME_FORMAT") in scheduled


def test_new_requests_are_on_the_home_of_intake_and_superusers_only(
    client_for, superuser, editor, django_user_model, db
):
    import uuid

    from django.contrib.auth.models import Permission

    from consultations.models import ContactRequest

    ContactRequest.objects.create(
        kind=ContactRequest.Kind.CONSULTATION,
        name="Pat Example",
        phone="(310) 555-0177",
        topic="ptsd",
        consent=True,
        submission_key=uuid.uuid4(),
    )
    intake = django_user_model.objects.create_user(username="intake-person", is_staff=True)
    # The Intake group's rights, given directly (groups come from a data migration).
    intake.user_permissions.add(*Permission.objects.filter(content_type__app_label="consultations"))

    assert "Pat Example" in dashboard(client_for(superuser))
    assert "Pat Example" in dashboard(client_for(intake))
    assert "Pat Example" not in dashboard(client_for(editor))
    assert "new consultation request" not in dashboard(client_for(editor))


def test_the_admin_home_shows_pages_read_and_searches_that_found_nothing_in_the_last_30_days(
    superuser_client, center
):
    from django.utils import timezone

    from readership import counting
    from readership.models import DailyViews, FailedSearch

    today = timezone.localdate()
    days_ago = [today - datetime.timedelta(days=age) for age in range(31)]
    DailyViews.objects.create(path="/faq/", day=today, count=3)
    DailyViews.objects.create(path="/faq/", day=days_ago[10], count=2)
    DailyViews.objects.create(path="/es/preguntas-frecuentes/", day=days_ago[29], count=7)
    DailyViews.objects.create(path="/too-long-ago/", day=days_ago[30], count=99)
    FailedSearch.objects.create(words="zebra xylophone", language="en", day=today, count=2)
    FailedSearch.objects.create(words="xilófono", language="es", day=days_ago[29], count=1)
    FailedSearch.objects.create(words="long forgotten", language="en", day=days_ago[30], count=50)
    counting.take()
    counting.count_view("/faq/")  # counted by this worker a moment ago, not yet stored

    html = dashboard(superuser_client)

    read = html[html.index("Pages read in the last 30 days") : html.index("Searches that found nothing")]
    assert re.findall(r'<a href="([^"]+)">\1</a>', read) == ["/es/preguntas-frecuentes/", "/faq/"]
    assert "7 views, 0 in the last 7 days" in read
    assert "6 views, 4 in the last 7 days" in read
    assert "too-long-ago" not in html
    searches = html[html.index("Searches that found nothing in the last 30 days") :]
    assert '<a href="/search/?q=zebra+xylophone">zebra xylophone</a> (English) — 2 searches' in searches
    assert '<a href="/es/buscar/?q=xil%C3%B3fono">xilófono</a> (Spanish) — 1 search' in searches
    assert "long forgotten" not in html


def test_the_admin_home_says_when_nothing_was_counted_yet(superuser_client, center):
    html = dashboard(superuser_client)

    assert "No page views counted yet." in html
    assert "Searches that found nothing in the last 30 days" in html
