"""Real-browser tests: Playwright driving the system's Chromium against a live server.

The server runs the whole site in-process (the same middleware, whitenoise serving
the collected, hashed static files) on 127.0.0.1. Chromium is never downloaded by
Playwright: `make test` installs Debian's package when it is missing.
"""

import threading
from pathlib import Path

import axe_playwright_python.sync_playwright
import pytest
from axe_playwright_python.base import AxeResults

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def one_request_at_a_time(handler):
    """The live server's site, answering one request at a time, response closed included.

    Its request threads share the test's one in-memory SQLite connection, which two
    threads must never use at once: a page and the preview it frames, asked for
    together, once mixed their rows (an admin page answered 500, IndexError). Chromium
    still asks for a page's files in parallel; they wait their turn here, as they
    would for a busy gunicorn worker.
    """
    lock = threading.Lock()

    def site(environ, start_response):
        with lock:
            response = handler(environ, start_response)
            try:
                body = b"".join(response)
            finally:
                if hasattr(response, "close"):
                    response.close()
        return [body]

    return site


@pytest.fixture(scope="session")
def live_server_thread(django_db_setup, django_db_blocker):
    from django.db import connections
    from django.test.testcases import LiveServerThread

    shared = {
        conn.alias: conn for conn in connections.all() if conn.vendor == "sqlite" and conn.is_in_memory_db()
    }
    # No static-files shortcut: whitenoise in the middleware serves the collected
    # files, hashed names and all, exactly as in production.
    thread = LiveServerThread(
        "127.0.0.1", static_handler=one_request_at_a_time, connections_override=shared, port=0
    )
    thread.daemon = True
    # The server's request threads share the test's one in-memory SQLite connection
    # (see one_request_at_a_time; gunicorn's workers each have their own). Page-view
    # counts flushed after one response could meet the next request's queries there
    # and answer it with the 503 page; here the tests that check counts flush them.
    from readership import counting

    counting.FLUSH_SECONDS = counting._flush_due = float("inf")
    for conn in shared.values():
        conn.inc_thread_sharing()
    with django_db_blocker.unblock():
        thread.start()
        thread.is_ready.wait()
    if thread.error:
        raise thread.error
    # Join request threads on shutdown, so that none still holds a database
    # connection when the test database is dropped.
    thread.httpd.daemon_threads = False
    yield thread
    thread.terminate()
    for conn in shared.values():
        conn.dec_thread_sharing()


@pytest.fixture(scope="session")
def migrated_data(django_db_setup):
    """The database as migrations left it, serialized when the test database was made."""
    from django.db import connections

    return {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }


@pytest.fixture(autouse=True)
def restorable_migrated_data(migrated_data):
    """Let the browser tests restore the migrated data (the staff groups, the site).

    Django keeps database connections per context, and once Playwright's event loop
    runs, the connection objects a test sees are not the ones the database was set
    up with; give them the serialized data too. Autouse, so it runs before the
    database fixtures.
    """
    from django.db import connections

    for alias, contents in migrated_data.items():
        if not hasattr(connections[alias], "_test_serialized_contents"):
            connections[alias]._test_serialized_contents = contents


# Copies of the whole test database, by (database alias, what it holds): kept in
# memory, one set per pytest-xdist worker.
SNAPSHOTS = {}


def _snapshot_connection(connection):
    """The connection if its database can be copied whole (SQLite in memory), else None."""
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        return None
    connection.ensure_connection()
    return connection


def take_snapshot(connection, name):
    import sqlite3

    copy = sqlite3.connect(":memory:", check_same_thread=False)
    connection.connection.backup(copy)
    SNAPSHOTS[connection.alias, name] = copy


def restore_snapshot(connection, name):
    """Put the database back as it was when the snapshot was taken, every table and
    sequence: SQLite's backup copies its pages over the test database's."""
    SNAPSHOTS[connection.alias, name].backup(connection.connection)


def from_snapshot(name, load):
    """Run load() on the database as migrations left it, once per worker; after that,
    restore its result (a copy of the whole database) instead of running it again.

    Only where the test database is SQLite in memory; elsewhere (PostgreSQL) load()
    runs every time. Must come before the test makes any data of its own.
    """
    from django.db import connection

    if _snapshot_connection(connection) is None:
        load()
    elif (connection.alias, name) in SNAPSHOTS:
        restore_snapshot(connection, name)
    else:
        load()
        take_snapshot(connection, name)


@pytest.fixture
def migrated_data_from_a_snapshot():
    """Serialized rollback, the same data restored a hundred times faster.

    Before each live-server test, Django's serialized rollback saves, one by one, the
    rows migrations made (content types, permissions, the staff groups, the site),
    which took about a second per test. The first time, this lets it; then it keeps
    a copy of the resulting database and restores that copy for every later test.
    Set up before transactional_db, whose setup does the restoring.

    The rows are restored into an empty database. A transactional test without
    serialized rollback ends with a flush whose post_migrate makes the content types,
    permissions and groups again under new ids; restored over them, the migrated rows,
    under their own ids, failed with "UNIQUE constraint failed: django_content_type".
    """
    from django.core.management import call_command
    from django.db.backends.base.creation import BaseDatabaseCreation

    deserialize = BaseDatabaseCreation.deserialize_db_from_string

    def deserialize_into_empty_database(creation, data):
        from django.contrib.contenttypes.models import ContentType

        if ContentType.objects.using(creation.connection.alias).exists():
            call_command(
                "flush", interactive=False, inhibit_post_migrate=True, database=creation.connection.alias
            )
        deserialize(creation, data)

    def restore(creation, data):
        connection = _snapshot_connection(creation.connection)
        if connection is None:
            deserialize_into_empty_database(creation, data)
        elif (connection.alias, "migrated") in SNAPSHOTS:
            restore_snapshot(connection, "migrated")
        else:
            deserialize_into_empty_database(creation, data)
            take_snapshot(connection, "migrated")

    BaseDatabaseCreation.deserialize_db_from_string = restore
    try:
        yield
    finally:
        BaseDatabaseCreation.deserialize_db_from_string = deserialize


@pytest.fixture
def live_url(
    live_server_thread,
    migrated_data_from_a_snapshot,
    transactional_db,
    django_db_serialized_rollback,
    settings,
):
    """Base URL of the live site; the test's data is committed so the server sees it.

    Data made by migrations (the staff groups, the site) is restored before each test.
    The site's own address (SITE_URL, the start of its absolute links) is the live server's.
    """
    settings.SITE_URL = f"http://127.0.0.1:{live_server_thread.port}"
    return settings.SITE_URL


@pytest.fixture
def loaded_site(live_url):
    """The site with everything in content/ loaded, as `make run` serves it: load_content
    runs once per worker, and later tests get a copy of its result."""
    from django.core.management import call_command

    from_snapshot("load_content", lambda: call_command("load_content", verbosity=0))
    return live_url


@pytest.fixture
def site_content(live_url, tmp_path_factory):
    """tests/conftest.py's site_content: load_content's result, kept as a fixture file of
    the center's, conditions' and pages' rows and loaded from it.

    Made here from the database as migrations left it. (The session's fixture file
    could be made after a live-server test had emptied the database, and then named
    content types and users that the restored data does not have: loading it failed
    with "FOREIGN KEY constraint failed".) Restored from a copy after the first time.
    """
    from django.core.management import call_command
    from django.db import transaction

    def load():
        path = tmp_path_factory.mktemp("browser-site-content") / "site-content.json"
        with transaction.atomic():
            call_command("load_content", verbosity=0)
            call_command("dumpdata", "center", "conditions", "pages", output=str(path), verbosity=0)
            transaction.set_rollback(True)
        call_command("loaddata", str(path), verbosity=0)

    from_snapshot("site_content", load)


@pytest.fixture(scope="session")
def browser(live_server_thread, chromium):
    """Chromium, for pages of the live server."""
    from django.db import connections

    yield chromium
    # Close this context's connections while Playwright's loop still runs, or they
    # would keep the test database from being dropped.
    connections.close_all()


@pytest.fixture
def open_page(browser):
    """A fresh browser context (no cookies) and page at the given viewport size."""
    contexts = []

    def make(width=1280, height=800, **options):
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def artifacts_dir():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


class Axe(axe_playwright_python.sync_playwright.Axe):
    """axe-core, run as axe_playwright_python runs it, with three savings: its 570 KB
    script goes into a document once, however often axe runs there; axe reports the
    details of its violations only (resultTypes), not of every check that passed; and
    it does not wait for frames (iframes: False). axe sees into a frame only where its
    script was put, and waited half a second for each frame without it (the editor's
    preview): a frame is checked by running axe in it (test_editor_preview.py does).
    It still runs every rule asked for on every element: the violations are the same."""

    def run(self, page, context=None, options=None):
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(self.axe_script)
        options = {"resultTypes": ["violations"], "iframes": False, **(options or {})}
        arguments = self._format_script_args(context=context, options=options)
        return AxeResults(page.evaluate(f"axe.run({arguments})"))


SCREENSHOT_ATTEMPTS = 4


def screenshot(target, **options):
    """``target.screenshot(**options)``, of a page or a locator, asked again when Chromium
    refuses the capture. On a busy machine the compositor now and then has no frame to copy
    ("Unable to capture screenshot"), and asking again at once was refused too (seen once
    in the PostgreSQL pass): each new attempt waits for the page to draw two more frames,
    and a little longer each time."""
    from playwright.sync_api import Error

    page = getattr(target, "page", target)
    for attempt in range(1, SCREENSHOT_ATTEMPTS + 1):
        try:
            return target.screenshot(**options)
        except Error as error:
            if "Unable to capture screenshot" not in error.message or attempt == SCREENSHOT_ATTEMPTS:
                raise
        page.wait_for_timeout(200 * attempt)
        # Two frames drawn, or half a second if the page draws none (never a hang).
        page.evaluate(
            "() => new Promise(drawn => { requestAnimationFrame(() => requestAnimationFrame(drawn));"
            " setTimeout(drawn, 500); })"
        )


def requests_leaving(page):
    """The list, kept up to date, of (method, address) of each request from ``page`` that
    could carry what a patient typed: a page, a form sent, a script's request. (The
    browser may still fetch the icon, which carries nothing.)"""
    leaving = []
    page.on(
        "request",
        lambda request: (
            request.resource_type in ("document", "fetch", "xhr", "eventsource", "websocket", "ping")
            and leaving.append((request.method, request.url))
        ),
    )
    return leaving


def sign_in(page, base_url, username, password):
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base_url}/admin/")
