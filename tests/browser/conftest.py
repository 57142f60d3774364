"""Real-browser tests: Playwright driving the system's Chromium against a live server.

The server runs the whole site in-process (the same middleware, whitenoise serving
the collected, hashed static files) on 127.0.0.1. Chromium is never downloaded by
Playwright: `make test` installs Debian's package when it is missing.
"""

import threading
from pathlib import Path

import pytest

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


@pytest.fixture
def live_url(live_server_thread, transactional_db, django_db_serialized_rollback, settings):
    """Base URL of the live site; the test's data is committed so the server sees it.

    Data made by migrations (the staff groups, the site) is restored after each test.
    The site's own address (SITE_URL, the start of its absolute links) is the live server's.
    """
    settings.SITE_URL = f"http://127.0.0.1:{live_server_thread.port}"
    return settings.SITE_URL


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


def sign_in(page, base_url, username, password):
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base_url}/admin/")
