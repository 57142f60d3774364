import dataclasses
import datetime
import os
import shutil

import pytest
from django.conf import settings
from django.core.management import call_command

from center.models import Center, CenterText, OpeningHours
from conditions.models import Condition
from pages.models import Page
from publishing.content_version import content_changed
from publishing.models import Status
from tests import table_rows


@pytest.fixture(scope="session", autouse=True)
def collected_static_files():
    """Templates resolve hashed static names from whitenoise's manifest, as in production."""
    call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture(scope="session", autouse=True)
def no_page_view_counts_left_at_exit():
    """A test process's tally of page views belongs to test databases that are gone at
    exit: dropped here, so that the worker's flush at exit has nothing to store."""
    yield
    from readership import counting

    counting.take()


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):
    """Each test writes uploads to its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def english_to_start():
    """Each test starts in the site's default language.

    The test client runs a request in the test's own thread, and LocaleMiddleware leaves
    the request's language active there: after a request to /es/, reverse() in the next
    test of the same worker would give Spanish addresses.
    """
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fresh_content_types():
    """Forget the content types a test has seen once it ends.

    A live-server test restores the migrated rows after it and then empties every
    table without running post_migrate again, so the next transactional test starts
    with no content types while ContentType's per-process cache still names the old
    ids; saving a page (which indexes it for search by content type) would then point
    at a row that is gone. PostgreSQL checks that foreign key; SQLite does not.
    """
    from django.contrib.contenttypes.models import ContentType

    yield
    ContentType.objects.clear_cache()


@pytest.fixture
def content_dir(tmp_path):
    """A private copy of the repository's content/ that a test may change."""
    directory = tmp_path / "content"
    shutil.copytree(settings.CONTENT_DIR, directory)
    return directory


@dataclasses.dataclass
class LoadedContent:
    fixture: object  # a fixture file of the center's, conditions' and pages' rows
    rows: object  # tests.table_rows.TableRows, or None where they cannot be copied


@pytest.fixture(scope="session")
def loaded_content(django_db_setup, django_db_blocker, tmp_path_factory):
    """content/ as load_content stores it, loaded once per worker: kept as the rows it
    added (SQLite) and as a fixture file."""
    from django.db import transaction

    path = tmp_path_factory.mktemp("site-content") / "site-content.json"
    with django_db_blocker.unblock(), transaction.atomic():
        rows = table_rows.rows_added_by(lambda: call_command("load_content", verbosity=0))
        call_command("dumpdata", "center", "conditions", "pages", output=str(path), verbosity=0)
        transaction.set_rollback(True)
    return LoadedContent(fixture=path, rows=rows)


@pytest.fixture
def site_content(db, loaded_content):
    """The site as `make run` serves it: everything in content/ loaded (load_content's
    rows copied in, or where they cannot be, loaded from the fixture file)."""
    if table_rows.copy_into(loaded_content.rows):
        content_changed()  # as saving the pages would
    else:
        call_command("loaddata", str(loaded_content.fixture), verbosity=0)


@pytest.fixture
def center(db):
    center = Center.objects.create(
        name="Test Center",
        building="Test Tower",
        street_address="1 Test Street",
        locality="Los Angeles",
        region="CA",
        postal_code="90048",
        phone="(310) 555-0199",
        directions_url="https://www.openstreetmap.org/search?query=Test%20Tower",
    )
    CenterText.objects.create(
        center=center,
        language="en",
        cta_heading="Talk to a provider",
        cta_text="A provider can tell you whether this may suit you.",
        response_time="We usually reply within one working day.",
    )
    for weekday in range(5):
        OpeningHours.objects.create(
            center=center, weekday=weekday, opens=datetime.time(8), closes=datetime.time(17)
        )
    return center


@pytest.fixture
def clock(monkeypatch):
    """The site's clock (django.utils.timezone.now), under the test's control."""
    from django.utils import timezone

    class Clock:
        now = timezone.now()

        def advance(self, **duration):
            self.now += datetime.timedelta(**duration)

    frozen = Clock()
    monkeypatch.setattr(timezone, "now", lambda: frozen.now)
    return frozen


@pytest.fixture
def make_condition(db):
    def make(**fields):
        number = Condition.objects.count() + 1
        defaults = {
            "title": f"Condition {number}",
            "slug": f"condition-{number}",
            "summary": "A short summary.",
            "body": "The main message.\n\n## What is it?\n\nSome words.",
            "status": Status.PUBLISHED,
        }
        return Condition.objects.create(**{**defaults, **fields})

    return make


@pytest.fixture
def make_page(db):
    def make(**fields):
        number = Page.objects.count() + 1
        defaults = {
            "title": f"Page {number}",
            "slug": f"page-{number}",
            "summary": "A short summary.",
            "body": "Some words.",
            "status": Status.PUBLISHED,
        }
        return Page.objects.create(**{**defaults, **fields})

    return make


@pytest.fixture
def superuser(django_user_model):
    """A superuser: may do everything, the center's details included."""
    return django_user_model.objects.create_user(
        username="superuser", password="a-long-test-password", is_staff=True, is_superuser=True
    )


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def member_client(db, client, django_user_model):
    """Signed in, but not staff."""
    user = django_user_model.objects.create_user(username="member", password="a-long-test-password")
    client.force_login(user)
    return client


# Module-scoped fixtures that start a whole site (migrate, load_content, collectstatic,
# gunicorn: 7 s): the tests that use one run on one pytest-xdist worker, which starts it
# once, instead of each worker that drew one of them starting its own.
ONE_WORKER_FIXTURES = {"production_site"}


def pytest_itemcollected(item):  # before pytest-xdist reads the groups
    for name in ONE_WORKER_FIXTURES.intersection(getattr(item, "fixturenames", ())):
        item.add_marker(pytest.mark.xdist_group(name))


# Figures the tests measure (reading grades, sentence lengths, page weight, recovery
# times), printed in sections at the end of the run. They travel in each report's
# user_properties, so that they reach the end of the run from every pytest-xdist worker.
FIGURES = {}


@pytest.fixture
def record_figure(request):
    """record_figure(section, line, order=line): a line printed under section at the end."""

    def record(section, line, order=None):
        request.node.user_properties.append(("figure", (section, line if order is None else order, line)))

    return record


def pytest_runtest_logreport(report):
    for name, value in report.user_properties:
        if name == "figure":
            section, order, line = value
            FIGURES.setdefault(section, {})[line] = order


MAX_SENTENCE_WORDS = 25
MAX_MEAN_SENTENCE_WORDS = 15


@pytest.fixture
def record_reading_grade(record_figure):
    def record(page, grade):
        record_figure(
            "Flesch-Kincaid grade of each page's prose (target: 8 or lower)", f"{grade:5.1f}  {page}", page
        )

    return record


@pytest.fixture
def record_sentence_lengths(record_figure):
    def record(page, longest, average):
        record_figure(
            f"Words per sentence of each page with its key facts (longest at most {MAX_SENTENCE_WORDS}, "
            f"average at most {MAX_MEAN_SENTENCE_WORDS})",
            f"longest {longest:2d}  average {average:4.1f}  {page}",
            page,
        )

    return record


def pytest_terminal_summary(terminalreporter):
    for section, lines in sorted(FIGURES.items()):
        terminalreporter.section(section)
        for line in sorted(lines, key=lines.get):
            terminalreporter.write_line(line)


def _user_in_group(django_user_model, username, group_name):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        username=username, password="a-long-test-password", is_staff=True, first_name=username.title()
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db, django_user_model):
    """A member of the Editor group: writes drafts, cannot publish."""
    return _user_in_group(django_user_model, "editor", "Editor")


@pytest.fixture
def reviewer(db, django_user_model):
    """A member of the Medical reviewer group: publishes and records reviews."""
    return _user_in_group(django_user_model, "reviewer", "Medical reviewer")


@pytest.fixture
def intake_user(db, django_user_model):
    """A member of the Intake group: reads and follows up the requests."""
    return _user_in_group(django_user_model, "intake", "Intake")


@pytest.fixture
def client_for():
    """A separate signed-in browser session for a user (two editors need two clients)."""
    from django.test import Client

    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make


# Chromium, for the browser tests (tests/browser/) and the deployment suite's page weight
# ----------------------------------------------------------------------------

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Playwright's sync API keeps an asyncio loop running in the test thread, which makes
# Django refuse database calls from it; the test thread only sets up data.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def chromium_path():
    """Chromium's headless shell where it is installed, else the full Chromium.

    The headless shell is Chromium without the desktop browser around it (Debian's
    chromium-headless-shell; what Playwright runs for headless by default): the same Blink
    and V8, so pages lay out, run and are read by axe the same, for half the CPU time of
    `chromium --headless`, which on two cores halved the browser tests' time.
    """
    path = os.environ.get("CHROMIUM_PATH") or next(
        filter(None, map(shutil.which, ["chromium-headless-shell", "chromium", "chromium-browser"])), None
    )
    if not path:
        pytest.fail(
            "Chromium is not installed, so the browser tests cannot run. Run `make test` as root on "
            "Debian/Ubuntu to install it, or `apt-get install chromium-headless-shell`, or set "
            "CHROMIUM_PATH.",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright (which never downloads a browser here).

    One for the whole run: Playwright's sync API allows one instance per thread."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
