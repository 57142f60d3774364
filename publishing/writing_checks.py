"""Checks that help editors write safe, accessible pages.

They warn and never block: an editor may have a good reason, and nothing typed
should be lost to a rule. The same warnings appear under the live preview while
typing and as messages after saving.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.utils.translation import gettext as _

from .markdown import render_markdown
from .readability import ABBREVIATIONS, SENTENCE_END, WORD, readability, sentence_lengths
from .statements import STATEMENTS, unknown_statements

# English and Spanish: "cura", "garantizado", "milagro", "sin riesgos", "alivio inmediato".
ABSOLUTE_CLAIMS = re.compile(
    r"\b(cures?|cured|guarantee[ds]?|miracle|instant relief|risk-free|curas?|curar|curamos"
    r"|garantiza\w*|garantía|milagro\w*|sin riesgos?|alivio inmediato|alivio instantáneo)\b|\b100\s?%",
    re.IGNORECASE,
)
VAGUE_LINK_TEXTS = {
    "click here",
    "here",
    "read more",
    "more",
    "this link",
    "link",
    "this page",
    "click",
    "haga clic aquí",
    "aquí",
    "clic aquí",
    "más",
    "leer más",
    "este enlace",
}
READING_GRADE_TARGET = 8
# The longest sentence the site's own pages have (tests/test_content_consistency.py).
LONG_SENTENCE_WORDS = 25

BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "figcaption"}
PROSE_TAGS = {"p", "li"}


@dataclass(frozen=True)
class Finding:
    """A warning, and what it is about as the preview shows it: a sentence (or a
    heading, or a shared statement's name) or an image's address."""

    message: str
    sentence: str = ""
    image: str = ""

    def __str__(self):
        return self.message


@dataclass
class _Block:
    tag: str
    text: str = ""
    links: list = field(default_factory=list)  # (href, text)


class _Blocks(HTMLParser):
    """The text blocks of rendered HTML (paragraphs, list items, headings, cells), each
    with its text exactly as a browser shows it, its links, and the page's images."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.images = [], []
        self._open = []  # blocks being read, innermost last
        self._link = None  # [href, text] of the link being read

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in BLOCK_TAGS:
            block = _Block(tag)
            self.blocks.append(block)
            self._open.append(block)
        elif tag == "a" and self._open:
            self._link = [attrs.get("href") or "", ""]
        elif tag == "img":
            self.images.append((attrs.get("src") or "", (attrs.get("alt") or "").strip()))

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            self._open[-1].links.append(tuple(self._link))
            self._link = None
        elif tag in BLOCK_TAGS and self._open and self._open[-1].tag == tag:
            self._open.pop()

    def handle_data(self, data):
        if self._open:
            self._open[-1].text += data
            if self._link is not None:
                self._link[1] += data


def read_blocks(rendered):
    parser = _Blocks()
    parser.feed(str(rendered))
    parser.close()
    for block in parser.blocks:
        block.text = " ".join(block.text.split())
    return [block for block in parser.blocks if block.text], parser.images


def sentences(text):
    """The sentences of plain ``text``, as written (abbreviations do not end one)."""
    protected = ABBREVIATIONS.sub(lambda match: match.group(0).replace(".", "\0"), text)
    return [
        sentence.replace("\0", ".").strip()
        for sentence in SENTENCE_END.split(protected)
        if WORD.search(sentence)
    ]


def _sentence_with(text, words):
    """The first sentence of ``text`` that contains ``words``, else the whole text."""
    return next((sentence for sentence in sentences(text) if words in sentence), text)


def findings_for_html(rendered):
    """Warnings about HTML produced by render_markdown(), each with what it is about."""
    blocks, images = read_blocks(rendered)
    found = []

    missing_alt = [src for src, alt in images if not alt]
    if missing_alt:
        found.append(
            Finding(
                _(
                    "%(count)d image(s) have no alt text. Describe each image in the brackets: "
                    "![what it shows](...)."
                )
                % {"count": len(missing_alt)},
                image=missing_alt[0],
            )
        )

    previous = 1  # the page's title is its only h1
    for block in blocks:
        if block.tag[0] != "h" or block.tag == "th":
            continue
        level = int(block.tag[1])
        if level == 1:
            found.append(
                Finding(
                    _(
                        "The body has a level-1 heading (#). The title is the page's only one: use ## instead."
                    ),
                    sentence=block.text,
                )
            )
        elif level > previous + 1:
            found.append(
                Finding(
                    _("A heading skips from level %(from)d to level %(to)d. Use one more # at a time.")
                    % {"from": previous, "to": level},
                    sentence=block.text,
                )
            )
        previous = max(level, 1)

    for block in blocks:
        for href, inner in block.links:
            if href.startswith("#"):  # footnote citations and back links
                continue
            text = " ".join(inner.split())
            if text.strip(" .:").lower() in VAGUE_LINK_TEXTS:
                found.append(
                    Finding(
                        _(
                            "The link text “%(text)s” does not say where it goes. "
                            "Describe the destination instead."
                        )
                        % {"text": text},
                        sentence=_sentence_with(block.text, text),
                    )
                )

    for block in blocks:
        for sentence in sentences(block.text):
            claims = sorted({match.group(0).lower() for match in ABSOLUTE_CLAIMS.finditer(sentence)})
            if claims:
                found.append(
                    Finding(
                        _(
                            "Absolute claims: %(words)s. Medical information must not promise results; "
                            "say “may” and give the evidence."
                        )
                        % {"words": ", ".join(f"“{claim}”" for claim in claims)},
                        sentence=sentence,
                    )
                )
            words = sum(sentence_lengths(sentence))
            if block.tag in PROSE_TAGS and words > LONG_SENTENCE_WORDS:
                found.append(
                    Finding(
                        _("A sentence of %(count)d words. Aim for %(limit)d or fewer: one idea per sentence.")
                        % {"count": words, "limit": LONG_SENTENCE_WORDS},
                        sentence=sentence,
                    )
                )
    return found


def warnings_for_html(rendered):
    """The messages of findings_for_html()."""
    return [finding.message for finding in findings_for_html(rendered)]


def writing_findings(markdown_text, language="en"):
    """Warnings about a Markdown body, including its readability in its language,
    each with the sentence (or image) it is about when there is one."""
    found = findings_for_html(render_markdown(markdown_text, language))
    for name in unknown_statements(markdown_text):
        found.append(
            Finding(
                _("Unknown shared statements: %(names)s. Known ones are %(known)s.")
                % {
                    "names": f"{{{{ {name} }}}}",
                    "known": ", ".join(f"{{{{ {known} }}}}" for known in STATEMENTS),
                },
                sentence=f"{{{{ {name} }}}}",
            )
        )
    measured = readability(markdown_text, language)
    if measured is not None and not measured[1]:
        if language == "es":
            message = _(
                "The reading ease is %(score).1f. Aim for 60 or more: shorter sentences and plainer words help."
            ) % {"score": measured[0]}
        else:
            message = _(
                "The reading grade is %(grade).1f. Aim for %(target)d or lower: shorter sentences and "
                "plainer words help."
            ) % {"grade": measured[0], "target": READING_GRADE_TARGET}
        found.append(Finding(message))
    return found


def writing_warnings(markdown_text, language="en"):
    """The messages of writing_findings(), for the admin's messages after saving."""
    return [finding.message for finding in writing_findings(markdown_text, language)]
