"""Readability of a page's prose, as editors and the content tests see it.

English pages are measured with the Flesch-Kincaid grade (textstat 0.7.3; lower is
easier, target 8 or lower), Spanish pages with the Fernández Huerta reading ease
(higher is easier, target 60 or more). Only the running text counts: paragraphs and
list items. Headings, tables, citation numbers and the reference list are left out,
and so are drug and study names that no plain-language rewrite can avoid (the NHS
removes "paracetamol" before scoring for the same reason).
"""

import re
import warnings
from html.parser import HTMLParser

from .markdown import render_markdown

with warnings.catch_warnings():
    # textstat 0.7.3 imports pkg_resources, which warns on import.
    warnings.simplefilter("ignore")
    import textstat

# Words removed before scoring: names of medicines and studies, not plain-English choices.
UNAVOIDABLE_TERMS = (
    "esketamine",
    "ketamine",
    "esketamina",
    "ketamina",
    "litio",
    "valproato",
    "ISRS",
    "Spravato",
    "Ketalar",
    "midazolam",
    "lithium",
    "valproate",
    "KARMA-Dep",
    "ELEKT-D",
    "SSRIs",
    "SSRI",
)
UNAVOIDABLE = re.compile(r"\b(" + "|".join(map(re.escape, UNAVOIDABLE_TERMS)) + r")\b", re.I)
URL = re.compile(r"https?://\S+")

PROSE_TAGS = {"p", "li"}
SKIPPED_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "table", "sup", "pre", "code"}


class _ProseExtractor(HTMLParser):
    def __init__(self):
        super().__init__()
        self.blocks = []
        self._skip_depth = 0
        self._in_footnotes = False
        self._prose_depth = 0
        self._current = []

    def handle_starttag(self, tag, attrs):
        if tag == "section" and ("class", "footnotes") in attrs:
            self._in_footnotes = True
        if tag in SKIPPED_TAGS:
            self._skip_depth += 1
        if tag in PROSE_TAGS:
            if self._prose_depth:
                self._flush()
            self._prose_depth += 1

    def handle_endtag(self, tag):
        if tag == "section":
            self._in_footnotes = False
        if tag in SKIPPED_TAGS and self._skip_depth:
            self._skip_depth -= 1
        if tag in PROSE_TAGS and self._prose_depth:
            self._prose_depth -= 1
            self._flush()

    def handle_data(self, data):
        if self._prose_depth and not self._skip_depth and not self._in_footnotes:
            self._current.append(data)

    def _flush(self):
        text = " ".join("".join(self._current).split())
        self._current = []
        if text:
            # A list item without a full stop still ends a sentence for the reader.
            self.blocks.append(text if text[-1] in ".?!:" else text + ".")


def prose(markdown_text):
    """The running text of a Markdown document, as scored."""
    extractor = _ProseExtractor()
    extractor.feed(str(render_markdown(markdown_text)))
    extractor.close()
    text = " ".join(extractor.blocks)
    text = URL.sub("", text)
    text = UNAVOIDABLE.sub("", text)
    return " ".join(text.split())


def reading_grade(markdown_text):
    """Flesch-Kincaid grade of English prose, or None when there is no prose to score."""
    text = prose(markdown_text)
    if not text:
        return None
    textstat.set_lang("en_US")
    return textstat.flesch_kincaid_grade(text)


def spanish_reading_ease(markdown_text):
    """Fernández Huerta reading ease of Spanish prose (60 or more is plain), or None."""
    text = prose(markdown_text)
    if not text:
        return None
    textstat.set_lang("es")
    try:
        return textstat.fernandez_huerta(text)
    finally:
        textstat.set_lang("en_US")


def readability(markdown_text, language):
    """(score, is_plain, label) for a page in ``language``, or None without prose."""
    if language == "es":
        score = spanish_reading_ease(markdown_text)
        return None if score is None else (score, score >= 60, "Fernández Huerta")
    score = reading_grade(markdown_text)
    return None if score is None else (score, score <= 8, "Flesch-Kincaid")
