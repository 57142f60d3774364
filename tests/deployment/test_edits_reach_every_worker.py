"""What staff do in admin reaches every worker of every instance at once."""

import datetime
import re
import time
import uuid
import zoneinfo

import pytest

from .site import WORKERS
from .web import Visitor, admin_change_links, form_fields

# The admin lives at /admin/ in the deployment (DJANGO_ADMIN_PATH is not set).
APPS = {"condition": "conditions", "page": "pages"}
PUBLIC_PAGES = ["/", "/about/", "/contact/", "/faq/", "/conditions/chronic-pain/handout/", "/es/"]


def admin_id(staff, port, model, slug, language="en"):
    """The admin id of the page with ``slug``, found the way staff would: by searching."""
    listing = staff.get(port, f"/admin/{APPS[model]}/{model}/?q={slug}&language__exact={language}")
    for pk in admin_change_links(listing.text, f"/admin/{APPS[model]}/{model}/"):
        form = form_fields(
            staff.get(port, f"/admin/{APPS[model]}/{model}/{pk}/change/").text, f"{model}_form"
        )
        if form.get("slug") == slug:
            return pk
    raise AssertionError(f"no {model} with slug {slug} in {language}")


def test_the_suite_runs_the_production_defaults(deployment):
    response = Visitor().get(deployment.instances[0].port, "/no-such-page-at-all/")

    # DEBUG off: the site's own 404 page, not Django's technical one.
    assert response.status == 404
    assert "Using the URLconf" not in response.text and "988" in response.text
    assert "Strict-Transport-Security" in response.headers
    assert len(deployment.worker_pids()) == WORKERS * len(deployment.instances)


def test_a_new_phone_number_shows_on_every_page_of_every_worker_within_a_second(deployment, staff):
    for path in PUBLIC_PAGES:
        deployment.everywhere(path)  # every worker has served, and cached, each page
    port = deployment.instances[-1].port
    new_phone = f"(310) 555-{uuid.uuid4().int % 10000:04d}"

    saved = staff.submit(port, "/admin/center/center/1/change/", {"phone": new_phone}, form_id="center_form")
    assert saved.status == 302, saved.errors
    changed_at = time.monotonic()

    # Sweeps of every page on every worker until one finds nothing stale; that sweep
    # must have started within a second of the save.
    while True:
        sweep_started = time.monotonic()
        stale = [
            (path, response.port)
            for path in PUBLIC_PAGES
            for response in deployment.everywhere(path)
            if new_phone not in response.text
        ]
        if not stale:
            break
        assert sweep_started - changed_at < 1, f"still the old phone after 1 s: {sorted(set(stale))}"


def test_a_new_slug_redirects_every_old_address_and_chains_collapse(deployment, staff):
    port = deployment.instances[0].port
    english = admin_id(staff, port, "condition", "ptsd")
    spanish = admin_id(staff, port, "condition", "estres-postraumatico", language="es")
    for path in ["/conditions/ptsd/", "/conditions/ptsd/handout/", "/conditions/ptsd/share.png"]:
        assert {r.status for r in deployment.everywhere(path)} == {200}

    for slug in ["post-traumatic-stress", "post-traumatic-stress-disorder"]:
        saved = staff.submit(
            port, f"/admin/conditions/condition/{english}/change/", {"slug": slug}, form_id="condition_form"
        )
        assert saved.status == 302, saved.errors
    saved = staff.submit(
        port,
        f"/admin/conditions/condition/{spanish}/change/",
        {"slug": "trastorno-de-estres-postraumatico"},
        form_id="condition_form",
    )
    assert saved.status == 302, saved.errors

    moves = {
        # Two renames, one redirect each: straight to the newest address.
        "/conditions/ptsd/": "/conditions/post-traumatic-stress-disorder/",
        "/conditions/post-traumatic-stress/": "/conditions/post-traumatic-stress-disorder/",
        "/conditions/ptsd/handout/": "/conditions/post-traumatic-stress-disorder/handout/",
        "/conditions/ptsd/share.png": "/conditions/post-traumatic-stress-disorder/share.png",
        "/es/condiciones/estres-postraumatico/": "/es/condiciones/trastorno-de-estres-postraumatico/",
        "/es/condiciones/estres-postraumatico/folleto/": "/es/condiciones/trastorno-de-estres-postraumatico/folleto/",
    }
    for old, new in moves.items():
        responses = deployment.everywhere(old)
        assert {(r.status, r.location) for r in responses} == {(301, new)}, old
        assert {r.status for r in deployment.everywhere(new)} == {200}, new


@pytest.mark.parametrize(
    ("model", "slug", "language", "path"),
    [
        ("page", "privacy", "en", "/privacy/"),
        ("condition", "trastorno-bipolar", "es", "/es/condiciones/trastorno-bipolar/"),
    ],
)
def test_unpublishing_is_410_everywhere_at_once_and_publishing_again_200(
    deployment, staff, model, slug, language, path
):
    port = deployment.instances[0].port
    pk = admin_id(staff, port, model, slug, language)
    assert {r.status for r in deployment.everywhere(path)} == {200}

    for action, expected in [("unpublish", 410), ("publish", 200)]:
        changelist = f"/admin/{APPS[model]}/{model}/"
        token = form_fields(staff.get(port, changelist).text, "changelist-form")["csrfmiddlewaretoken"]
        done = staff.post(
            port,
            changelist,
            {"csrfmiddlewaretoken": token, "action": action, "_selected_action": pk, "index": "0"},
        )
        assert done.status == 302, done.errors

        responses = deployment.everywhere(path)
        assert {r.status for r in responses} == {expected}, action
        if expected == 410:
            assert all("988" in r.text for r in responses)


def test_a_scheduled_page_appears_on_every_worker_at_its_time(deployment, staff):
    port = deployment.instances[0].port
    los_angeles = zoneinfo.ZoneInfo("America/Los_Angeles")
    # Whole seconds: the admin's time field has no finer resolution.
    publish_at = (datetime.datetime.now(los_angeles) + datetime.timedelta(seconds=5)).replace(microsecond=0)
    slug = f"new-clinic-hours-{uuid.uuid4().hex[:6]}"

    saved = staff.submit(
        port,
        "/admin/pages/page/add/",
        {
            "title": "New clinic hours",
            "slug": slug,
            "summary": "The center opens earlier on Mondays.",
            "body": "From next month the center opens at 7 a.m. on Mondays.",
            "status": "published",
            "publish_at_0": publish_at.strftime("%Y-%m-%d"),
            "publish_at_1": publish_at.strftime("%H:%M:%S"),
        },
        form_id="page_form",
    )
    assert saved.status == 302, saved.errors

    before = deployment.everywhere(f"/{slug}/")
    assert time.time() < publish_at.timestamp(), "too slow to check before the page's time"
    assert {r.status for r in before} == {404}

    time.sleep(max(0, publish_at.timestamp() - time.time()))
    deadline = publish_at.timestamp() + 3
    while True:
        statuses = {r.status for r in deployment.everywhere(f"/{slug}/")}
        if statuses == {200} or time.time() > deadline:
            break
        time.sleep(0.1)
    assert statuses == {200}, "the page did not appear on every worker within 3 s of its time"
    assert re.search(r"opens at 7 a\.m\.", deployment.everywhere(f"/{slug}/")[0].text)
