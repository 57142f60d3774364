"""Page furniture and budgets: cards, "On this page", related conditions, search,
print details and the size of a condition page."""

import gzip
import re

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage

from conditions.models import Condition
from publishing.models import Status


def test_condition_cards_have_an_inline_svg_icon_summary_and_link(client, site_content):
    html = client.get("/conditions/").content.decode()
    cards = re.findall(r'<li class="card">(.*?)</li>', html, re.S)

    assert len(cards) == 6
    for card in cards:
        assert '<svg class="icon"' in card and 'aria-hidden="true"' in card
        assert re.search(r'<a href="/conditions/[\w-]+/">', card)
        assert "<p>" in card


def test_condition_page_lists_its_sections_on_this_page(client, site_content):
    html = client.get("/conditions/ptsd/").content.decode()
    toc = re.search(r'<details class="toc".*?</details>', html, re.S).group(0)

    for anchor, _ in Condition.objects.get(slug="ptsd").sections:
        assert f'href="#{anchor}"' in toc
        assert f'id="{anchor}"' in html


def test_on_this_page_follows_the_main_message(client, site_content):
    html = client.get("/conditions/chronic-pain/").content.decode()

    lead = html.index('class="prose prose--lead"')
    assert lead < html.index('class="toc"') < html.index('id="what-is-chronic-pain"')


def test_condition_page_links_its_published_related_conditions(client, site_content):
    Condition.objects.filter(slug="suicidal-ideation").update(status=Status.DRAFT)

    html = client.get("/conditions/ptsd/").content.decode()
    related = html[html.index('class="related"') : html.index("</section>", html.index('class="related"'))]

    assert 'href="/conditions/anxiety-disorders/"' in related
    assert 'href="/conditions/treatment-resistant-depression/"' in related
    assert "suicidal-ideation" not in related


def test_printed_page_carries_its_address_and_the_phone_number(client, site_content):
    html = client.get("/conditions/ptsd/").content.decode()
    printed = re.search(r'<aside class="print-only">(.*?)</aside>', html, re.S).group(1)

    assert "http://testserver/conditions/ptsd/" in printed
    assert "(310) 555-0142" in printed


def test_navigation_marks_the_current_page_without_colour_alone(client, site_content):
    html = client.get("/faq/").content.decode()

    assert html.count('href="/faq/" aria-current="page"') == 2  # phone menu and wide navigation


# Search
# ----------------------------------------------------------------------------


def test_search_finds_pages_and_highlights_the_words(client, site_content):
    html = client.get("/search/", {"q": "flashbacks"}).content.decode()

    assert 'href="/conditions/ptsd/"' in html
    assert "<mark>flashbacks</mark>" in html
    assert "matches “flashbacks”" in html or "match “flashbacks”" in html


def test_search_needs_every_word_or_says_it_shows_pages_with_some(client, site_content):
    one = client.get("/search/", {"q": "fibromyalgia"}).content.decode()
    both = client.get("/search/", {"q": "fibromyalgia flashbacks"}).content.decode()

    assert 'href="/conditions/chronic-pain/"' in one
    assert "No page has all of these words" not in one
    # No page has both words: the pages with one of them are shown, and the reader told.
    assert "No page has all of these words" in both
    assert 'href="/conditions/chronic-pain/"' in both and 'href="/conditions/ptsd/"' in both


def test_search_ranks_title_matches_first(client, site_content):
    html = client.get("/search/", {"q": "bipolar"}).content.decode()
    results = re.findall(r'<h2><a href="([^"]+)"', html)

    assert results[0] == "/conditions/bipolar-disorder/"


def test_search_with_no_results_offers_every_condition(client, site_content):
    html = client.get("/search/", {"q": "zzzqqq"}).content.decode()

    assert "No pages match “zzzqqq”." in html
    for condition in Condition.objects.for_readers("en"):
        assert f'href="{condition.get_absolute_url()}"' in html


def test_search_never_shows_drafts(client, site_content):
    Condition.objects.filter(slug="ptsd").update(status=Status.DRAFT)

    html = client.get("/search/", {"q": "flashbacks"}).content.decode()

    assert 'href="/conditions/ptsd/"' not in html


@pytest.mark.parametrize(
    "query",
    [
        "<script>alert(1)</script>",
        "\x00\x01\x02",
        "%' OR 1=1 --",
        "_%_%",
        "a" * 10_000,
        "ketamine " * 500,
        "\u202e\u200b",
        "😀 pain",
        "\\",
    ],
)
def test_search_is_safe_on_any_input(client, site_content, query):
    response = client.get("/search/", {"q": query})

    assert response.status_code == 200
    assert "<script>alert(1)" not in response.content.decode()


def test_search_with_invalid_percent_escapes_is_not_an_error(client, site_content):
    assert client.get("/search/?q=%ff%fe%c0%af").status_code == 200


def test_search_page_without_a_query_shows_the_form(client, site_content):
    html = client.get("/search/").content.decode()

    assert 'type="search" name="q"' in html
    assert "<label" in html


# Speed budget
# ----------------------------------------------------------------------------


def test_condition_page_with_everything_it_loads_is_under_30_kb_compressed(
    client, site_content, record_figure
):
    html = client.get("/conditions/treatment-resistant-depression/").content
    assets = re.findall(rb'(?:href|src)="(/static/[^"]+)"', html)
    sizes = {"page": len(gzip.compress(html, 9))}
    for asset in assets:
        path = asset.decode().removeprefix("/static/")
        with staticfiles_storage.open(path) as file:
            sizes[path] = len(gzip.compress(file.read(), 9))
    total = sum(sizes.values())

    record_figure(
        "Condition page with everything it loads, gzip -9 (budget 30 KB)", f"{total / 1024:.1f} KB {sizes}"
    )
    assert total <= 30 * 1024


def test_pages_load_no_render_blocking_script_and_one_small_stylesheet(client, site_content):
    html = client.get("/conditions/ptsd/").content.decode()

    scripts = [tag for tag in re.findall(r"<script\b[^>]*>", html) if "application/ld+json" not in tag]
    assert scripts and all(" defer" in tag or " async" in tag for tag in scripts)
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert len(stylesheets) == 1
    with staticfiles_storage.open(stylesheets[0].removeprefix("/static/")) as file:
        assert len(gzip.compress(file.read())) < 8 * 1024
