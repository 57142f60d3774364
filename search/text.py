"""Words as search sees them: folded, split into whole words, stemmed by language.

The index and the query go through the same steps, so "effects" finds "effect" and
"side effects" no longer finds "alongside". Folding drops case and accents
("presion" finds "presión": many people type Spanish on a phone without them).
Stemming is Snowball's, the same algorithms PostgreSQL's English and Spanish
configurations use.
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

WORD = re.compile(r"\w+")


def _word_set(words):
    return frozenset(words.split())


# Words too common to say what a page is about (a shortened form of the Snowball lists
# PostgreSQL uses): a query made only of them still searches for them.
STOP_WORDS = {
    "en": _word_set(
        "a about after all also am an and any are as at be been before being but by can could "
        "did do does doing for from had has have having he her here him his how i if in into "
        "is it its me my no nor not of on or our out own she should so some such than that "
        "the their them then there these they this those to too up very was we were what when "
        "where which while who whom why will with would you your much many more most just get "
        "got may might"
    ),
    "es": _word_set(
        "a al algo algunas algunos ante antes como con contra cual cuando de del desde donde "
        "durante e el ella ellas ellos en entre era es esa esas ese eso esos esta estas este "
        "esto estos fue ha hay la las le les lo los mas me mi mis mucho muy ni no nos o os "
        "otra otro para pero poco por porque que quien se sea ser si sin sobre su sus tambien "
        "te tiene todo tu tus un una uno unos usted y ya yo cuanto cuanta cuantos cuantas puedo "
        "puede"
    ),
}
STEMMER_NAMES = {"en": "english", "es": "spanish"}


class _Folded(dict):
    """Code point -> its folded character, for str.translate: each character is worked
    out the first time it is met (a page is a few thousand characters of a few dozen kinds;
    folding them one by one in Python took more than half the time of saving a page)."""

    MAX_SIZE = 10_000  # a text of many rare characters must not grow it without end

    def __missing__(self, code):
        base = unicodedata.normalize("NFD", chr(code))[0]
        lower = base.lower()
        folded = lower if len(lower) == 1 else base
        if len(self) < self.MAX_SIZE:
            self[code] = folded
        return folded


_FOLDED = _Folded()


def fold(text):
    """``text`` in lower case without accents, character for character ("Presión"
    gives "presion", of the same length), so positions in it are positions in ``text``."""
    return text.translate(_FOLDED)


def words(text):
    """The folded whole words of ``text``."""
    return WORD.findall(fold(text))


@lru_cache(maxsize=8)
def _stemmer(language):
    return snowballstemmer.stemmer(STEMMER_NAMES.get(language, "english"))


@lru_cache(maxsize=20_000)
def stem(word, language):
    """The stem of a folded ``word`` ("effects" and "effect" give "effect")."""
    return _stemmer(language).stemWord(word)


def stems(text, language):
    return [stem(word, language) for word in words(text)]


def indexed_text(text, language):
    """``text`` as the index holds it: its stems, space-separated."""
    return " ".join(stems(text, language))


def without_stop_words(query_words, language):
    kept = [word for word in query_words if word not in STOP_WORDS.get(language, ())]
    return kept or query_words
