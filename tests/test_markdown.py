import time

import pytest
from django.conf import settings
from django.utils import translation

from publishing.markdown import headings, render_markdown
from publishing.writing_checks import sentences, writing_findings, writing_warnings


@pytest.mark.parametrize(
    "markdown",
    [
        "<script>alert(1)</script>",
        "Hello <script>alert(1)</script> world",
        '<img src="x" onerror="alert(1)">',
        "text <img src=x onerror=alert(1)> text",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        '<a href="javascript:alert(1)">x</a>',
        "![x](javascript:alert(1))",
        '<svg onload="alert(1)"></svg>',
        "<iframe src=https://example.com></iframe>",
        '<p style="background:url(javascript:alert(1))">x</p>',
    ],
)
def test_dangerous_markdown_never_reaches_the_html(markdown):
    html = str(render_markdown(markdown)).lower()

    assert "<script" not in html
    assert "onerror" not in html
    assert "onload" not in html
    assert "javascript:" not in html
    assert "data:" not in html
    assert "<iframe" not in html
    assert "style=" not in html


def test_headings_get_stable_unique_ids():
    html = str(render_markdown("## What is PTSD?\n\ntext\n\n## What is PTSD?\n\n### Risks & side effects"))

    assert '<h2 id="what-is-ptsd">' in html
    assert '<h2 id="what-is-ptsd-2">' in html
    assert '<h3 id="risks-side-effects">' in html
    assert headings(html) == [("what-is-ptsd", "What is PTSD?"), ("what-is-ptsd-2", "What is PTSD?")]


def test_author_supplied_ids_are_dropped_but_footnote_ids_are_kept():
    html = str(render_markdown('<a id="main">x</a>\n\nA claim.[^1]\n\n[^1]: A study. https://doi.org/10.1/x'))

    assert 'id="main"' not in html
    assert 'id="fnref-1"' in html
    assert 'href="#fn-1"' in html
    assert 'id="fn-1"' in html
    assert 'href="https://doi.org/10.1/x"' in html


def test_tables_and_emphasis_render():
    html = str(render_markdown("| a | b |\n|---|--:|\n| 1 | 2 |\n\n**bold** and *em*"))

    assert "<table>" in html
    assert '<td align="right">2</td>' in html
    assert "<strong>bold</strong>" in html


def test_images_from_other_hosts_are_dropped():
    html = str(
        render_markdown(
            "![a](https://tracker.example/pixel.png) ![b](//cdn.example/x.png) ![c](/media/ok.png)"
        )
    )

    assert "tracker.example" not in html
    assert "cdn.example" not in html
    assert 'src="/media/ok.png"' in html


@pytest.mark.parametrize(
    "pathological",
    [
        "[" * settings.MARKDOWN_BODY_MAX_LENGTH,
        "*" * settings.MARKDOWN_BODY_MAX_LENGTH,
        "[a](" * (settings.MARKDOWN_BODY_MAX_LENGTH // 3),
        "> " * (settings.MARKDOWN_BODY_MAX_LENGTH // 2),
        "*a **b " * (settings.MARKDOWN_BODY_MAX_LENGTH // 7),
        "<" * settings.MARKDOWN_BODY_MAX_LENGTH,
        "- " * (settings.MARKDOWN_BODY_MAX_LENGTH // 2),
        "[^x]" * (settings.MARKDOWN_BODY_MAX_LENGTH // 4),
    ],
    ids=[
        "brackets",
        "stars",
        "unclosed-links",
        "nested-quotes",
        "emphasis",
        "angles",
        "nested-lists",
        "footnotes",
    ],
)
def test_pathological_input_at_the_size_limit_renders_about_as_fast_as_normal_text(
    pathological, normal_text_render_time
):
    # Against normal text of the same size, timed in the same run, so that a busy machine
    # slows both: the worst case measured (nested quotes) is 8 times normal text, and a
    # quadratic blow-up at this size would be hundreds of times. Absolute figures: bench/.
    assert best_render_time(pathological) <= 50 * normal_text_render_time


def best_render_time(text, rounds=3):
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        render_markdown(text)
        times.append(time.perf_counter() - started)
    return min(times)


@pytest.fixture(scope="module")
def normal_text_render_time():
    """The time to render real page text at the size limit (a condition page, repeated)."""
    page = (settings.CONTENT_DIR / "conditions" / "ptsd.md").read_text()
    size = settings.MARKDOWN_BODY_MAX_LENGTH
    return best_render_time((page * (size // len(page) + 1))[:size])


def test_writing_checks_name_the_sentence_each_warning_is_about():
    # In English whatever language an earlier test in this process left active.
    with translation.override("en"):
        findings = writing_findings(
            "Dr. Lee treats people. Ketamine cures pain, guaranteed.\n\n"
            "To book, [click here](/contact/). Thanks.\n\n"
            "- " + " ".join(["word"] * 30) + ".\n\n"
            "## Part\n\n#### Detail"
        )
        about = {finding.message.split(".")[0].split(":")[0]: finding.sentence for finding in findings}

    assert about["Absolute claims"] == "Ketamine cures pain, guaranteed."
    assert about["The link text “click here” does not say where it goes"] == "To book, click here."
    assert about["A sentence of 30 words"] == " ".join(["word"] * 30) + "."
    assert about["A heading skips from level 2 to level 4"] == "Detail"
    # The messages alone, for the admin's messages after saving, are the same warnings.
    assert writing_warnings("Ketamine cures pain.") == [
        str(finding) for finding in writing_findings("Ketamine cures pain.")
    ]


def test_sentences_split_where_a_reader_stops_not_at_abbreviations():
    assert sentences("It was approved in EE. UU. in 2019. Dr. Lee agrees! Then it was not.") == [
        "It was approved in EE. UU. in 2019.",
        "Dr. Lee agrees!",
        "Then it was not.",
    ]


def test_one_warning_per_sentence_with_an_absolute_claim():
    findings = [f for f in writing_findings("It cures pain. It is safe. It is a miracle.") if f.sentence]

    assert [finding.sentence for finding in findings] == ["It cures pain.", "It is a miracle."]


@pytest.mark.parametrize(
    "pathological",
    ["- " * (settings.MARKDOWN_BODY_MAX_LENGTH // 2), "a. " * (settings.MARKDOWN_BODY_MAX_LENGTH // 3)],
)
def test_writing_checks_at_the_size_limit_answer_in_well_under_two_seconds(pathological):
    started = time.perf_counter()
    writing_findings(pathological)
    assert time.perf_counter() - started < 2.0
