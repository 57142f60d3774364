"""What a psychiatrist checks on every page: short sentences, an evidence label, the
after-a-session care card, the way to costs, and safety advice that reads the same
wherever it appears, in English and in Spanish.

The pages are read as patients get them: loaded from content/ and served.
"""

import re
from statistics import mean

import pytest
from django.core.management import call_command
from django.utils import translation

from center.models import Center
from conditions.models import Condition, Evidence
from pages.models import Page
from publishing import statements
from publishing.readability import page_sentence_lengths, prose_blocks, sentence_lengths
from tests.conftest import MAX_MEAN_SENTENCE_WORDS, MAX_SENTENCE_WORDS
from tests.factories import CONDITION_SLUGS
from tests.test_spanish import SPANISH_CONDITIONS

CONDITION_ADDRESSES = [f"/conditions/{slug}/" for slug in CONDITION_SLUGS] + [
    f"/es/condiciones/{slug}/" for slug in SPANISH_CONDITIONS.values()
]

# Words that mark a sentence as one of the shared statements' subjects, per language.
SUBJECTS = {
    "driving": {"en": r"\bdriv(e|es|ing)\b", "es": r"\bmaneje\b|\bmanejar\b(?!\s+(el|la|los|las)\b)"},
    "compounded-ketamine": {"en": r"\bcompound", "es": r"\bcompuestos\b"},
    "age": {"en": r"\b(adults only|aged 18|under 18|teenagers)\b", "es": r"\b(18 años|adolescentes)\b"},
}


def visible_text(html):
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def html_of(client, site_content):
    def get(address):
        response = client.get(address)
        assert response.status_code == 200, address
        return response.content.decode()

    return get


def read_pages():
    """Every page a reader can open: the conditions (with their key facts) and the
    standalone pages, in both languages."""
    return [*Condition.objects.published(), *Page.objects.published()]


def statement_sentences(name, language):
    """The sentences of a one-paragraph statement, as readers see them."""
    text = statements.FOOTNOTE_REFERENCE.sub("", statements.statement(name, language))
    return {" ".join(sentence.split()) for sentence in re.split(r"(?<=[.!?])\s+", text) if sentence}


# Short sentences
# ----------------------------------------------------------------------------


def long_sentences(item):
    blocks = prose_blocks(item.body, item.language) + list(getattr(item, "key_fact_list", []))
    return [
        sentence
        for block in blocks
        for sentence in re.split(r"(?<=[.!?])\s+", block)
        if sentence_lengths(sentence) and sentence_lengths(sentence)[0] > MAX_SENTENCE_WORDS
    ]


@pytest.mark.parametrize(
    "model, slug",
    [(Condition, slug) for slug in CONDITION_SLUGS + list(SPANISH_CONDITIONS.values())]
    + [(Page, Page.HOME_SLUG), (Page, "terapia-con-ketamina")],
)
def test_sentences_are_short_in_prose_and_key_facts(site_content, model, slug, record_sentence_lengths):
    item = model.objects.get(slug=slug)
    lengths = page_sentence_lengths(item.body, item.language, getattr(item, "key_fact_list", []))
    record_sentence_lengths(f"{item.language} {slug}", max(lengths), mean(lengths))

    assert max(lengths) <= MAX_SENTENCE_WORDS, long_sentences(item)
    assert mean(lengths) <= MAX_MEAN_SENTENCE_WORDS


def test_sentence_lengths_count_words_not_abbreviations():
    assert sentence_lengths("It was approved in EE. UU. in 2019. Then it was not.") == [8, 4]
    assert sentence_lengths("One two three") == [3]
    assert sentence_lengths("A list item. “Quoted.” Next one!") == [3, 1, 2]


def test_a_long_sentence_fails_the_check(site_content):
    condition = Condition.objects.get(slug="ptsd")
    condition.body += "\n\n" + " ".join(["word"] * 26) + ".\n"

    assert max(page_sentence_lengths(condition.body, "en")) == 26
    assert long_sentences(condition)


# The evidence label, the care card and the way to costs
# ----------------------------------------------------------------------------


def test_every_published_condition_has_an_evidence_rating(site_content):
    for condition in Condition.objects.published().filter(translation_of=None):
        assert condition.evidence in Evidence.values, condition.slug


@pytest.mark.parametrize("address", CONDITION_ADDRESSES)
def test_condition_page_shows_its_evidence_label_care_card_and_cost_link(html_of, address):
    html = html_of(address)
    spanish = address.startswith("/es/")
    evidence_page = "/es/como-calificamos-la-evidencia/" if spanish else "/how-we-rate-the-evidence/"
    cost_page = "/es/costos-y-seguro-medico/" if spanish else "/cost-and-insurance/"

    label = re.search(r'<p class="evidence-label evidence-label--([a-z-]+)">(.*?)</p>', html, re.S)
    assert label and label.group(1) in Evidence.values
    assert f'href="{evidence_page}"' in label.group(2)
    # Near the top: right after the main message, before the list of sections.
    assert html.index("prose--lead") < html.index("evidence-label") < html.index('class="toc')

    card = re.search(r'<section class="care-card".*?</section>', html, re.S).group(0)
    assert 'href="tel:911"' in card and 'href="tel:988"' in card
    assert Center.objects.get().phone_uri in card
    assert len(re.findall(r'class="care-card__part care-card__part--', card)) == 3
    # After the text, before the references.
    assert html.index("care-card") < html.index('<section class="footnotes"')

    assert f'href="{cost_page}"' in html


def test_spanish_condition_shows_the_english_pages_label_in_spanish(html_of):
    english = Condition.objects.get(slug="chronic-pain")
    english.evidence = Evidence.MODERATE
    english.save()

    html = html_of("/es/condiciones/dolor-cronico/")

    assert "evidence-label--moderate" in html
    assert "<strong>Moderada</strong>" in html


def test_condition_without_a_rating_shows_no_label(html_of):
    Condition.objects.filter(slug="ptsd").update(evidence="")

    assert "evidence-label" not in html_of("/conditions/ptsd/")


@pytest.mark.parametrize("address", ["/cost-and-insurance/", "/es/costos-y-seguro-medico/"])
def test_cost_page_exists_in_both_languages_and_invites_a_call_without_prices(html_of, address):
    html = html_of(address)
    center = Center.objects.get()

    assert "Spravato" in html and "superbill" in html
    prices = re.search(r'<section class="prices".*?</section>', html, re.S).group(0)
    assert f'href="{center.phone_uri}"' in prices
    assert "$" not in visible_text(prices)


def test_cost_page_lists_the_prices_and_insurers_staff_fill_in(html_of):
    text = Center.objects.get().texts_by_language.get(language="en")
    text.prices = "IV ketamine infusion, one session: $450\nFirst consultation: $300"
    text.insurance = "Aetna\nBlue Shield of California"
    text.save()

    prices = re.search(r'<section class="prices".*?</section>', html_of("/cost-and-insurance/"), re.S).group(
        0
    )

    assert "<li>IV ketamine infusion, one session: $450</li>" in prices
    assert "<li>Blue Shield of California</li>" in prices
    assert "please call us" not in prices


def test_faq_answers_the_cost_question_with_a_link_to_the_cost_page(html_of):
    assert 'href="/cost-and-insurance/"' in html_of("/faq/")
    assert 'href="/es/costos-y-seguro-medico/"' in html_of("/es/preguntas-frecuentes/")


@pytest.mark.parametrize("address", ["/what-to-expect/", "/es/que-esperar/"])
def test_what_to_expect_shows_the_care_card(html_of, address):
    assert '<section class="care-card"' in html_of(address)


# Safety advice written once
# ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SUBJECTS))
def test_safety_advice_is_worded_the_same_wherever_it_appears(site_content, name):
    """Any sentence on any page about driving, compounded ketamine or the age limit is
    one of the shared statement's own sentences."""
    found_on = set()
    for item in read_pages():
        language = item.language
        allowed = statement_sentences(name, language)
        blocks = prose_blocks(item.body, language) + list(getattr(item, "key_fact_list", []))
        for block in blocks:
            for sentence in re.split(r"(?<=[.!?])\s+", block):
                # A list item may open with a label ("Home use:") before the statement.
                sentence = re.sub(r"^[^.:]{1,40}:\s+", "", " ".join(sentence.split()))
                if re.search(SUBJECTS[name][language], sentence, re.I):
                    assert sentence in allowed, f"{item.slug}: {sentence!r} is not the shared wording"
                    found_on.add((language, item.original().slug))
    # The check saw the statement on every condition page in both languages.
    assert {(language, slug) for language in ("en", "es") for slug in CONDITION_SLUGS} <= found_on


@pytest.mark.parametrize("name", ["driving", "compounded-ketamine", "age"])
@pytest.mark.parametrize("address", CONDITION_ADDRESSES)
def test_every_condition_page_gives_the_shared_safety_advice(html_of, name, address):
    language = "es" if address.startswith("/es/") else "en"
    text = visible_text(html_of(address))

    for sentence in statement_sentences(name, language):
        assert sentence in text, sentence


def test_overview_and_faq_use_the_shared_statements(site_content):
    for slug in ("ketamine-therapy", "faq", "terapia-con-ketamina", "preguntas-frecuentes"):
        page = Page.objects.get(slug=slug)
        assert "{{ driving }}" in page.body and "{{ age }}" in page.body, slug


def test_a_statement_is_rendered_in_the_pages_language_with_its_reference(site_content):
    html = Condition.objects.get(slug="estres-postraumatico").body_html

    assert "No maneje ni use máquinas hasta el día siguiente" in html
    assert 'href="https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=' in html
    assert "{{" not in html


def test_changing_a_statement_reaches_every_page_on_the_next_load(site_content, monkeypatch):
    driving = dict(statements.STATEMENTS["driving"], en="Take the bus home, never drive.")
    monkeypatch.setitem(statements.STATEMENTS, "driving", driving)

    call_command("load_content", verbosity=0)

    for slug in ("ptsd", "faq", "about"):
        item = Condition.objects.filter(slug=slug).first() or Page.objects.get(slug=slug)
        assert "Take the bus home, never drive." in item.body_html, slug
    assert "Take the bus home" not in Condition.objects.get(slug="estres-postraumatico").body_html


def test_an_unknown_statement_is_refused_with_a_clear_message(site_content):
    from django.core.exceptions import ValidationError

    condition = Condition.objects.get(slug="ptsd")
    condition.body += "\n\n{{ drivin }}\n"

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        condition.full_clean()
    assert "{{ drivin }} is not a shared statement" in str(refused.value)


def test_key_facts_give_the_statement_words_without_reference_marks(site_content):
    facts = Condition.objects.get(slug="treatment-resistant-depression").key_fact_list

    assert facts[-1] == statements.FOOTNOTE_REFERENCE.sub("", statements.statement("driving", "en"))
