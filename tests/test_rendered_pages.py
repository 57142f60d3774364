"""The form and search pages, rendered once per content version (publishing/rendered_pages.py):
fast, yet each visitor's security token and form key are their own, and an edit shows at once."""

import re

import pytest
from django.test import Client

from center.models import Center
from conditions.models import Condition
from consultations.models import ContactRequest
from tests.factories import consultation

FORM_PAGES = ["/contact/", "/refer/", "/es/contacto/", "/es/referir/"]


def hidden_value(html, name):
    return re.search(rf'name="{name}" value="([^"]+)"', html).group(1)


@pytest.mark.parametrize("url", FORM_PAGES)
def test_a_form_page_is_rendered_once_and_then_served_without_the_database(
    site_content, url, django_assert_max_num_queries
):
    Client().get(url)

    with django_assert_max_num_queries(0):
        response = Client().get(url)

    assert response.status_code == 200
    assert "placeholder" not in response.content.decode()


@pytest.mark.parametrize("url", FORM_PAGES)
def test_every_visitor_gets_their_own_token_and_form_key(site_content, url):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    pages = [first.get(url), second.get(url)]

    tokens = [hidden_value(page.content.decode(), "csrfmiddlewaretoken") for page in pages]
    keys = [hidden_value(page.content.decode(), "submission_key") for page in pages]
    assert tokens[0] != tokens[1] and keys[0] != keys[1]
    assert all(
        re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", key)
        for key in keys
    )
    # Each page sets the cookie its token belongs to.
    assert all("csrftoken" in page.cookies for page in pages)


def test_two_visitors_sending_the_cached_form_make_two_requests(site_content):
    sent = []
    for name, email in [("Maria Lopez", "maria@example.org"), ("Ana Ruiz", "ana@example.org")]:
        visitor = Client(enforce_csrf_checks=True)
        html = visitor.get("/contact/").content.decode()
        data = consultation(name=name, email=email)
        data["csrfmiddlewaretoken"] = hidden_value(html, "csrfmiddlewaretoken")
        data["submission_key"] = hidden_value(html, "submission_key")
        sent.append(visitor.post("/contact/", data, REMOTE_ADDR=f"203.0.113.{len(sent) + 1}"))

    assert [response.status_code for response in sent] == [302, 302]
    assert sorted(ContactRequest.objects.values_list("name", flat=True)) == ["Ana Ruiz", "Maria Lopez"]


def test_a_topic_chosen_by_a_condition_page_is_kept_apart(client, site_content):
    plain = client.get("/contact/").content.decode()
    chosen = client.get("/contact/", {"topic": "ptsd"}).content.decode()
    plain_again = client.get("/contact/").content.decode()

    selected = re.compile(r'<option value="([\w-]+)" selected>')
    assert selected.findall(chosen) == ["ptsd"]
    assert selected.findall(plain) == selected.findall(plain_again) == []


def test_an_edit_to_the_centers_details_shows_on_the_cached_form_pages_at_once(client, site_content):
    assert "(310) 555-0142" in client.get("/contact/").content.decode()
    assert "(310) 555-0142" in client.get("/search/", {"q": "pain"}).content.decode()

    center = Center.objects.get()
    center.phone = "(310) 555-0199"
    center.save()

    for url in ["/contact/", "/refer/", "/search/?q=pain"]:
        html = client.get(url).content.decode()
        assert "(310) 555-0199" in html and "(310) 555-0142" not in html, url


def test_a_cached_search_page_follows_the_content(client, site_content):
    assert "/conditions/ptsd/" in client.get("/search/", {"q": "flashbacks"}).content.decode()

    condition = Condition.objects.get(slug="ptsd", language="en")
    condition.title = "Post-traumatic stress (PTSD)"
    condition.save()

    assert "Post-traumatic stress (PTSD)" in client.get("/search/", {"q": "flashbacks"}).content.decode()


def test_odd_query_strings_are_answered_but_never_stored(client, site_content, monkeypatch):
    from publishing import rendered_pages

    stored, set_in_cache = [], rendered_pages.cache.set

    def recording_set(key, *args, **kwargs):
        if key.startswith("rendered:"):
            stored.append(key)
        return set_in_cache(key, *args, **kwargs)

    monkeypatch.setattr(rendered_pages.cache, "set", recording_set)
    for url in ["/contact/?topic=no-such-topic", "/contact/?utm_source=x", "/search/?q=pain&page=2"]:
        assert client.get(url).status_code == 200
    assert stored == []
    assert client.get("/contact/").status_code == 200
    assert len(stored) == 1  # (so the check above can fail)
