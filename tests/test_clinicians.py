"""Who reviewed a page: the reviewer's public profile, linked from the page.

Until staff add clinicians, pages credit the center's clinical team; no person staff
have not added ever appears.
"""

import datetime
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from clinicians.models import Clinician
from conditions.models import Condition
from tests.factories import admin_url, change_url, form_data


@pytest.fixture
def clinician(db):
    return Clinician.objects.create(
        name="Test Clinician",
        credentials="MD",
        slug="test-clinician",
        role="Psychiatrist",
        role_es="Psiquiatra",
        biography="Trained in psychiatry.\n\nReviews the depression pages.",
    )


def review_line(html):
    return re.search(r'<section class="review-dates".*?</section>', html, re.S).group(0)


def test_the_loaded_site_has_no_clinicians_and_credits_the_clinical_team(client, site_content):
    html = client.get("/conditions/ptsd/").content.decode()

    assert Clinician.objects.count() == 0
    assert "Medically reviewed by Ketamine Therapy Center clinical team on" in review_line(html)
    assert "/clinicians/" not in html


def test_a_page_links_to_its_reviewers_profile(client, site_content, clinician):
    Condition.objects.filter(slug="ptsd").update(reviewer=clinician)

    line = review_line(client.get("/conditions/ptsd/").content.decode())

    assert 'Medically reviewed by <a href="/clinicians/test-clinician/">Test Clinician, MD</a> on' in line
    assert "clinical team" not in line


def test_the_profile_shows_the_clinician_and_the_pages_they_reviewed(client, site_content, clinician):
    Condition.objects.filter(slug__in=["ptsd", "estres-postraumatico"]).update(reviewer=clinician)

    html = client.get("/clinicians/test-clinician/").content.decode()

    assert "<h1>Test Clinician, MD</h1>" in html
    assert "Psychiatrist" in html
    assert "<p>Trained in psychiatry.</p>" in html
    assert 'href="/conditions/ptsd/"' in html


def test_the_spanish_profile_uses_the_spanish_role_and_the_english_biography_marked_as_english(
    client, site_content, clinician
):
    html = client.get("/es/equipo-clinico/test-clinician/").content.decode()

    assert "Psiquiatra" in html
    assert '<div class="prose" lang="en"><p>Trained in psychiatry.</p>' in html


def test_a_hidden_profile_is_not_found_and_not_linked(client, site_content, clinician):
    clinician.is_public = False
    clinician.save()
    Condition.objects.filter(slug="ptsd").update(reviewer=clinician)

    assert client.get("/clinicians/test-clinician/").status_code == 404
    assert "/clinicians/" not in client.get("/conditions/ptsd/").content.decode()


def test_renaming_the_reviewer_shows_at_once_on_cached_pages(client, site_content, clinician):
    Condition.objects.filter(slug="ptsd").update(reviewer=clinician)
    assert "Test Clinician" in client.get("/conditions/ptsd/").content.decode()

    clinician.name = "Renamed Clinician"
    clinician.save()

    assert "Renamed Clinician" in client.get("/conditions/ptsd/").content.decode()


def test_structured_data_names_the_reviewer_with_the_profile_address(
    client, site_content, clinician, settings
):
    Condition.objects.filter(slug="ptsd").update(reviewer=clinician)

    html = client.get("/conditions/ptsd/").content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    page = (
        data
        if data.get("@type") == "MedicalWebPage"
        else next(item for item in data["@graph"] if item["@type"] == "MedicalWebPage")
    )

    assert page["reviewedBy"]["name"] == "Test Clinician"
    assert page["reviewedBy"]["url"] == settings.SITE_URL + "/clinicians/test-clinician/"


def test_a_photo_needs_a_description(db, tmp_path):
    from django.core.exceptions import ValidationError

    clinician = Clinician(
        name="A", credentials="MD", slug="a", role="r", biography="b", photo="clinicians/a.png", photo_alt=""
    )
    with pytest.raises(ValidationError) as refused:
        clinician.full_clean()
    assert "photo_alt" in refused.value.message_dict


def test_staff_add_a_clinician_with_a_photo_in_admin(superuser_client, media_root):
    image = tmp_image()
    response = superuser_client.post(
        admin_url(Clinician, "add"),
        {
            "name": "Jane Roe",
            "credentials": "MD",
            "slug": "jane-roe",
            "role": "Medical director",
            "biography": "Psychiatrist.",
            "is_public": "on",
            "order": 0,
            "photo": image,
            "photo_alt": "Jane Roe in the clinic",
        },
    )

    assert response.status_code == 302
    clinician = Clinician.objects.get(slug="jane-roe")
    html = superuser_client.get("/clinicians/jane-roe/").content.decode()
    assert f'src="{clinician.photo.url}" alt="Jane Roe in the clinic"' in html


def test_only_a_medical_reviewer_sets_the_reviewer(client_for, reviewer, editor, make_condition, clinician):
    condition = make_condition(last_reviewed=datetime.date(2026, 11, 1))

    client_for(editor).post(change_url(condition), form_data(condition, reviewer=clinician.pk))
    condition.refresh_from_db()
    assert condition.reviewer is None

    client_for(reviewer).post(change_url(condition), form_data(condition, reviewer=clinician.pk))
    condition.refresh_from_db()
    assert condition.reviewer == clinician


def tmp_image():
    import io

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, format="PNG")
    return SimpleUploadedFile("roe.png", buffer.getvalue(), content_type="image/png")


def test_the_sitemap_lists_public_profiles_in_both_languages(client, site_content, clinician, settings):
    Clinician.objects.create(
        name="Hidden", credentials="MD", slug="hidden", role="r", biography="b", is_public=False
    )

    sitemap = client.get("/sitemap.xml").content.decode()

    assert f"<loc>{settings.SITE_URL}/clinicians/test-clinician/</loc>" in sitemap
    assert f"{settings.SITE_URL}/es/equipo-clinico/test-clinician/" in sitemap
    assert "/hidden/" not in sitemap
