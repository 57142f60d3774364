"""What patients read and search for, counted with nothing kept about them (readership/).

Through Django's test client (the whole middleware stack, the page cache included)
and, for the counts of several gunicorn workers, through real HTTP.
"""

import datetime
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from readership import counting
from readership.models import DailyViews, FailedSearch

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def empty_tally():
    counting.take()
    yield
    counting.take()


def views():
    counting.flush()
    return {(row.path, row.day): row.count for row in DailyViews.objects.all()}


def failed_searches():
    counting.flush()
    return {(row.words, row.language): row.count for row in FailedSearch.objects.all()}


# Page views
# ----------------------------------------------------------------------------


def test_a_view_the_page_cache_serves_is_counted(client, site_content, django_assert_num_queries):
    assert client.get("/faq/").status_code == 200
    with django_assert_num_queries(0):  # a page cache hit, which never reaches the view
        assert client.get("/faq/").status_code == 200

    assert views() == {("/faq/", timezone.localdate()): 2}


def test_spanish_pages_count_apart_by_their_path(client, site_content):
    client.get("/")
    client.get("/es/")
    client.get("/es/")

    today = timezone.localdate()
    assert views() == {("/", today): 1, ("/es/", today): 2}


def test_views_on_two_days_are_two_counts(client, site_content, clock):
    first_day = timezone.localdate()
    client.get("/faq/")
    clock.advance(days=1)
    client.get("/faq/")
    client.get("/faq/")

    assert views() == {("/faq/", first_day): 1, ("/faq/", first_day + datetime.timedelta(days=1)): 2}


def test_a_count_adds_to_the_day_already_stored(client, site_content):
    DailyViews.objects.create(path="/faq/", day=timezone.localdate(), count=5)
    client.get("/faq/")

    assert views() == {("/faq/", timezone.localdate()): 6}


def test_the_address_is_kept_without_its_query_string(client, site_content):
    client.get("/faq/?utm_source=newsletter&name=Pat+Doe")
    client.get(reverse("search:search") + "?q=depression")

    today = timezone.localdate()
    assert views() == {("/faq/", today): 1, (reverse("search:search"), today): 1}


def test_only_successful_gets_of_public_pages_are_counted(client, site_content, superuser_client):
    client.head("/faq/")
    client.get("/no-such-page/")
    client.get(reverse("robots_txt"))
    client.get(reverse("sitemap"))
    client.get(reverse("healthz"))
    client.get(reverse("conditions:site_share_image"))
    client.get(reverse("admin:login"))
    client.post(reverse("search:search"), {"q": "ptsd"})
    client.get("/faq/", headers={"User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1)"})
    client.get("/faq/", headers={"User-Agent": "Mozilla/5.0 (compatible; bingbot/2.0)"})
    assert superuser_client.get("/faq/").status_code == 200  # signed-in staff are not patients

    assert views() == {}


def test_anonymous_responses_set_no_cookie_and_no_header_of_their_own(client, site_content, settings):
    paths = ["/", "/faq/", "/es/", reverse("search:search") + "?q=zebra+xylophone"]
    headers = {}
    for path in paths:
        for _ in range(2):  # rendered, then (where it may be) from the page cache
            response = client.get(path)
            assert response.status_code == 200
            assert not response.cookies and not client.cookies
            assert "Set-Cookie" not in response.headers
        headers[path] = dict(response.headers)
    counted = views()
    assert sum(counted.values()) == 2 * len(paths)

    # The same responses from the site without the counting: the same headers.
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if not name.startswith("readership.")]
    cache.clear()
    client = Client()
    for path in paths:
        for _ in range(2):
            response = client.get(path)
        assert dict(response.headers) == headers[path], path
    assert views() == counted


def test_the_tally_reaches_the_database_after_a_response_once_due(client, site_content, monkeypatch):
    client.get("/faq/")
    assert not DailyViews.objects.exists()  # kept in the worker until it is time

    monkeypatch.setattr(counting, "_flush_due", 0)
    client.get("/faq/")

    assert DailyViews.objects.get(path="/faq/").count == 2


# Searches that found nothing
# ----------------------------------------------------------------------------


def test_a_search_that_found_nothing_keeps_its_words(client, site_content):
    response = client.get(reverse("search:search"), {"q": "  Zebra   XYLOPHONE "})
    assert response.status_code == 200 and not response.context["results"]
    client.get("/es/buscar/", {"q": "xilófono zanahoria"})
    client.get("/es/buscar/", {"q": "Xilófono  ZANAHORIA"})

    assert failed_searches() == {("zebra xylophone", "en"): 1, ("xilófono zanahoria", "es"): 2}


def test_a_search_that_found_pages_keeps_nothing(client, site_content):
    response = client.get(reverse("search:search"), {"q": "depression"})
    assert response.context["results"]

    assert failed_searches() == {}


@pytest.mark.parametrize(
    "query",
    [
        "jqxz@qwzx.qq",
        "Zqwx Vplk zqwx@vplk",
        "(310) 555-0100",
        "310.555.0100",
        "zqwxv 5550100",
        "DOB 03/14/1985",
        "MRN 0012345",
    ],
)
def test_a_search_that_looks_like_personal_data_keeps_nothing(client, site_content, query):
    response = client.get(reverse("search:search"), {"q": query})
    assert response.status_code == 200 and not response.context["results"]

    assert failed_searches() == {}


def test_a_long_search_is_kept_cut_short(client, site_content):
    client.get(reverse("search:search"), {"q": "zebra " * 40})

    [(words, _)] = failed_searches()
    assert len(words) <= 100 and words.startswith("zebra zebra")


def test_searches_of_staff_and_robots_are_not_counted(client, superuser_client, site_content):
    superuser_client.get(reverse("search:search"), {"q": "zebra xylophone"})
    client.get(reverse("search:search"), {"q": "zebra xylophone"}, headers={"User-Agent": "AhrefsBot/7.0"})

    assert failed_searches() == {}


# Keeping counts for a while only
# ----------------------------------------------------------------------------


def test_the_purge_deletes_counts_older_than_the_retention_period(db, capsys):
    today = timezone.localdate()
    for age in (0, 89, 90, 400):
        day = today - datetime.timedelta(days=age)
        DailyViews.objects.create(path="/faq/", day=day, count=1)
        FailedSearch.objects.create(words="zebra", language="en", day=day, count=1)

    call_command("purge_readership", "--dry-run")
    assert DailyViews.objects.count() == FailedSearch.objects.count() == 4
    assert "Would delete 2 daily page view count(s) and 2 failed search count(s)" in capsys.readouterr().out

    call_command("purge_readership")

    kept = [today, today - datetime.timedelta(days=89)]
    assert sorted(DailyViews.objects.values_list("day", flat=True), reverse=True) == kept
    assert sorted(FailedSearch.objects.values_list("day", flat=True), reverse=True) == kept


# Several gunicorn workers, real HTTP
# ----------------------------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def test_gunicorn_workers_store_their_counts_when_they_stop(tmp_path):
    port = free_port()
    database = tmp_path / "db.sqlite3"
    inherited = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in ("DATABASE_URL", "REDIS_URL")
    }
    env = {
        **inherited,
        "DJANGO_SECRET_KEY": "readership-test-" + "r" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_HTTPS": "0",
        "DJANGO_STATIC_ROOT": os.environ["DJANGO_STATIC_ROOT"],  # collected for the suite
        "DJANGO_CACHE_DIR": str(tmp_path / "cache"),
        "DATABASE_URL": f"sqlite:///{database}",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "3",
    }
    for command in (["migrate", "--noinput"], ["load_content"]):
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True
        )
    server = subprocess.Popen(
        [Path(sys.executable).parent / "gunicorn", "--config", "gunicorn.conf.py", "clinic_site.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                fetch(base + "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        statuses = [fetch(base + "/faq/") for _ in range(30)] + [fetch(base + "/es/") for _ in range(7)]
        statuses.append(fetch(base + "/search/?q=zebra+xylophone"))
        statuses.append(fetch(base + "/search/?q=pat%40example.com"))
        assert [status for status, _ in statuses] == [200] * 39
        assert not any("Set-Cookie" in headers for _, headers in statuses)
    finally:
        server.send_signal(signal.SIGTERM)  # a graceful stop, as a deploy or a recycled worker
        server.wait(timeout=60)

    with sqlite3.connect(database) as connection:
        stored = dict(connection.execute("SELECT path, count FROM readership_dailyviews"))
        searches = list(connection.execute("SELECT words, language, count FROM readership_failedsearch"))
    assert stored == {"/faq/": 30, "/es/": 7, "/search/": 2}
    assert searches == [("zebra xylophone", "en", 1)]
