"""The one place where Markdown becomes HTML.

Every Markdown field is rendered by ``render_markdown()`` when it is saved, and the
admin's live preview (``MARKDOWNX_MARKDOWNIFY_FUNCTION``) calls the same function, so
staff preview exactly what patients get. Nothing else in the project renders Markdown
or marks HTML as safe.

Renderer: cmarkgfm (GitHub's C implementation of CommonMark with the GFM extensions).
It renders pathological input such as 100,000 ``[`` characters in milliseconds, where
Python-Markdown takes tens of seconds. It runs in safe mode (raw HTML and dangerous
link schemes are dropped), and its output is then sanitised with an nh3 allow-list
as a second, independent layer.
"""

import html
import re

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from .statements import expand_statements

# Footnotes give numbered references whose in-text citations link to the list.
CMARK_OPTIONS = Options.CMARK_OPT_FOOTNOTES | Options.CMARK_OPT_VALIDATE_UTF8

ALLOWED_TAGS = {
    "a",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "strong",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "id", "aria-label"},
    "img": {"src", "alt", "title"},
    "li": {"id"},
    "ol": {"start"},
    "td": {"align"},
    "th": {"align"},
}
ALLOWED_CLASSES = {
    "a": {"footnote-backref"},
    "section": {"footnotes"},
    "sup": {"footnote-ref"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Only the ids the footnote extension generates survive; any other id could
# clobber DOM globals or collide with the template's own landmarks.
FOOTNOTE_ID = re.compile(r"^fn(ref)?-[\w-]{1,64}$")
TABLE_ALIGNMENTS = {"left", "center", "right"}

# Deeper nesting than this never occurs in real pages; the sanitiser's tree builder
# slows down quadratically on it (50,000 nested quotes took seconds).
MAX_NESTING = 32
VOID_TAGS = {"br", "hr", "img", "input"}
CMARK_TAG = re.compile(r"<(/?)([a-z][a-z0-9]*)[^>]*>")

HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")


def _filter_attribute(element, attribute, value):
    if attribute == "id":
        return value if FOOTNOTE_ID.match(value) else None
    if element == "img" and attribute == "src":
        # Images must come from this site: a remote image would tell another host
        # that a patient is reading this page.
        return value if value.startswith("/") and not value.startswith("//") else None
    if attribute == "align":
        return value if value in TABLE_ALIGNMENTS else None
    return value


def _limit_nesting(cmark_html):
    """Drop tags nested deeper than MAX_NESTING, keeping their text.

    cmark in safe mode writes balanced tags and escapes every "<" in text, so a
    single regular-expression pass sees every tag exactly.
    """
    output, depth, dropped, position = [], 0, [], 0
    for match in CMARK_TAG.finditer(cmark_html):
        output.append(cmark_html[position : match.start()])
        position = match.end()
        closing, name = match.group(1), match.group(2)
        if name in VOID_TAGS:
            output.append(match.group(0))
        elif not closing:
            depth += 1
            if depth > MAX_NESTING:
                dropped.append(depth)
            else:
                output.append(match.group(0))
        else:
            if dropped and dropped[-1] == depth:
                dropped.pop()
            else:
                output.append(match.group(0))
            depth -= 1
    output.append(cmark_html[position:])
    return "".join(output)


def _sanitize(unsafe_html):
    return nh3.clean(
        unsafe_html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=ALLOWED_URL_SCHEMES,
        attribute_filter=_filter_attribute,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def heading_text(inner_html):
    """Plain text of a heading's inner HTML."""
    return html.unescape(TAG.sub("", inner_html)).strip()


def _add_heading_ids(safe_html):
    """Give each heading a stable id derived from its text, unique within the page."""
    used = set()
    next_number = {}

    def add_id(match):
        level, inner = match.groups()
        base = slugify(heading_text(inner)) or "section"
        anchor = base
        while anchor in used:
            next_number[base] = next_number.get(base, 1) + 1
            anchor = f"{base}-{next_number[base]}"
        used.add(anchor)
        return f'<h{level} id="{anchor}">{inner}</h{level}>'

    return HEADING.sub(add_id, safe_html)


def render_markdown(text: str, language: str | None = None) -> SafeString:
    """Render Markdown to sanitised HTML with stable heading ids.

    Shared statements ({{ driving }}, see statements.py) are written out in
    ``language`` (by default, the active language) first.
    """
    text = expand_statements(text or "", language)
    unsafe_html = cmarkgfm.github_flavored_markdown_to_html(text, options=CMARK_OPTIONS)
    return mark_safe(_add_heading_ids(_sanitize(_limit_nesting(unsafe_html))))


def plain_text(rendered_html):
    """The text of HTML (from render_markdown(), or a fragment of it), tags dropped."""
    return " ".join(html.unescape(TAG.sub(" ", rendered_html)).split())


def headings(rendered_html, level=2):
    """(id, text) for each heading of the given level in HTML from render_markdown()."""
    return [
        (anchor, heading_text(inner))
        for found_level, anchor, inner in re.findall(
            r'<h([1-6]) id="([^"]+)">(.*?)</h\1>', rendered_html, re.DOTALL
        )
        if int(found_level) == level
    ]
