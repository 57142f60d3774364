"""The database's own full-text search, behind one small interface.

SQLite: an FTS5 table (it ships with Python's sqlite3) holding each entry's stems, made
in Python by the same Snowball stemmers PostgreSQL uses, ranked with FTS5's BM25.
PostgreSQL: a tsvector column built with the English or Spanish configuration over
unaccent()ed text, ranked with ts_rank.

``match(language, query_words, how)`` gives {entry id: rank} (higher is better) for
the entries of that language holding every word (how="all"), the words side by side
in that order ("phrase") or at least one of them ("any"), each word matched by its
stem.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Func

from . import text

FTS_TABLE = "search_entry_words"
CREATE_FTS_TABLE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "language UNINDEXED, title, headings, summary, text, "
    "tokenize = 'unicode61 remove_diacritics 2')"
)
DROP_FTS_TABLE = f"DROP TABLE IF EXISTS {FTS_TABLE}"
# Weights for BM25 by column (language, title, headings, summary, text): a word in the
# title says most about what a page is about.
BM25_WEIGHTS = "0, 10, 5, 3, 1"
POSTGRES_CONFIGS = {"en": "english", "es": "spanish"}


class Unaccent(Func):
    function = "unaccent"


class SQLiteSearch:
    def write(self, entries):
        with connection.cursor() as cursor:
            for entry in entries:
                cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [entry.pk])
                cursor.execute(
                    f"INSERT INTO {FTS_TABLE} (rowid, language, title, headings, summary, text) "
                    "VALUES (%s, %s, %s, %s, %s, %s)",
                    [
                        entry.pk,
                        entry.language,
                        *(
                            text.indexed_text(getattr(entry, field), entry.language)
                            for field in ("title", "headings", "summary", "text")
                        ),
                    ],
                )

    def delete(self, entry_ids):
        with connection.cursor() as cursor:
            for entry_id in entry_ids:
                cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [entry_id])

    def match(self, language, query_words, how="all"):
        stems = [text.stem(word, language) for word in query_words]
        # Stems are whole words (\w+), so quoting each one makes any input safe FTS5 syntax.
        quoted = [f'"{stem}"' for stem in stems]
        expression = {
            "all": " ".join(quoted),
            "phrase": f'"{" ".join(stems)}"',
            "any": " OR ".join(quoted),
        }[how]
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, bm25({FTS_TABLE}, {BM25_WEIGHTS}) FROM {FTS_TABLE} "
                f"WHERE {FTS_TABLE} MATCH %s AND language = %s",
                [expression, language],
            )
            return {entry_id: -score for entry_id, score in cursor.fetchall()}


class PostgreSQLSearch:
    def write(self, entries):
        for entry in entries:
            config = POSTGRES_CONFIGS.get(entry.language, "simple")
            vector = (
                SearchVector(Unaccent(F("title")), weight="A", config=config)
                + SearchVector(Unaccent(F("headings")), weight="B", config=config)
                + SearchVector(Unaccent(F("summary")), weight="C", config=config)
                + SearchVector(Unaccent(F("text")), weight="D", config=config)
            )
            type(entry).objects.filter(pk=entry.pk).update(words=vector)

    def delete(self, entry_ids):
        """Nothing to do: the words are a column of the entry."""

    def match(self, language, query_words, how="all"):
        from .models import SearchEntry

        query = SearchQuery(
            " or ".join(query_words) if how == "any" else " ".join(query_words),
            config=POSTGRES_CONFIGS.get(language, "simple"),
            search_type={"all": "plain", "phrase": "phrase", "any": "websearch"}[how],
        )
        return dict(
            SearchEntry.objects.filter(language=language, words=query)
            .annotate(rank=SearchRank(F("words"), query))
            .values_list("pk", "rank")
        )


def full_text_search():
    return PostgreSQLSearch() if connection.vendor == "postgresql" else SQLiteSearch()
