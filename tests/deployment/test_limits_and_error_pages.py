"""Limits that hold for the whole site, and error pages that belong to their address."""

import concurrent.futures
import re
import time
import uuid

from .web import Visitor, form_fields

CONTACT = {
    "name": "Rate Limit Test",
    "phone": "(310) 555-0123",
    "email": "",
    "preferred_method": "either",
    "preferred_time": "any",
    "topic": "not-sure",
    "message": "",
    "consent": "on",
}


def send_contact_request(visitor, port):
    form = form_fields(visitor.get(port, "/contact/").text, None)
    form.update(CONTACT)
    form["name"] = f"Rate Limit Test {uuid.uuid4().hex[:6]}"
    return visitor.post(port, "/contact/", form).status


def test_the_contact_rate_limit_is_five_an_hour_for_the_whole_site(deployment):
    # One address (127.0.0.77), many workers and instances, at the same moment.
    ports = [instance.port for instance in deployment.instances] * 6
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(ports)) as pool:
        statuses = list(pool.map(lambda port: send_contact_request(Visitor("127.0.0.77"), port), ports))

    assert statuses.count(302) == 5, statuses
    assert statuses.count(429) == len(ports) - 5, statuses
    # Another address is not affected.
    assert send_contact_request(Visitor("127.0.0.78"), deployment.instances[-1].port) == 302


def language_of(html):
    return re.search(r'<html lang="([a-z-]+)"', html).group(1)


def test_404_pages_speak_their_address_language_and_are_whole(deployment):
    for _round in range(3):
        for path, language in [("/es/zz-1/", "es"), ("/zz-2/", "en"), ("/es/condiciones/zz-3/", "es")]:
            for response in deployment.everywhere(path):
                assert response.status == 404
                assert language_of(response.text) == language, path
                assert response.headers["Content-Language"] == language, path
                assert int(response.headers["Content-Length"]) == len(response.body), path
                assert response.text.rstrip().endswith("</html>"), path


def test_nothing_from_one_visitors_address_reaches_another_visitors_page(deployment, staff):
    # A save starts a new content version, so the planted address is the first 404 of it.
    saved = staff.submit(
        deployment.instances[0].port, "/admin/center/center/1/change/", form_id="center_form"
    )
    assert saved.status == 302, saved.errors
    marker = uuid.uuid4().hex
    planted = f"/help-line-moved-call-1-900-555-0000-{marker}/?msg=Crisis+line+changed+{marker}"
    first = deployment.everywhere(planted)
    assert {r.status for r in first} == {404}

    for path in ["/zz-other/", "/es/zz-other/", f"/zz-{uuid.uuid4().hex}/"]:
        for response in deployment.everywhere(path):
            assert marker not in response.text, path
            assert "1-900-555-0000" not in response.text, path
    # The language switch of a 404 leads to the other language's home page.
    english = deployment.everywhere("/zz-switch/")[0].text
    spanish = deployment.everywhere("/es/zz-switch/")[0].text
    assert re.search(r'<a href="/es/" hreflang="es"', english)
    assert re.search(r'<a href="/" hreflang="en"', spanish)


def test_pages_are_compressed_once_and_sent_to_each_browser_as_it_accepts(deployment):
    import gzip

    import brotli

    path = "/conditions/treatment-resistant-depression/"
    plain = deployment.everywhere(path, headers={"Accept-Encoding": "identity"})
    squeezed = deployment.everywhere(path, headers={"Accept-Encoding": "gzip, deflate, br"})
    gzipped = deployment.everywhere(path, headers={"Accept-Encoding": "gzip"})

    body = {r.port: r.body for r in plain}
    assert all(r.body == body[r.port] and "Content-Encoding" not in r.headers for r in plain)
    assert all(r.headers["Content-Encoding"] == "br" for r in squeezed)
    assert all(brotli.decompress(r.body) == body[r.port] for r in squeezed)
    assert all(r.headers["Content-Encoding"] == "gzip" for r in gzipped)
    assert all(gzip.decompress(r.body) == body[r.port] for r in gzipped)
    assert len(squeezed[0].body) < len(body[squeezed[0].port]) / 3
    for response in plain + squeezed + gzipped:
        assert "Accept-Encoding" in response.headers["Vary"]
    assert len({plain[0].headers["ETag"], squeezed[0].headers["ETag"], gzipped[0].headers["ETag"]}) == 3


def test_the_access_log_tells_no_visitor_from_another(deployment):
    # A patient on a phone, arriving from a search for crisis help.
    instance = deployment.instances[0]
    marker = uuid.uuid4().hex
    Visitor("127.0.0.91").get(
        instance.port,
        f"/conditions/suicidal-ideation/?from={marker}",
        headers={"User-Agent": f"PatientPhone/{marker}", "Referer": f"https://search.example/?q={marker}"},
    )

    # The worker logs the request just after it has answered.
    deadline = time.monotonic() + 5
    while '"path": "/conditions/suicidal-ideation/"' not in (log := instance.log.read_text(errors="replace")):
        assert time.monotonic() < deadline, "the request was not logged"
        time.sleep(0.05)
    assert marker not in log
    assert "127.0.0.91" not in log
