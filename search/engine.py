"""Site search over published pages, the same on SQLite and PostgreSQL.

A handful of pages does not need a search engine: every word of the query must appear
in the title, summary or text of a page, titles count most, and each result shows
where the words were found. Matching ignores case and accents ("presion" finds
"presión": many people type Spanish on a phone without them), on a folded copy of
each page's text stored when it is saved. Any input is safe: control characters are
dropped and the query is cut to a sensible length before it reaches the database.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import reduce
from operator import and_

from django.db.models import Q

from conditions.models import Condition
from pages.models import Page

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
SNIPPET_LENGTH = 200


def fold(text):
    """``text`` in lower case without accents, character for character ("Presión"
    gives "presion", of the same length), for searching as people type."""
    folded = []
    for character in text:
        base = unicodedata.normalize("NFD", character)[0]
        lower = base.lower()
        folded.append(lower if len(lower) == 1 else base)
    return "".join(folded)


def folded_body_text(item):
    """``fold(item.body_text)``, without folding it again: search_text ends with it."""
    return item.search_text[len(item.title) + len(item.summary) + 2 :]


@dataclass
class Result:
    item: object
    # Text as (part, is_match) pairs; the template marks the matches and escapes all.
    title: list
    snippet: list
    score: int


def clean_query(query):
    """The query as it will be searched: printable, single-spaced, bounded."""
    printable = "".join(
        " " if unicodedata.category(character).startswith(("C", "Z")) else character
        for character in query or ""
    )
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def terms_of(query):
    terms = []
    for term in clean_query(query).split():
        if term.lower() not in (t.lower() for t in terms):
            terms.append(term)
    return terms[:MAX_TERMS]


def search(query):
    terms = terms_of(query)
    if not terms:
        return []
    matches_every_term = reduce(and_, (Q(search_text__contains=fold(term)) for term in terms))
    results = []
    for model in (Condition, Page):
        for item in model.objects.for_readers().filter(matches_every_term):
            results.append(
                Result(
                    item=item,
                    title=highlight(item.title, terms),
                    snippet=(
                        snippet(item.body_text, terms, folded=folded_body_text(item))
                        if item.body_text
                        else snippet(item.summary, terms)
                    ),
                    score=_score(item, terms),
                )
            )
    return sorted(results, key=lambda result: (-result.score, result.item.title))


def _score(item, terms):
    title, summary, body = fold(item.title), fold(item.summary), folded_body_text(item)
    score = 0
    for term in (fold(t) for t in terms):
        score += 10 * title.count(term)
        score += 3 * summary.count(term)
        score += min(body.count(term), 20)
    return score


def _pattern(terms):
    folded = sorted({fold(term) for term in terms}, key=len, reverse=True)
    return re.compile("|".join(re.escape(term) for term in folded))


def highlight(text, terms):
    """``text`` as (part, is_match) pairs, a match being an occurrence of a term.

    Matches are found in the folded text, which has the same length, so their
    positions mark the words as written (with their accents).
    """
    pattern, parts, position = _pattern(terms), [], 0
    for match in pattern.finditer(fold(text)):
        if match.start() > position:
            parts.append((text[position : match.start()], False))
        parts.append((text[match.start() : match.end()], True))
        position = match.end()
    if position < len(text):
        parts.append((text[position:], False))
    return parts


def snippet(text, terms, length=SNIPPET_LENGTH, folded=None):
    """About ``length`` characters of ``text`` around the first term found, highlighted.

    ``folded`` is ``fold(text)``, when the caller already has it.
    """
    match = _pattern(terms).search(fold(text) if folded is None else folded)
    start = max(0, (match.start() if match else 0) - length // 3)
    if start:
        start = text.find(" ", start) + 1 or start
    end = min(len(text), start + length)
    if end < len(text) and text.rfind(" ", start, end) > start:
        end = text.rfind(" ", start, end)
    parts = highlight(text[start:end], terms)
    if start:
        parts.insert(0, ("… ", False))
    if end < len(text):
        parts.append((" …", False))
    return parts
