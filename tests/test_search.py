"""Site search as patients use it: realistic queries in English and Spanish, typed on a
phone (misspelt, without accents), must find the page they need first or near the top.

Run on SQLite (FTS5) and, in CI's second pass, on PostgreSQL (tsvector), through the
real view and the real index, which is built when the content is saved.
"""

import re
import unicodedata

import pytest
from django.core.cache import cache

from conditions.models import Condition
from pages.models import Page
from publishing.models import Status
from search.index import rebuild
from search.models import SearchEntry
from search.text import fold

# (query, address that must come first, or None; addresses that must be in the top three)
ENGLISH_QUERIES = [
    ("ptsd", "/conditions/ptsd/", []),
    ("PTSD nightmares", "/conditions/ptsd/", []),
    ("flashbacks", "/conditions/ptsd/", []),
    ("bipolar", "/conditions/bipolar-disorder/", []),
    ("bipoler", "/conditions/bipolar-disorder/", []),
    ("anxiety", "/conditions/anxiety-disorders/", []),
    ("anxeity", "/conditions/anxiety-disorders/", []),
    ("panic attacks", "/conditions/anxiety-disorders/", []),
    ("depression", "/conditions/treatment-resistant-depression/", []),
    ("depresion", "/conditions/treatment-resistant-depression/", []),
    ("treatment resistant depression", "/conditions/treatment-resistant-depression/", []),
    ("suicidal thoughts", "/conditions/suicidal-ideation/", []),
    ("sucidal thoughts", "/conditions/suicidal-ideation/", []),
    ("chronic pain", "/conditions/chronic-pain/", []),
    ("CRPS", "/conditions/chronic-pain/", []),
    ("fibromyalgia", "/conditions/chronic-pain/", []),
    ("ketamine therapy", "/", []),
    ("is ketamine addictive", "/faq/", []),
    ("drive home after session", "/faq/", []),
    ("pregnant", None, ["/faq/"]),
    ("insurance", None, ["/what-to-expect/", "/faq/"]),
    ("spravato", None, ["/"]),
    ("refer a patient", None, ["/for-providers/"]),
]
SPANISH_QUERIES = [
    ("ansiedad", "/es/condiciones/trastornos-de-ansiedad/", []),
    ("ansiedd", "/es/condiciones/trastornos-de-ansiedad/", []),
    ("depresion", "/es/condiciones/depresion-resistente-al-tratamiento/", []),
    ("DEPRESIÓN", "/es/condiciones/depresion-resistente-al-tratamiento/", []),
    ("pensamientos suicidas", "/es/condiciones/pensamientos-suicidas/", []),
    ("dolor cronico", "/es/condiciones/dolor-cronico/", []),
    ("estres postraumatico", "/es/condiciones/estres-postraumatico/", []),
    ("pesadillas", "/es/condiciones/estres-postraumatico/", []),
    ("trastorno bipolar", "/es/condiciones/trastorno-bipolar/", []),
    ("bipolr", "/es/condiciones/trastorno-bipolar/", []),
    ("embarazada", None, ["/es/preguntas-frecuentes/"]),
    ("seguro medico", None, ["/es/que-esperar/", "/es/preguntas-frecuentes/"]),
]


QUERIES = [("/search/", *row) for row in ENGLISH_QUERIES] + [("/es/buscar/", *row) for row in SPANISH_QUERIES]


def result_addresses(html):
    return re.findall(r'<h2><a href="([^"]+)"', html)


@pytest.mark.parametrize("search_url, query, first, top_three", QUERIES)
def test_patient_queries_find_the_page_they_need(client, site_content, search_url, query, first, top_three):
    results = result_addresses(client.get(search_url, {"q": query}).content.decode())

    assert results, f"nothing found for {query!r}"
    if first:
        assert results[0] == first, f"{query!r}: {results[:3]}"
    for address in top_three:
        assert address in results[:3], f"{query!r}: {results[:3]}"


def test_whole_words_only_so_side_effects_does_not_match_alongside(client, site_content):
    results = result_addresses(client.get("/search/", {"q": "side effects"}).content.decode())

    # Every result holds the words as words; "alongside" alone is not a match.
    for address in results:
        page = Condition.objects.filter(language="en").first()
        page = next(
            item
            for item in [*Condition.objects.all(), *Page.objects.all()]
            if item.get_absolute_url() == address
        )
        assert re.search(r"\bside effects?\b", page.body_text, re.IGNORECASE), address
    assert "/faq/" in results  # "make side effects worse"


def test_the_exact_phrase_and_the_title_rank_before_scattered_words(client, site_content):
    results = result_addresses(client.get("/search/", {"q": "ketamine therapy"}).content.decode())
    assert results[0] == "/"

    # Both words are on many pages: the page whose title holds them comes first, then
    # the page with a heading that does.
    results = result_addresses(client.get("/search/", {"q": "costs insurance"}).content.decode())
    assert results[:2] == ["/cost-and-insurance/", "/what-to-expect/"]


def test_a_misspelt_word_is_read_as_the_closest_word_on_the_site_and_the_reader_told(client, site_content):
    html = client.get("/search/", {"q": "ketamne side efects"}).content.decode()

    assert "these results are for “ketamine side effects”" in html
    assert result_addresses(html)


def test_snippets_are_whole_sentences_without_footnote_markers_or_headings(client, site_content):
    for query in ["side effects", "blood pressure", "referral form", "CRPS"]:
        html = client.get("/search/", {"q": query}).content.decode()
        snippets = re.findall(r"<li>\s*<h2>.*?</h2>\s*<p>(.*?)</p>", html, re.DOTALL)
        assert snippets, query
        for snippet in snippets:
            text = re.sub(r"</?mark>", "", snippet)
            assert not re.search(r"\s[,.;:]", text), text  # "referral form , or"
            assert not re.search(r"[a-z.]\s\d{1,2}\s[A-Z]", text), text  # "effects. 2 With"
            assert "Main risks Most" not in text and "Risks and side effects Most" not in text
            assert not text.startswith(("Risks and side effects", "Main risks"))


def test_search_follows_the_content_saved_and_unpublished(client, site_content):
    condition = Condition.objects.get(slug="ptsd", language="en")
    condition.body += "\n\nSome people call these waking dreams quokkaword.\n"
    condition.save()

    assert result_addresses(client.get("/search/", {"q": "quokkaword"}).content.decode()) == [
        "/conditions/ptsd/"
    ]

    condition = Condition.objects.get(pk=condition.pk)
    condition.status = Status.DRAFT
    condition.save()
    assert result_addresses(client.get("/search/", {"q": "quokkaword"}).content.decode()) == []

    condition.delete()
    assert not SearchEntry.objects.filter(object_id=condition.pk, title=condition.title).exists()


def test_rebuilding_the_index_finds_the_same_pages(client, site_content):
    before = result_addresses(client.get("/search/", {"q": "blood pressure"}).content.decode())
    SearchEntry.objects.all().delete()
    cache.clear()

    assert rebuild() == Condition.objects.count() + Page.objects.count()
    assert result_addresses(client.get("/search/", {"q": "blood pressure"}).content.decode()) == before


@pytest.mark.parametrize("search_url", ["/search/", "/es/buscar/"])
def test_no_results_suggest_the_conditions_the_faq_and_the_phone(client, site_content, search_url):
    html = client.get(search_url, {"q": "zzzqqq"}).content.decode()

    for condition in Condition.objects.for_readers("es" if "buscar" in search_url else "en"):
        assert condition.title in html
    faq = "/es/preguntas-frecuentes/" if "buscar" in search_url else "/faq/"
    main = html[html.index("<main") : html.index("</main>")]
    assert f'href="{faq}"' in main
    assert 'href="tel:+13105550142"' in main and "(310) 555-0142" in main


def test_folding_drops_case_and_accents_one_character_for_one():
    def folded_alone(character):
        base = unicodedata.normalize("NFD", character)[0]
        return base.lower() if len(base.lower()) == 1 else base

    every_character = "".join(chr(code) for code in range(0x30000) if not 0xD800 <= code < 0xE000)

    assert fold("Presión, ÁRBOL, Ñandú") == "presion, arbol, nandu"
    assert fold("İß") == "iß"  # never two characters for one: positions stay true
    assert fold(every_character) == "".join(map(folded_alone, every_character))
