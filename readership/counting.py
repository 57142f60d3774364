"""Counting page views and searches that found nothing, with nothing kept about the visitor.

A counted request costs one addition to a tally in the worker's own memory: no file,
cache or database is touched while a patient waits, so cached pages stay free of
queries and keep being served while the database is down. Each worker adds its
tally to the database (one transaction, one row per page and day) at most once every
FLUSH_SECONDS, after a response has been sent; when it exits (gunicorn recycles and
restarts workers gracefully); and whenever the staff dashboard is shown. A worker
killed outright loses at most that interval's counts, which a count of readers can
afford. (The shared cache would count across workers at once, but the file cache
culls entries at random and every write lists its folder: it can lose counts and
costs each view a lock and a write.)

What is counted: a GET answered 200 with an HTML page outside the admin, static
files and media, from a browser that sends no session cookie (staff signed in are
not patients) and whose User-Agent does not say it is a robot (BOTS). The
User-Agent is read for that test and never kept. A view is recorded as its path
(no query string) and the day; a failed search as its words, lowercased and
single-spaced, its language and the day, unless it looks like personal data.
"""

import atexit
import datetime
import logging
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import DailyViews, FailedSearch

logger = logging.getLogger(__name__)

FLUSH_SECONDS = 60
# Robots say so in their User-Agent (Googlebot, bingbot, AhrefsBot, a crawler, a spider).
BOTS = ("bot", "crawl", "spider", "slurp")
MAX_PATH_LENGTH = DailyViews._meta.get_field("path").max_length
MAX_WORDS_LENGTH = FailedSearch._meta.get_field("words").max_length
# A patient may type their email, phone number, date of birth or record number into
# search: a query with an @ or more digits than this is not stored.
MAX_DIGITS = 4
# Bounds a worker's memory while the database cannot take its tally.
MAX_PENDING = 10_000

_lock = threading.Lock()
_views = Counter()
_searches = Counter()
_flush_due = time.monotonic() + FLUSH_SECONDS
_day = (datetime.datetime.max.replace(tzinfo=datetime.UTC),) * 2 + (None,)


def is_counted_visitor(request):
    """Not signed-in staff (no session cookie), and not a robot by its own account."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    user_agent = request.META.get("HTTP_USER_AGENT", "").lower()
    return not any(word in user_agent for word in BOTS)


def today():
    """The center's date (TIME_ZONE), worked out again only when the day changes."""
    global _day
    now = timezone.now()
    if not _day[0] <= now < _day[1]:
        zone = timezone.get_default_timezone()
        day = now.astimezone(zone).date()
        start, end = (
            datetime.datetime.combine(date, datetime.time(), zone).astimezone(datetime.UTC)
            for date in (day, day + datetime.timedelta(days=1))
        )
        _day = (start, end, day)
    return _day[2]


def count_view(path):
    if len(path) > MAX_PATH_LENGTH or path.startswith("//"):
        return
    key = (path, today())
    with _lock:
        if key in _views or len(_views) < MAX_PENDING:
            _views[key] += 1


def search_words(query):
    """The query as it is kept: lowercased, single-spaced, bounded; "" if it may be personal."""
    if "@" in query or sum(character.isdigit() for character in query) > MAX_DIGITS:
        return ""
    return " ".join(query.lower().split())[:MAX_WORDS_LENGTH].rstrip()


def count_failed_search(query, language):
    words = search_words(query)
    if not words:
        return
    key = (words, language, today())
    with _lock:
        if key in _searches or len(_searches) < MAX_PENDING:
            _searches[key] += 1


def take():
    """This worker's tally since the last flush, which is then empty."""
    global _views, _searches
    with _lock:
        views, searches = _views, _searches
        _views, _searches = Counter(), Counter()
    return views, searches


def flush():
    """Add this worker's tally to the database; on failure the tally is kept and the error raised."""
    global _flush_due
    _flush_due = time.monotonic() + FLUSH_SECONDS
    views, searches = take()
    if not views and not searches:
        return
    try:
        with transaction.atomic():
            for (path, day), count in views.items():
                _add(DailyViews, count, path=path, day=day)
            for (words, language, day), count in searches.items():
                _add(FailedSearch, count, words=words, language=language, day=day)
    except Exception:
        with _lock:
            _views.update(views)
            _searches.update(searches)
        raise


def _add(model, count, **row):
    if model.objects.filter(**row).update(count=F("count") + count):
        return
    try:
        with transaction.atomic():
            model.objects.create(count=count, **row)
    except IntegrityError:  # another worker created the row meanwhile
        model.objects.filter(**row).update(count=F("count") + count)


def purge(*, before, dry_run=False):
    """Delete the counts of days before ``before``; returns (page view rows, failed search rows)."""
    views, searches = DailyViews.objects.before(before), FailedSearch.objects.before(before)
    counts = views.count(), searches.count()
    if not dry_run:
        views.delete()
        searches.delete()
    return counts


def flush_if_due(**kwargs):
    """After a response was sent: flush when it is time. Never fails the request."""
    if time.monotonic() < _flush_due:
        return
    try:
        flush()
    except Exception as error:
        logger.warning("Could not store page view counts, kept for later (%s)", type(error).__name__)


def _flush_at_exit():
    try:
        flush()
    except Exception as error:
        logger.warning("Page view counts lost at exit (%s)", type(error).__name__)


atexit.register(_flush_at_exit)
