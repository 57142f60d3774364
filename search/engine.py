"""Site search: what a reader's query finds, in which order, and what each result quotes.

Matching is the database's full-text search over whole words and their stems (see
backends.py), in the language each page is written in; accents and case are ignored.
A word that appears nowhere on the site is read as the closest word that does
("ketamin", "ansiedad" for "ansiedd"), so a misspelling still finds its page. Pages
holding the query as a phrase come first, then pages whose title or headings hold
every word, then the best BM25 / ts_rank score. Each result quotes the sentence that
best matches, with the matching words marked.

Any input is safe: control characters are dropped and the query is cut to a sensible
length before it reaches the database.
"""

import difflib
import hashlib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.utils.translation import get_language

from publishing.content_version import content_version
from publishing.languages import reader_language

from . import documents, text
from .backends import full_text_search
from .index import SEARCHED_MODELS
from .models import SearchEntry

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
SNIPPET_LENGTH = 240
# How like a site word a misspelt word must be to be read as it (difflib's ratio).
SPELLING_CUTOFF = 0.75
MIN_CORRECTED_LENGTH = 4
RESULTS_TIMEOUT = 3600


@dataclass
class Result:
    url: str
    # Text as (part, is_match) pairs; the template marks the matches and escapes all.
    title: list
    snippet: list


@dataclass
class Results:
    query: str
    results: list = field(default_factory=list)
    # The query as searched, when misspelt words were read as site words.
    corrected: str = ""
    # True when no page has every word, and these pages have some of them.
    partial: bool = False

    def __bool__(self):
        return bool(self.results)

    def __len__(self):
        return len(self.results)

    def __iter__(self):
        return iter(self.results)


def clean_query(query):
    """The query as it will be searched: printable, single-spaced, bounded."""
    printable = "".join(
        " " if unicodedata.category(character).startswith(("C", "Z")) else character
        for character in query or ""
    )
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def query_words(query):
    """The query's distinct folded words, in order."""
    return list(dict.fromkeys(text.words(clean_query(query))))[:MAX_TERMS]


def search(query, language=None):
    """Results for ``query`` among the pages readers of ``language`` see."""
    language = language or reader_language()
    query = clean_query(query)
    if not query_words(query):
        return Results(query)
    # The same query finds the same pages until the content changes (content_version).
    # The query is hashed so that the key is short and safe for every cache backend.
    folded = hashlib.sha256(text.fold(query).encode()).hexdigest()
    key = f"search:{content_version()}:{language}:{get_language()}:{folded}"
    found = cache.get(key)
    if found is None:
        found = _search(query, language)
        cache.set(key, found, RESULTS_TIMEOUT)
    return found


def _readable_entries(language):
    """{entry id: item} for the pages readers of ``language`` see."""
    entries = {}
    for model in SEARCHED_MODELS:
        items = {item.pk: item for item in model.objects.for_readers(language)}
        content_type = ContentType.objects.get_for_model(model)
        for entry_id, object_id in SearchEntry.objects.filter(
            content_type=content_type, object_id__in=items
        ).values_list("pk", "object_id"):
            entries[entry_id] = items[object_id]
    return entries


def _search(query, language):
    readable = _readable_entries(language)
    entries = SearchEntry.objects.in_bulk(readable)
    languages = sorted({entry.language for entry in entries.values()}, key=lambda code: code != language)
    words = query_words(query)
    searched = {
        entry_language: _spelled_as_on_site(
            text.without_stop_words(words, entry_language), entry_language, entries.values()
        )
        for entry_language in languages
    }
    ranked = _ranked(entries, searched, how="all")
    partial = not ranked
    if partial:
        # No page has every word: show the pages with some of them, and say so.
        ranked = _ranked(entries, searched, how="any")
    terms = searched.get(language) or next(iter(searched.values()), [])
    return Results(
        query=query,
        results=[
            Result(
                url=readable[entry.pk].url_in_active_language(),
                title=highlight(entry.title, stems, entry.language),
                snippet=snippet(entry, stems, searched[entry.language]),
            )
            for _, entry, stems in ranked
        ],
        corrected=" ".join(terms) if any(term not in words for term in terms) else "",
        partial=partial and bool(ranked),
    )


def _ranked(entries, searched, how):
    """(order, entry, stems) of the entries matching, best first: the query as a phrase
    in the title, in a heading, in the text; then every word in the title, in the
    headings; then the database's rank."""
    backend, ranked = full_text_search(), []
    for entry_language, terms in searched.items():
        matches = backend.match(entry_language, terms, how)
        phrases = backend.match(entry_language, terms, "phrase") if len(terms) > 1 else matches
        stems = [text.stem(term, entry_language) for term in terms]
        phrase = f" {' '.join(stems)} "
        for entry_id, rank in matches.items():
            entry = entries.get(entry_id)
            if entry is None:
                continue
            title = text.stems(entry.title, entry_language)
            headings = [text.stems(heading, entry_language) for heading in entry.headings.splitlines()]
            order = (
                phrase not in f" {' '.join(title)} ",
                not any(phrase in f" {' '.join(heading)} " for heading in headings),
                entry_id not in phrases,
                not set(stems) <= set(title),
                not set(stems) <= {stem for heading in headings for stem in heading},
                -rank,
                entry.title,
            )
            ranked.append((order, entry, set(stems)))
    return sorted(ranked, key=lambda found: found[0])


@dataclass
class Vocabulary:
    """The folded words of the pages in one language, and their stems."""

    stems: set
    # Words by first letter: a misspelling rarely changes the first letter, and comparing
    # with a twentieth of the words keeps a query of nonsense words cheap.
    by_initial: dict


# (content version, language) -> Vocabulary
_vocabularies = {}


def _vocabulary(language, entries):
    version = content_version()
    key = (version, language)
    if key not in _vocabularies:
        for old in [old for old in _vocabularies if old[0] != version]:
            del _vocabularies[old]
        found = set()
        for entry in entries:
            if entry.language == language:
                for part in (entry.title, entry.summary, entry.headings, entry.text):
                    found.update(text.words(part))
        by_initial = {}
        for word in sorted(found):
            by_initial.setdefault(word[0], []).append(word)
        _vocabularies[key] = Vocabulary({text.stem(word, language) for word in found}, by_initial)
    return _vocabularies[key]


def _spelled_as_on_site(words, language, entries):
    vocabulary = _vocabulary(language, entries)
    spelled = []
    for word in words:
        if len(word) >= MIN_CORRECTED_LENGTH and text.stem(word, language) not in vocabulary.stems:
            candidates = vocabulary.by_initial.get(word[0], [])
            closest = difflib.get_close_matches(word, candidates, n=1, cutoff=SPELLING_CUTOFF)
            word = closest[0] if closest else word
        spelled.append(word)
    return spelled


def highlight(value, stems, language):
    """``value`` as (part, is_match) pairs, a match being a word whose stem is searched.

    Words are found in the folded text, which has the same length, so their positions
    mark the words as written (with their accents).
    """
    parts, position = [], 0
    for match in text.WORD.finditer(text.fold(value)):
        if text.stem(match.group(), language) in stems:
            if match.start() > position:
                parts.append((value[position : match.start()], False))
            parts.append((value[match.start() : match.end()], True))
            position = match.end()
    if position < len(value):
        parts.append((value[position:], False))
    return parts


def snippet(entry, stems, terms, length=SNIPPET_LENGTH):
    """The sentence of ``entry`` that best matches, highlighted: the one holding the
    phrase, else the most of the words; the summary when no sentence holds any."""
    phrase = " ".join(text.stem(term, entry.language) for term in terms)
    best, best_score = entry.summary, (0, 0)
    for sentence, sentence_stems in _sentences(entry.text, entry.language):
        score = (
            len(terms) > 1 and phrase in " ".join(sentence_stems),
            len(stems & set(sentence_stems)),
        )
        if score > best_score:
            best, best_score = sentence, score
    return highlight(shortened(best, stems, entry.language, length), stems, entry.language)


@lru_cache(maxsize=64)
def _sentences(entry_text, language):
    """(sentence, its stems) of each sentence of a search entry's text, worked out once
    per text: a page has hundreds, and every search quoting the page needs them."""
    return [
        (sentence, text.stems(sentence, language))
        for block in entry_text.splitlines()
        for sentence in documents.sentences(block)
    ]


def shortened(sentence, stems, language, length):
    """``sentence``, or about ``length`` characters of it around its first match."""
    if len(sentence) <= length:
        return sentence
    first = next(
        (
            m.start()
            for m in text.WORD.finditer(text.fold(sentence))
            if text.stem(m.group(), language) in stems
        ),
        0,
    )
    start = max(0, first - length // 3)
    if start:
        start = sentence.find(" ", start) + 1 or start
    end = min(len(sentence), start + length)
    if end < len(sentence) and sentence.rfind(" ", start, end) > start:
        end = sentence.rfind(" ", start, end)
    return ("… " if start else "") + sentence[start:end] + (" …" if end < len(sentence) else "")
