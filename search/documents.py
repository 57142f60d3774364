"""What of a page is searched and quoted: its title, headings, summary and sentences.

Taken from the rendered body, so that footnote markers and the list of references
are left out, headings are not run into the text that follows them, and a link
followed by a comma reads "referral form, or", not "referral form , or".
"""

import html
import re

FOOTNOTE_REFERENCES = re.compile(r'<sup class="footnote-ref">.*?</sup>', re.DOTALL)
FOOTNOTES = re.compile(r'<section class="footnotes".*?</section>', re.DOTALL)
HEADING = re.compile(r"<h([1-6])[^>]*>(.*?)</h\1>", re.DOTALL)
# Tags that start or end a block of text; any other tag is inline and leaves no gap.
BLOCK_TAG = re.compile(
    r"</?(?:p|li|ul|ol|h[1-6]|table|thead|tbody|tr|td|th|dl|dt|dd|blockquote|pre|div|section|"
    r"figure|figcaption|hr|br)\b[^>]*>",
    re.IGNORECASE,
)
TAG = re.compile(r"<[^>]+>")
# A sentence ends at . ! ? or … followed by space and something that can start one.
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"“¿¡(\[]?[A-ZÁÉÍÓÚÑ0-9])")


def _text(fragment):
    return " ".join(html.unescape(TAG.sub("", fragment)).split())


def without_footnotes(body_html):
    return FOOTNOTES.sub("", FOOTNOTE_REFERENCES.sub("", body_html))


def headings(body_html):
    return [_text(inner) for _, inner in HEADING.findall(without_footnotes(body_html))]


def blocks(body_html):
    """The text of each paragraph, list item or table cell, headings left out."""
    body = HEADING.sub("\n", without_footnotes(body_html))
    return [text for text in (_text(block) for block in BLOCK_TAG.split(body)) if text]


def sentences(text):
    return [sentence for sentence in SENTENCE_END.split(text) if sentence]


def entry_fields(item):
    """The search entry's fields for a condition or page (models.SearchEntry)."""
    return {
        "language": item.language,
        "title": item.title,
        "summary": item.summary,
        "headings": "\n".join(headings(item.body_html)),
        "text": "\n".join(blocks(item.body_html)),
    }
