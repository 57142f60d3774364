import pytest
from django.urls import reverse

from conditions.models import Condition
from pages.models import Page
from publishing.models import Status
from tests.factories import CONDITION_SLUGS

SEEDED_PAGES = ["what-to-expect", "faq", "about", "privacy", "accessibility"]


def assert_ends_with_call_to_action(response, center):
    html = response.content.decode()
    assert 'class="cta"' in html
    assert center.texts.cta_heading in html
    assert f'href="{center.phone_uri}"' in html
    assert center.phone in html
    assert center.street_address in html
    assert f'href="{reverse("consultations:contact")}"' in html
    assert center.directions_url.replace("&", "&amp;") in html
    # The call to action closes the page's main content.
    main = html[html.index("<main") : html.index("</main>")]
    assert main.rstrip().endswith("</section>")
    assert main.rindex('class="cta"') > main.rindex("<h1")


def assert_has_crisis_link(response):
    html = response.content.decode()
    # The crisis bar comes before the header, and sticks to the top of the screen.
    crisis_bar = html[html.index('class="crisis-bar"') : html.index("<header")]
    assert 'href="tel:988"' in crisis_bar
    assert 'href="sms:988' in crisis_bar


@pytest.mark.parametrize("slug", CONDITION_SLUGS)
def test_every_seeded_condition_answers_with_its_title_and_call_to_action(client, site_content, slug):
    condition = Condition.objects.get(slug=slug)

    response = client.get(f"/conditions/{slug}/")

    assert response.status_code == 200
    assert f"<h1>{condition.title}</h1>" in response.content.decode()
    assert_ends_with_call_to_action(response, response.context["center"])
    assert_has_crisis_link(response)


@pytest.mark.parametrize("slug", SEEDED_PAGES)
def test_every_seeded_page_answers_with_its_title_and_call_to_action(client, site_content, slug):
    page = Page.objects.get(slug=slug)

    response = client.get(f"/{slug}/")

    assert response.status_code == 200
    assert f"<h1>{page.title}</h1>" in response.content.decode()
    assert_ends_with_call_to_action(response, response.context["center"])


@pytest.mark.parametrize("url", ["/for-providers/", "/es/para-profesionales/", "/refer/"])
def test_pages_for_referring_clinicians_end_with_a_referral_call_to_action(client, site_content, url):
    html = client.get(url).content.decode()

    main = html[html.index("<main") : html.index("</main>")]
    cta = main[main.rindex('<section class="cta"') :]
    assert 'id="cta-heading"' in cta and "Talk to a provider" not in cta and "Hable con" not in cta
    assert 'href="tel:' in cta
    referral_url = "/es/referir/" if url.startswith("/es/") else "/refer/"
    # A link to the referral form, except on the referral form itself.
    assert (f'href="{referral_url}"' in cta) == (url != referral_url)
    # The patients' consultation button is not what a clinician's page closes with.
    assert "/contact/" not in cta and "/es/contacto/" not in cta


def test_home_page_explains_ketamine_therapy_and_lists_every_condition(client, site_content):
    response = client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "glutamate" in html
    assert "anesthetic" in html
    for condition in Condition.objects.in_language("en"):
        assert f'href="{condition.get_absolute_url()}"' in html
    assert_ends_with_call_to_action(response, response.context["center"])


def test_condition_list_links_every_published_condition_in_display_order(client, site_content):
    response = client.get("/conditions/")

    html = response.content.decode()
    positions = [html.index(f'href="/conditions/{slug}/"') for slug in CONDITION_SLUGS]
    assert positions == sorted(positions)


def test_contact_page_shows_phone_address_hours_and_directions(client, site_content):
    response = client.get("/contact/")

    html = response.content.decode()
    center = response.context["center"]
    assert response.status_code == 200
    assert center.phone in html
    assert center.street_address in html
    assert "Monday to Friday" in html
    assert "Get directions" in html


def test_overview_page_has_one_address_the_home_page(client, site_content):
    response = client.get("/ketamine-therapy/")

    assert response.status_code == 301
    assert response["Location"] == "/"


def test_unknown_url_is_a_helpful_404_with_the_call_to_action(client, site_content):
    response = client.get("/conditions/no-such-condition/")

    html = response.content.decode()
    assert response.status_code == 404
    assert 'href="/conditions/"' in html
    assert response.context["center"].phone in html
    assert_ends_with_call_to_action(response, response.context["center"])
    assert_has_crisis_link(response)


def test_unknown_top_level_path_is_a_404_not_a_500(client, site_content):
    assert client.get("/this/does/not/exist/").status_code == 404
    assert client.get("/no-such-page/").status_code == 404


def test_draft_condition_is_404_for_anonymous_visitor(client, center, make_condition):
    draft = make_condition(status=Status.DRAFT)

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert draft.title not in client.get("/conditions/").content.decode()


def test_draft_page_is_404_for_anonymous_visitor(client, center, make_page):
    draft = make_page(status=Status.DRAFT)

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_every_page_has_a_title_meta_description_and_language(client, site_content):
    for url in ["/", "/conditions/", "/conditions/ptsd/", "/faq/", "/contact/"]:
        html = client.get(url).content.decode()
        assert '<html lang="en">' in html
        assert html.count("<h1") == 1, url
        assert "<title>" in html and "Ketamine Therapy Center</title>" in html
        description = html.split('<meta name="description" content="')[1].split('"')[0]
        assert description.strip(), url


def test_center_details_come_from_the_database(client, site_content):
    from center.models import Center

    center = Center.objects.get()
    center.phone = "(213) 555-0100"
    center.save()

    html = client.get("/conditions/ptsd/").content.decode()

    assert "(213) 555-0100" in html
    assert 'href="tel:+12135550100"' in html


@pytest.mark.parametrize("url", ["/", "/conditions/", "/conditions/ptsd/", "/faq/", "/contact/", "/nope/"])
def test_public_page_answers_with_a_bounded_number_of_queries(
    client, site_content, django_assert_max_num_queries, url
):
    client.get(url)  # warm the center's cache, as on a running site

    with django_assert_max_num_queries(3):
        client.get(url)
