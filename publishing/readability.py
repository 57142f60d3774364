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


def prose_blocks(markdown_text, language=None):
    """The paragraphs and list items of a Markdown document, as plain text."""
    extractor = _ProseExtractor()
    extractor.feed(str(render_markdown(markdown_text, language)))
    extractor.close()
    return [" ".join(URL.sub("", block).split()) for block in extractor.blocks]


def prose(markdown_text, language=None):
    """The running text of a Markdown document, as scored."""
    text = " ".join(prose_blocks(markdown_text, language))
    text = UNAVOIDABLE.sub("", text)
    return " ".join(text.split())


def reading_grade(markdown_text):
    """Flesch-Kincaid grade of English prose, or None when there is no prose to score."""
    text = prose(markdown_text, "en")
    if not text:
        return None
    textstat.set_lang("en_US")
    return textstat.flesch_kincaid_grade(text)


def spanish_reading_ease(markdown_text):
    """Fernández Huerta reading ease of Spanish prose (60 or more is plain), or None."""
    text = prose(markdown_text, "es")
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


# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = re.compile(r"\b(EE\. UU\.|U\.S\.|Dr\.|e\.g\.|i\.e\.|et al\.|vs\.)", re.I)
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”)]*\s+")
WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


def sentence_lengths(text):
    """Words in each sentence of plain ``text`` (from prose(), or a key fact)."""
    text = ABBREVIATIONS.sub(lambda match: match.group(0).replace(".", ""), text)
    return [len(WORD.findall(sentence)) for sentence in SENTENCE_END.split(text) if WORD.search(sentence)]


def page_sentence_lengths(markdown_text, language, extra_lines=()):
    """Words per sentence of a page's paragraphs and list items, and of extra lines
    read with it (key facts). Each block is split on its own: a list item is not
    part of the sentence that introduces the list."""
    return [
        length
        for block in [*prose_blocks(markdown_text, language), *extra_lines]
        for length in sentence_lengths(block)
    ]
