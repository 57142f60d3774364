"""The patient content is readable, balanced, complete and safe.

These tests read the content as patients get it: loaded from content/ and served.
"""

import re

import pytest

from center.models import Center
from conditions.models import Condition
from pages.models import Page
from publishing.markdown import headings
from publishing.readability import reading_grade
from tests.factories import CONDITION_SLUGS, admin_url

CONDITION_SECTIONS = [
    r"What (is|are) .+\?",
    r"Usual treatments",
    r"How ketamine therapy may help",
    r"What the research shows",
    r"After a course of treatment",
    r"Risks and side effects",
    r"What a visit looks like",
    r"Questions to ask your provider",
    r"References",
]
ABSOLUTE_CLAIMS = re.compile(
    r"\b(cures?|guarantee[ds]?|miracle|instant relief|risk-free)\b|100\s?%", re.IGNORECASE
)
# Papers by DOI or PubMed; the Spravato label on DailyMed and the FDA's own notices.
REFERENCE_LINK = re.compile(
    r'href="https://(doi\.org/10\.|pubmed\.ncbi\.nlm\.nih\.gov/\d|www\.ncbi\.nlm\.nih\.gov/pmc/'
    r"|dailymed\.nlm\.nih\.gov/dailymed/|www\.fda\.gov/)"
)
PUBLIC_URLS = ["/", "/conditions/", "/contact/"] + [f"/conditions/{slug}/" for slug in CONDITION_SLUGS]


def visible_text(html):
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def conditions(site_content):
    return {condition.slug: condition for condition in Condition.objects.all()}


@pytest.fixture
def page_html(client, site_content):
    def get(url):
        response = client.get(url)
        assert response.status_code == 200, url
        return response.content.decode()

    return get


# Readability and balance
# ----------------------------------------------------------------------------


@pytest.mark.parametrize("slug", CONDITION_SLUGS)
def test_condition_page_prose_reads_at_grade_8_or_lower(conditions, slug, record_reading_grade):
    """The key facts count too: they are printed on the handout as they are."""
    condition = conditions[slug]
    key_facts = "\n".join(f"- {fact}" for fact in condition.key_fact_list)
    grade = reading_grade(f"{condition.body}\n\n{key_facts}\n")
    record_reading_grade(f"conditions/{slug}", grade)

    assert grade <= 8


def test_overview_prose_reads_at_grade_8_or_lower(site_content, record_reading_grade):
    grade = reading_grade(Page.objects.get(slug=Page.HOME_SLUG).body)
    record_reading_grade(f"pages/{Page.HOME_SLUG}", grade)

    assert grade <= 8


def test_no_absolute_claims_in_any_stored_content(site_content):
    center = Center.objects.get()
    texts = {"center": f"{center.texts.cta_heading} {center.texts.cta_text}"}
    for model in (Condition, Page):
        for item in model.objects.all():
            texts[item.slug] = f"{item.title} {item.summary} {item.body}"

    offending = {
        name: ABSOLUTE_CLAIMS.findall(text) for name, text in texts.items() if ABSOLUTE_CLAIMS.search(text)
    }

    assert offending == {}


def test_no_absolute_claims_on_any_public_page(page_html):
    urls = PUBLIC_URLS + [page.get_absolute_url() for page in Page.objects.all()]
    for url in urls:
        assert not ABSOLUTE_CLAIMS.search(visible_text(page_html(url))), url


@pytest.mark.parametrize(
    "claim", ["It cures depression.", "Guaranteed results", "100% safe", "Risk-free care"]
)
def test_the_absolute_claim_check_catches_each_forbidden_word(claim):
    assert ABSOLUTE_CLAIMS.search(claim)


# Structure of every condition page
# ----------------------------------------------------------------------------


@pytest.mark.parametrize("slug", CONDITION_SLUGS)
def test_condition_page_has_every_section_in_order(conditions, slug):
    titles = [title for _, title in headings(conditions[slug].body_html, level=2)]

    assert len(titles) == len(CONDITION_SECTIONS), titles
    for pattern, title in zip(CONDITION_SECTIONS, titles, strict=True):
        assert re.fullmatch(pattern, title), (pattern, title)


@pytest.mark.parametrize("slug", CONDITION_SLUGS)
def test_condition_page_opens_with_a_short_main_message(conditions, slug):
    html = conditions[slug].body_html
    first_block = re.match(r"\s*<p>(.*?)</p>", html, re.S)

    assert first_block, "the body must open with the main message paragraph"
    message = visible_text(first_block.group(1))
    assert 1 <= len(re.findall(r"[.!?](\s|$)", message)) <= 2, message
    assert len(message) <= 300


@pytest.mark.parametrize("slug", CONDITION_SLUGS)
def test_condition_page_cites_numbered_references_with_doi_or_pubmed_links(page_html, slug):
    html = page_html(f"/conditions/{slug}/")
    references = re.findall(r'<li id="(fn-[^"]+)">(.*?)</li>', html, re.S)
    citations = set(re.findall(r'<sup class="footnote-ref"><a href="#(fn-[^"]+)"', html))

    assert len(references) >= 2
    for anchor, reference in references:
        assert REFERENCE_LINK.search(reference), reference
        assert anchor in citations, f"{anchor} is listed but never cited"
    assert citations <= {anchor for anchor, _ in references}
    assert '<section class="footnotes">\n<ol>' in html


@pytest.mark.parametrize("slug", CONDITION_SLUGS)
def test_condition_page_states_its_regulatory_status(conditions, slug):
    text = visible_text(conditions[slug].body_html)

    assert "Spravato" in text
    assert "FDA" in text
    assert "off-label" in text


@pytest.mark.parametrize("slug", CONDITION_SLUGS)
def test_condition_page_shows_reviewer_review_dates_and_call_to_action(page_html, conditions, slug):
    condition = conditions[slug]
    html = page_html(f"/conditions/{slug}/")

    assert condition.reviewed_by and condition.last_reviewed and condition.next_review_due
    assert f"Medically reviewed by {condition.reviewed_by} on" in html
    assert "Next review due:" in html
    assert html.index("Next review due:") < html.index('class="cta"')
    assert Center.objects.get().texts.cta_heading in html


def test_review_dates_are_editable_by_staff_and_shown(superuser_client, conditions):
    condition = conditions["ptsd"]
    condition.reviewed_by = "Dr. Jane Roe, MD"
    condition.save()

    html = superuser_client.get("/conditions/ptsd/").content.decode()
    form = superuser_client.get(admin_url(Condition, "change", condition.pk)).content.decode()

    assert "Medically reviewed by Dr. Jane Roe, MD on" in html
    for field in ["reviewed_by", "last_reviewed", "next_review_due"]:
        assert f'name="{field}"' in form


def test_next_review_defaults_to_one_year_after_the_last(make_condition):
    import datetime

    condition = make_condition(last_reviewed=datetime.date(2026, 3, 1), next_review_due=None)

    assert condition.next_review_due == datetime.date(2027, 3, 1)


# Safety
# ----------------------------------------------------------------------------


def test_suicidal_ideation_page_opens_with_the_crisis_box_before_any_other_content(page_html):
    html = page_html("/conditions/suicidal-ideation/")
    article = html[html.index("<article") : html.index("</article>")]
    after_heading = article[article.index("</h1>") + len("</h1>") :].lstrip()

    assert after_heading.startswith('<section class="crisis-box"')
    box = after_heading[: after_heading.index("</section>")]
    assert set(re.findall(r'href="([^"]+)"', box)) == {
        "tel:988",
        "sms:988",
        "https://988lifeline.org/chat/",
        "tel:911",
    }
    assert "emergency room" in box


def test_suicidal_ideation_page_follows_safe_messaging(conditions):
    text = visible_text(conditions["suicidal-ideation"].body_html).lower()

    for phrase in ["committed suicide", "successful attempt", "failed attempt", "epidemic"]:
        assert phrase not in text
    assert "not emergency care" in text or "not an emergency treatment" in text
    assert "988" in text


@pytest.mark.parametrize("url", PUBLIC_URLS + ["/faq/", "/about/", "/no-such-page/"])
def test_footer_on_every_page_has_crisis_line_disclaimer_contact_and_policies(client, site_content, url):
    html = client.get(url).content.decode()
    footer = html[html.index("<footer") : html.index("</footer>")]

    assert 'href="tel:988"' in footer and 'href="sms:988"' in footer
    assert "not a substitute for advice from your own doctor" in footer
    assert Center.objects.get().phone in footer
    assert 'href="/privacy/"' in footer and 'href="/accessibility/"' in footer


def test_about_page_shows_location_hours_and_publisher(page_html):
    html = page_html("/about/")

    assert "Get directions to" in html
    assert "Monday to Friday" in html
    assert "conflict" in html.lower() or "financial interest" in html.lower()


def test_what_to_expect_is_a_timeline_of_steps(conditions, page_html):
    html = page_html("/what-to-expect/")
    timeline = re.search(
        r'<article class="page page--what-to-expect">.*?<div class="prose">.*?<ol>(.*?)</ol>', html, re.S
    )

    assert timeline and timeline.group(1).count("<li>") >= 5


def test_faq_answers_at_least_ten_questions(site_content):
    questions = [
        title for _, title in headings(Page.objects.get(slug="faq").body_html) if title.endswith("?")
    ]

    assert len(questions) >= 10


def test_admin_shows_the_reading_grade_of_the_body(superuser_client, conditions):
    html = superuser_client.get(admin_url(Condition, "change", conditions["ptsd"].pk)).content.decode()

    assert re.search(r"Grade \d+\.\d \(good\)", html)


# Every fact of the seed article is on the site
# ----------------------------------------------------------------------------

# (fact from ../shared/seed/article.txt, page that states it, a distinctive phrase)
SEED_FACTS = [
    (
        "ketamine was first an anesthetic",
        "/conditions/treatment-resistant-depression/",
        "Ketamine was first made as an anesthetic",
    ),
    ("it acts on the glutamate system", "/", "another brain chemical system, called the glutamate system"),
    ("not on serotonin or norepinephrine", "/", "called serotonin and norepinephrine"),
    ("relief can come within hours or days", "/", "ketamine can ease symptoms within hours or days"),
    ("usual antidepressants take weeks", "/", "often take several weeks to help"),
    (
        "TRD: symptoms persist despite treatment",
        "/conditions/treatment-resistant-depression/",
        "when symptoms go on despite treatment",
    ),
    (
        "TRD: several medicines and therapies tried",
        "/conditions/treatment-resistant-depression/",
        "have also tried talk therapy and other treatments",
    ),
    (
        "anxiety disorders include GAD",
        "/conditions/anxiety-disorders/",
        "covers 3 of them: generalized anxiety disorder",
    ),
    (
        "panic disorder and social anxiety disorder",
        "/conditions/anxiety-disorders/",
        "panic disorder and social anxiety disorder",
    ),
    (
        "SSRIs are a usual treatment for anxiety",
        "/conditions/anxiety-disorders/",
        "antidepressants called SSRIs are often tried first",
    ),
    (
        "CBT is a usual treatment for anxiety",
        "/conditions/anxiety-disorders/",
        "the best-studied kind is cognitive behavioral therapy",
    ),
    (
        "ketamine may help people engage in psychotherapy",
        "/conditions/anxiety-disorders/",
        "easier to take part in talk therapy",
    ),
    (
        "PTSD follows living through a trauma",
        "/conditions/ptsd/",
        "You may have lived through the event yourself",
    ),
    ("or witnessing one", "/conditions/ptsd/", "or seen it happen to someone else"),
    ("PTSD: flashbacks", "/conditions/ptsd/", "as if it is happening again (flashbacks)"),
    ("PTSD: nightmares", "/conditions/ptsd/", "nightmares and trouble sleeping"),
    ("PTSD: severe anxiety", "/conditions/ptsd/", "strong anxiety or fear"),
    ("PTSD: unwanted thoughts about the event", "/conditions/ptsd/", "come back when you do not want them"),
    (
        "ketamine may help engagement in trauma-focused therapy",
        "/conditions/ptsd/",
        "easier to take part in trauma-focused talk therapy",
    ),
    (
        "chronic pain: fibromyalgia",
        "/conditions/chronic-pain/",
        "Widespread pain and tiredness (fibromyalgia)",
    ),
    ("chronic pain: CRPS", "/conditions/chronic-pain/", "Complex regional pain syndrome (CRPS)"),
    ("chronic pain: neuropathic pain", "/conditions/chronic-pain/", "Nerve pain (neuropathic pain)"),
    ("chronic pain: opioids", "/conditions/chronic-pain/", "also given strong painkillers (opioids)"),
    (
        "chronic pain: physical therapy",
        "/conditions/chronic-pain/",
        "used alongside physical therapy, talk therapy",
    ),
    (
        "less reliance on other pain medicines",
        "/conditions/chronic-pain/",
        "rely less on other pain medicines",
    ),
    (
        "suicidal thoughts need urgent care",
        "/conditions/suicidal-ideation/",
        "Suicidal thoughts need prompt care",
    ),
    (
        "usual treatments take time",
        "/conditions/suicidal-ideation/",
        "Many of these treatments take weeks to help",
    ),
    (
        "ketamine may help while longer-term care is set up",
        "/conditions/suicidal-ideation/",
        "some relief while longer-term care is set up",
    ),
    ("bipolar: manic episodes", "/conditions/bipolar-disorder/", "People have times of very high mood"),
    (
        "bipolar: depressive episodes",
        "/conditions/bipolar-disorder/",
        "They also have times of very low mood",
    ),
    (
        "bipolar: mood stabilizers, antipsychotics, psychotherapy",
        "/conditions/bipolar-disorder/",
        "replace mood stabilizers, antipsychotic medicines or talk therapy",
    ),
    (
        "bipolar: ketamine studied as an add-on",
        "/conditions/bipolar-disorder/",
        "being studied as an extra treatment",
    ),
    (
        "bipolar: for depressive episodes that have not responded",
        "/conditions/bipolar-disorder/",
        "when usual treatments have not helped enough",
    ),
    (
        "bipolar: not a treatment for mania",
        "/conditions/bipolar-disorder/",
        "It is not a treatment for mania",
    ),
    ("part of a comprehensive plan", "/", "It is one part of a full plan"),
    ("often with psychotherapy", "/", "That plan often includes talk therapy"),
    ("for people in Los Angeles", "/", "We serve people across the Los Angeles area"),
    (
        "consult a qualified provider at the center",
        "/conditions/treatment-resistant-depression/",
        "a qualified provider at our center",
    ),
    (
        "the center is at Cedars-Sinai East Tower",
        "/conditions/treatment-resistant-depression/",
        "Ketamine Therapy Center in Cedars-Sinai East Tower",
    ),
]


@pytest.mark.parametrize(("fact", "url", "phrase"), SEED_FACTS, ids=[fact for fact, _, _ in SEED_FACTS])
def test_every_seed_fact_appears_on_the_site(page_html, fact, url, phrase):
    assert phrase in visible_text(page_html(url))
