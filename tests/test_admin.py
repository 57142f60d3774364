import pytest

from conditions.models import Center, Condition, Page, Status


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


def test_staff_can_add_a_condition_in_admin(staff_client, center):
    response = staff_client.post("/admin/conditions/condition/add/", condition_form())

    assert response.status_code == 302
    condition = Condition.objects.get(slug="ocd")
    assert '<h2 id="what-is-ocd">What is OCD?</h2>' in condition.body_html


def test_staff_can_change_a_condition_in_admin(staff_client, make_condition):
    condition = make_condition()

    response = staff_client.post(
        f"/admin/conditions/condition/{condition.pk}/change/",
        condition_form(slug=condition.slug, body="New **words**.", status=Status.PUBLISHED),
    )

    assert response.status_code == 302
    condition.refresh_from_db()
    assert condition.body_html.strip() == "<p>New <strong>words</strong>.</p>"


def test_admin_change_form_uses_the_markdown_editor_with_preview(staff_client, make_condition):
    condition = make_condition()

    html = staff_client.get(f"/admin/conditions/condition/{condition.pk}/change/").content.decode()

    assert 'markdownx-editor" required' in html or 'markdownx-editor"' in html
    assert 'data-markdownx-urls-path="/markdownx/markdownify/?language=en"' in html
    assert "markdownx-preview" in html
    assert "markdownx/js/markdownx" in html
    assert f'href="{condition.get_absolute_url()}"' in html and "View on site" in html


def test_admin_changelist_searches_and_filters(staff_client, make_condition):
    make_condition(title="Chronic pain", status=Status.PUBLISHED)
    make_condition(title="Bipolar disorder", status=Status.DRAFT)

    found = staff_client.get("/admin/conditions/condition/", {"q": "chronic"}).content.decode()
    drafts = staff_client.get("/admin/conditions/condition/", {"status__exact": "draft"}).content.decode()

    assert "Chronic pain" in found and "Bipolar disorder" not in found
    assert "Bipolar disorder" in drafts and "Chronic pain" not in drafts


def test_admin_add_form_prepopulates_the_slug_from_the_title(staff_client):
    html = staff_client.get("/admin/conditions/condition/add/").content.decode()

    assert "prepopulated_fields" in html or "data-prepopulated-fields" in html or "prepopulate" in html


def test_invalid_body_is_refused_with_a_message_not_a_500(staff_client, settings):
    response = staff_client.post(
        "/admin/conditions/condition/add/",
        condition_form(body="x" * (settings.MARKDOWN_BODY_MAX_LENGTH + 1)),
    )

    assert response.status_code == 200
    assert "Ensure this value has at most" in response.content.decode()
    assert not Condition.objects.exists()


def test_page_slug_cannot_take_a_path_the_site_uses(staff_client):
    response = staff_client.post(
        "/admin/conditions/page/add/",
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


def test_center_details_are_edited_not_added_twice_or_deleted(staff_client, center):
    assert staff_client.get("/admin/conditions/center/add/").status_code == 403
    assert staff_client.get(f"/admin/conditions/center/{center.pk}/delete/").status_code == 403
    assert staff_client.get(f"/admin/conditions/center/{center.pk}/change/").status_code == 200
    assert Center.objects.count() == 1


@pytest.mark.parametrize("url", ["/admin/conditions/condition/", "/admin/conditions/page/"])
def test_admin_is_closed_to_anonymous_visitors(client, db, url):
    response = client.get(url)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
