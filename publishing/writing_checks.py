"""Checks that help editors write safe, accessible pages.

They warn and never block: an editor may have a good reason, and nothing typed
should be lost to a rule. The same warnings appear under the live preview while
typing and as messages after saving.
"""

import re

from django.utils.translation import gettext as _

from .markdown import plain_text, render_markdown
from .readability import readability
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

IMAGE = re.compile(r"<img\b([^>]*)>")
ALT = re.compile(r'\balt="([^"]*)"')
HEADING_LEVEL = re.compile(r"<h([1-6])\b")
LINK = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.DOTALL)


def warnings_for_html(rendered):
    """Warnings about HTML produced by render_markdown()."""
    found = []

    missing_alt = sum(
        1 for attrs in IMAGE.findall(rendered) if not ALT.search(attrs) or not ALT.search(attrs)[1].strip()
    )
    if missing_alt:
        found.append(
            _(
                "%(count)d image(s) have no alt text. Describe each image in the brackets: ![what it shows](...)."
            )
            % {"count": missing_alt}
        )

    previous = 1  # the page's title is its only h1
    for level in map(int, HEADING_LEVEL.findall(rendered)):
        if level == 1:
            found.append(
                _("The body has a level-1 heading (#). The title is the page's only one: use ## instead.")
            )
        elif level > previous + 1:
            found.append(
                _("A heading skips from level %(from)d to level %(to)d. Use one more # at a time.")
                % {"from": previous, "to": level}
            )
        previous = max(level, 1)

    for attrs, inner in LINK.findall(rendered):
        if 'href="#' in attrs:  # footnote citations and back links
            continue
        text = plain_text(inner).strip(" .:").lower()
        if text in VAGUE_LINK_TEXTS:
            found.append(
                _("The link text “%(text)s” does not say where it goes. Describe the destination instead.")
                % {"text": plain_text(inner)}
            )

    claims = sorted({match.group(0).lower() for match in ABSOLUTE_CLAIMS.finditer(plain_text(rendered))})
    if claims:
        found.append(
            _(
                "Absolute claims: %(words)s. Medical information must not promise results; say “may” and give the evidence."
            )
            % {"words": ", ".join(f"“{claim}”" for claim in claims)}
        )
    return found


def writing_warnings(markdown_text, language="en"):
    """Warnings about a Markdown body, including its readability in its language."""
    found = warnings_for_html(str(render_markdown(markdown_text, language)))
    unknown = unknown_statements(markdown_text)
    if unknown:
        found.append(
            _("Unknown shared statements: %(names)s. Known ones are %(known)s.")
            % {
                "names": ", ".join(f"{{{{ {name} }}}}" for name in unknown),
                "known": ", ".join(f"{{{{ {name} }}}}" for name in STATEMENTS),
            }
        )
    measured = readability(markdown_text, language)
    if measured is not None and not measured[1]:
        if language == "es":
            found.append(
                _(
                    "The reading ease is %(score).1f. Aim for 60 or more: shorter sentences and plainer words help."
                )
                % {"score": measured[0]}
            )
        else:
            found.append(
                _(
                    "The reading grade is %(grade).1f. Aim for %(target)d or lower: shorter sentences and "
                    "plainer words help."
                )
                % {"grade": measured[0], "target": READING_GRADE_TARGET}
            )
    return found
