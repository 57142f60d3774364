"""The database or the cache server stops: patients still get help, never a 500."""

import time

import pytest

from .test_limits_and_error_pages import send_contact_request
from .web import Visitor

CACHED_PAGES = ["/", "/conditions/chronic-pain/", "/faq/", "/es/"]
UNCACHED_PAGES = ["/contact/", "/search/?q=pain", "/refer/"]


def needs_servers(deployment):
    if not deployment.uses_servers:
        pytest.skip(
            "SQLite is a file inside each worker, not a server that can stop; this runs in the "
            "PostgreSQL + Redis pass (make test-postgres)"
        )


def recovered_within(deployment, seconds, paths):
    """Seconds until every worker answers every path with 200 again."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if all({r.status for r in deployment.everywhere(path)} == {200} for path in paths):
            return time.monotonic() - started
        time.sleep(0.2)
    pytest.fail(f"not recovered within {seconds} s")


def test_while_the_database_is_down_cached_pages_are_served_and_the_rest_is_the_503_page(deployment):
    needs_servers(deployment)
    phone = None
    for path in CACHED_PAGES:
        responses = deployment.everywhere(path)
        assert {r.status for r in responses} == {200}
    phone = Visitor().get(deployment.instances[0].port, "/").text.split('href="tel:+1', 1)[1][:10]

    with deployment.database_proxy.stopped():
        for path in CACHED_PAGES:
            assert {r.status for r in deployment.everywhere(path)} == {200}, path
        for path in UNCACHED_PAGES:
            for response in deployment.everywhere(path):
                assert response.status == 503, path
                assert "988" in response.text and response.headers["Retry-After"]
                assert phone[-4:] in response.text, "the 503 page gives the center's phone"
        assert Visitor().get(deployment.instances[0].port, "/readyz").status == 503

    assert recovered_within(deployment, 5, UNCACHED_PAGES + ["/readyz"]) < 5


def test_while_the_cache_server_is_down_pages_are_still_served(deployment):
    needs_servers(deployment)

    with deployment.cache_proxy.stopped():
        for path in CACHED_PAGES + UNCACHED_PAGES + ["/no-such-page/"]:
            statuses = {r.status for r in deployment.everywhere(path)}
            assert statuses == ({404} if path == "/no-such-page/" else {200}), path
        # A patient's request is accepted (and saved) even though nothing can count it.
        assert send_contact_request(Visitor("127.0.0.91"), deployment.instances[0].port) == 302
        assert Visitor().get(deployment.instances[0].port, "/readyz").status == 503

    assert recovered_within(deployment, 5, CACHED_PAGES + ["/readyz"]) < 5
