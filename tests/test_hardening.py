"""Hostile input, failures and attacks: nothing lost, no one let in, never a 500."""

import re
import time
from html.parser import HTMLParser
from unittest import mock

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from gunicorn.util import split_request_uri, unquote_to_wsgi_str
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from center.models import Center
from conditions.models import Condition
from pages.models import Page
from publishing.models import Status

# 1. Stored XSS
# ----------------------------------------------------------------------------

XSS_PAYLOADS = [
    # script and style elements
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</script>",
    "<script\x00>alert(1)</script>",
    "text <script>alert(1)</script> text",
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<style>@import 'http://evil.example/x.css';</style>",
    '<div style="background-image:url(javascript:alert(1))">x</div>',
    '<p style="behavior:url(x.htc)">x</p>',
    # event handlers
    "<img src=x onerror=alert(1)>",
    '<img src="/media/x.png" onload="alert(1)">',
    "<body onload=alert(1)>",
    '<a href="/" onclick="alert(1)">x</a>',
    "<div onmouseover=alert(1)>hover</div>",
    '<input autofocus onfocus="alert(1)">',
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<marquee onstart=alert(1)>x</marquee>",
    "<iMg SrC=x OnErRoR=alert(1)>",
    "<img src=x onerror\t=alert(1)>",
    # dangerous URLs in links and images
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](java\tscript:alert(1))",
    "[x](  javascript:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](javascript&#58;alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    "[x](VbScRiPt:msgbox(1))",
    "![x](javascript:alert(1))",
    "![x](data:image/svg+xml,<svg onload=alert(1)>)",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    "<a href=javascript&colon;alert(1)>x</a>",
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    "<iframe src=javascript:alert(1)></iframe>",
    "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    # SVG and MathML
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    '<svg><foreignObject><iframe src="javascript:alert(1)"></iframe></foreignObject></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<math href="javascript:alert(1)">x</math>',
    "<math><maction actiontype=statusline xlink:href=javascript:alert(1)>x</maction></math>",
    # entities and mixed case
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "<ScRiPt>alert(1)</sCrIpT>",
    "\\<script\\>alert(1)\\</script\\>",
    # Markdown link and reference tricks
    "[x][evil]\n\n[evil]: javascript:alert(1)",
    '[x][evil]\n\n[evil]: javascript:alert(1) "title"',
    "[x](<javascript:alert(1)>)",
    "<javascript:alert(1)>",
    '[x](# "onmouseover=alert(1)")',
    '[x](/ "x" onclick="alert(1)")',
    "[![x](/media/a.png)](javascript:alert(1))",
    '![x" onerror="alert(1)](/media/a.png)',
    "[^1]\n\n[^1]: <script>alert(1)</script>",
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n```",
    # unclosed tags
    "<script>alert(1)",
    "<img src=x onerror=alert(1)",
    "<a href='javascript:alert(1)'>unclosed",
    "<svg><g onload=alert(1)",
    "<!--<script>alert(1)-->",
    "<![CDATA[<script>alert(1)</script>]]>",
]
DANGEROUS_URL = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)
EXECUTABLE_TAGS = {
    "script",
    "iframe",
    "object",
    "embed",
    "frame",
    "frameset",
    "applet",
    "base",
    "svg",
    "math",
    "style",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background"}


class ScriptFinder(HTMLParser):
    """Everything in HTML that a browser could run."""

    def __init__(self, allowed_scripts=()):
        super().__init__(convert_charrefs=True)
        self.allowed_scripts = allowed_scripts
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and (
            attributes.get("type") == "application/ld+json" or attributes.get("src") in self.allowed_scripts
        ):
            return
        if tag == "svg" and (attributes.get("class") or "").split()[:1] in (["qr-code"], ["icon"]):
            return  # the site's own icons and the handout's QR code (never from content)
        if tag in EXECUTABLE_TAGS:
            self.found.append(f"<{tag}>")
        if tag == "meta" and "http-equiv" in attributes:
            self.found.append("<meta http-equiv>")
        site_link = attributes.get("rel") in ("stylesheet", "icon", "canonical")
        translation_link = attributes.get("rel") == "alternate" and "hreflang" in attributes
        if tag == "link" and not (site_link or translation_link):
            self.found.append("<link>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag}[{name}]")
            if name == "style":
                self.found.append(f"{tag}[style]")
            if name in URL_ATTRIBUTES and value and DANGEROUS_URL.match("".join(value.split())):
                self.found.append(f"{tag}[{name}={value[:30]}]")
            if name == "srcdoc":
                self.found.append(f"{tag}[srcdoc]")


def executable_parts(html, allowed_scripts=()):
    finder = ScriptFinder(allowed_scripts)
    finder.feed(html)
    return finder.found


def test_the_script_finder_finds_what_it_should():
    assert executable_parts('<img src=x onerror="alert(1)">') == ["img[onerror]"]
    assert executable_parts('<a href=" java\tscript:x">') == ["a[href= java\tscript:x]"]
    assert executable_parts("<svg></svg>") == ["<svg>"]
    assert executable_parts('<p style="x">') == ["p[style]"]
    assert executable_parts("<p>safe</p>") == []


def site_scripts(html):
    return tuple(re.findall(r'<script src="([^"]+)" defer>', html))


def test_the_attack_corpus_covers_the_known_families():
    assert len(XSS_PAYLOADS) >= 60


@pytest.mark.parametrize("payload", XSS_PAYLOADS, ids=range(len(XSS_PAYLOADS)))
def test_markdown_payload_never_runs_on_a_patients_screen(client, superuser_client, site_content, payload):
    from tests.factories import change_url, form_data

    condition = Condition.objects.get(slug="chronic-pain")
    page = Page.objects.get(slug="faq")
    body = f"Main message.\n\n{payload}\n\nAfter."
    for item, extra in (
        (condition, {"related": list(condition.related.values_list("pk", flat=True))}),
        (page, {}),
    ):
        response = superuser_client.post(change_url(item), form_data(item, body=body, **extra))
        if response.status_code == 200:  # refused by the form (e.g. a NUL character), with a message
            assert "errornote" in response.content.decode() or "errorlist" in response.content.decode()
            continue
        assert response.status_code == 302
        item.refresh_from_db()
        assert item.body == body.replace("\n", "\r\n") or item.body == body
        assert executable_parts(item.body_html) == [], item.body_html
        html = client.get(item.get_absolute_url()).content.decode()
        assert executable_parts(html, site_scripts(html)) == []
    preview = superuser_client.post("/markdownx/markdownify/", {"content": body}).content.decode()
    assert executable_parts(preview) == []


PLAIN_TEXT_PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "</title><script>alert(1)</script>",
    "{{ settings.SECRET_KEY }}",
]


@pytest.mark.parametrize("payload", PLAIN_TEXT_PAYLOADS)
def test_every_other_staff_field_that_reaches_a_page_is_escaped(
    client, superuser_client, site_content, payload
):
    from tests.factories import change_url, form_data

    condition = Condition.objects.get(slug="chronic-pain")
    superuser_client.post(
        change_url(condition),
        form_data(
            condition,
            title=f"Pain {payload}",
            summary=f"Summary {payload}",
            key_facts=f"Fact {payload}",
            reviewed_by=f"Dr {payload}",
            body=f"Text ![alt {payload}](/media/x.png)",
            related=list(condition.related.values_list("pk", flat=True)),
        ),
    )
    center = Center.objects.get()
    texts = center.texts_by_language.get(language="en")
    for record, fields in [
        (center, ["name", "building", "street_address", "phone"]),
        (texts, ["cta_heading", "cta_text", "response_time"]),
    ]:
        for field in fields:
            value = f"{getattr(record, field)} {payload}"
            # PostgreSQL enforces the column's length (the phone's is 30): the payload alone, then.
            max_length = record._meta.get_field(field).max_length or len(value)
            setattr(record, field, value if len(value) <= max_length else payload[:max_length])
        record.save()

    for url in [condition.get_absolute_url(), condition.get_handout_url(), "/", "/contact/", "/conditions/"]:
        html = client.get(url).content.decode()
        assert executable_parts(html, site_scripts(html)) == [], url
        assert settings.SECRET_KEY not in html


# 2. Admin protection
# ----------------------------------------------------------------------------


def login(client, password, username="editor"):
    return client.post(
        f"/{settings.ADMIN_PATH}login/?next=/{settings.ADMIN_PATH}",
        {"username": username, "password": password},
        REMOTE_ADDR="203.0.113.5",
    )


def test_repeated_failed_logins_lock_out_that_user_and_address_with_a_clear_message(client, editor):
    editor.set_password("the-right-password-123")
    editor.save()
    for _ in range(4):
        assert login(client, "wrong").status_code == 200
    assert login(client, "wrong").status_code == 429  # the fifth failure locks

    locked = login(client, "the-right-password-123")

    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.content.decode()
    assert "30 minutes" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lockout_lifts_by_itself_after_the_cool_off(client, editor):
    from axes.models import AccessAttempt

    editor.set_password("the-right-password-123")
    editor.save()
    for _ in range(5):
        login(client, "wrong")
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.first().attempt_time.replace(year=2000))

    response = login(client, "the-right-password-123")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_a_lockout_is_per_user_and_address(client, editor, reviewer):
    for _ in range(5):
        login(client, "wrong", username="editor")
    reviewer.set_password("reviewer-password-123")
    reviewer.save()

    assert login(client, "reviewer-password-123", username="reviewer").status_code == 302


def test_the_admin_path_comes_from_the_environment():
    import subprocess
    import sys

    code = "import django; django.setup(); from django.urls import reverse; print(reverse('admin:index'))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={
            "DJANGO_SETTINGS_MODULE": "clinic_site.settings",
            "DJANGO_ADMIN_PATH": "staff-7f3a",
            "DJANGO_SECRET_KEY": "admin-path-test-" + "k" * 40,
            "PATH": "/usr/bin",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.stdout.strip() == "/staff-7f3a/", result.stderr


def test_passwords_are_checked_and_staff_sessions_expire_after_inactivity():
    from django.contrib.auth.password_validation import get_default_password_validators

    names = {type(validator).__name__ for validator in get_default_password_validators()}
    assert {"MinimumLengthValidator", "CommonPasswordValidator", "NumericPasswordValidator"} <= names
    assert settings.SESSION_COOKIE_AGE == 3600 and settings.SESSION_SAVE_EVERY_REQUEST


# 3. Anonymous surface
# ----------------------------------------------------------------------------

# Meant for anonymous visitors: the two forms, and signing in (which records failed
# attempts, for the lockout).
PUBLIC_FORMS = {"consultations:contact", "consultations:referral", "admin:login"}


def every_url_pattern(patterns=None, prefix="", namespace=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from every_url_pattern(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), f"{namespace}{entry.name}" if entry.name else ""


def concrete(route, samples):
    route = route.replace("^", "").replace("$", "").replace("\\Z", "").replace("\\", "")
    route = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: samples.get(m.group(1), "1"), route)
    route = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: samples.get(m.group(1), "conditions"), route)
    route = re.sub(r"[()?+*]", "", route)
    return "/" + route


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_an_anonymous_visitor_can_change_nothing_anywhere(site_content, superuser_client, media_root):
    condition = Condition.objects.get(slug="ptsd")
    superuser_client.post("/markdownx/markdownify/", {"content": "x"})  # a staff session exists elsewhere
    samples = {
        "slug": "ptsd",
        "object_id": str(condition.pk),
        "history_id": str(condition.history.first().history_id),
        "app_label": "conditions",
        "model_name": "condition",
        "content_type_id": "1",
        "path": "markdownx/x.png",
        "uidb64": "MQ",
        "token": "x",
        "url": "x",
    }
    routes = sorted(set(every_url_pattern()))
    assert len(routes) > 40
    anonymous = Client()
    before = row_counts()
    checked = 0
    for route, name in routes:
        if name in PUBLIC_FORMS:
            continue
        url = concrete(route, samples)
        for method in ("post", "put", "patch", "delete"):
            response = getattr(anonymous, method)(url, {"status": "published", "content": "x"})
            location = response.get("Location", "")
            allowed = response.status_code in (403, 405, 404, 400) or (
                response.status_code in (301, 302) and ("login" in location or location.endswith("/"))
            )
            assert allowed, f"{method.upper()} {url} ({name}) answered {response.status_code}"
            checked += 1
    assert row_counts() == before
    assert not any(media_root.rglob("*.png")) or all(
        "share-images" in str(p) for p in media_root.rglob("*.png")
    )
    assert checked > 160


def test_the_public_forms_need_a_valid_csrf_token(site_content):
    strict = Client(enforce_csrf_checks=True)

    response = strict.post("/contact/", {"name": "x", "phone": "3105550100"})

    assert response.status_code == 403
    from consultations.models import ContactRequest

    assert not ContactRequest.objects.exists()


def test_an_expired_form_is_shown_again_filled_in_not_lost(site_content):
    strict = Client(enforce_csrf_checks=True)

    response = strict.post("/contact/", {"name": "Maria Lopez", "message": "Please call me."})

    html = response.content.decode()
    assert response.status_code == 403
    assert "Please send the form again" in html
    assert 'value="Maria Lopez"' in html and "Please call me." in html
    assert 'name="csrfmiddlewaretoken"' in html


# 4. Bad input never 500s
# ----------------------------------------------------------------------------

PUBLIC_URLS = ["/", "/conditions/", "/conditions/ptsd/", "/faq/", "/contact/", "/refer/", "/search/"]
HYPOTHESIS = hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def assert_handled(response):
    assert response.status_code < 500, response.status_code
    if response.status_code >= 400 and response.status_code != 405:
        body = response.content.decode(errors="replace")
        assert "988" in body, response.status_code  # the site's own error page
        assert "Traceback" not in body and "SECRET_KEY" not in body


def unsafe_client():
    client = Client(raise_request_exception=False)
    return client


def get_request_target(target):
    """Sends `target` as the path and query of a request line, split as gunicorn splits it.

    The test client would read a target starting with "//" as a host name ("//[" then raises
    in urlsplit before any request is made); gunicorn reads it as a path, as HTTP says.
    """
    parts = split_request_uri(target)
    return unsafe_client().request(
        REQUEST_METHOD="GET",
        PATH_INFO=unquote_to_wsgi_str(parts.path),
        QUERY_STRING=parts.query.encode().decode("iso-8859-1"),
    )


@HYPOTHESIS
@given(path=st.text(min_size=0, max_size=300))
def test_any_path_is_answered_without_a_500(site_content, path):
    assert_handled(get_request_target("/" + path))


@pytest.mark.parametrize("target", ["//[", "//", "//evil.example/conditions/", "//[::1]/?q=["])
def test_a_path_that_looks_like_a_host_is_answered_without_a_500(site_content, target):
    assert_handled(get_request_target(target))


@HYPOTHESIS
@given(raw=st.binary(max_size=200))
def test_any_percent_encoded_bytes_in_a_path_or_query_are_handled(site_content, raw):
    encoded = "".join(f"%{byte:02x}" for byte in raw)
    client = unsafe_client()
    assert_handled(client.get(f"/conditions/{encoded}/"))
    assert_handled(client.get(f"/search/?q={encoded}"))
    assert_handled(client.get(f"/conditions/?{encoded}={encoded}"))


@HYPOTHESIS
@given(
    url=st.sampled_from(PUBLIC_URLS),
    query=st.dictionaries(st.text(max_size=30), st.text(max_size=500), max_size=8),
)
def test_any_query_string_is_handled(site_content, url, query):
    assert_handled(unsafe_client().get(url, query))


def test_a_huge_query_string_is_handled(site_content):
    assert_handled(unsafe_client().get("/search/", {"q": "a" * 100_000}))
    assert_handled(unsafe_client().get("/conditions/ptsd/?" + "&".join(f"k{i}=v" for i in range(5000))))


HEADER_NAMES = [
    "HTTP_HOST",
    "HTTP_ACCEPT_LANGUAGE",
    "HTTP_COOKIE",
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_USER_AGENT",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_REFERER",
    "HTTP_ACCEPT_ENCODING",
    "CONTENT_TYPE",
]


# What a WSGI server can hand Django: header values are bytes decoded as Latin-1.
HEADER_TEXT = st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF), max_size=300)


@HYPOTHESIS
@given(
    url=st.sampled_from(PUBLIC_URLS),
    headers=st.dictionaries(st.sampled_from(HEADER_NAMES), HEADER_TEXT, max_size=5),
)
def test_any_header_is_handled(site_content, url, headers):
    assert_handled(unsafe_client().get(url, **headers))


@HYPOTHESIS
@given(
    url=st.sampled_from(["/contact/", "/refer/", "/search/", "/conditions/ptsd/", "/markdownx/upload/"]),
    data=st.dictionaries(
        st.sampled_from(
            [
                "name",
                "phone",
                "email",
                "topic",
                "consent",
                "submission_key",
                "message",
                "website",
                "preferred_method",
                "preferred_time",
                "referrer_name",
                "q",
                "content",
            ]
        ),
        st.one_of(st.text(max_size=600), st.lists(st.text(max_size=50), max_size=3)),
        max_size=10,
    ),
)
def test_any_form_body_is_handled(site_content, url, data):
    cache.clear()  # keep the rate limit out of the way
    assert_handled(unsafe_client().post(url, data))


@HYPOTHESIS
@given(
    body=st.binary(max_size=2000),
    content_type=st.sampled_from(
        [
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/json",
            "text/plain",
        ]
    ),
)
def test_any_raw_body_is_handled(site_content, body, content_type):
    cache.clear()
    assert_handled(unsafe_client().generic("POST", "/contact/", body, content_type=content_type))


def test_an_oversized_body_is_refused_by_djangos_limits(site_content):
    too_big = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)

    response = unsafe_client().post("/contact/", {"message": too_big})

    assert response.status_code == 400
    assert_handled(response)


@pytest.mark.parametrize(
    "pathological",
    [
        "[" * 20_000 + "a" * (settings.MARKDOWN_BODY_MAX_LENGTH - 20_000),
        "*" * 20_000 + "_" * 20_000 + "a" * (settings.MARKDOWN_BODY_MAX_LENGTH - 40_000),
        "[a](" * (settings.MARKDOWN_BODY_MAX_LENGTH // 4),
        "**" * (settings.MARKDOWN_BODY_MAX_LENGTH // 4)
        + "a"
        + "**" * (settings.MARKDOWN_BODY_MAX_LENGTH // 4),
    ],
    ids=["brackets", "emphasis-runs", "unclosed-links", "nested-emphasis"],
)
def test_pathological_markdown_at_the_limit_costs_no_more_than_ordinary_text(
    superuser_client, center, pathological
):
    """Rendering stays linear: pathological input of the largest size allowed takes about
    as long as ordinary Markdown of the same size, measured side by side in this test (a
    ratio, so a busy machine slows both alike). The absolute times are in bench/."""
    pathological = pathological[: settings.MARKDOWN_BODY_MAX_LENGTH]
    paragraph = (
        "## A heading\n\nKetamine may help some people with **depression** when other "
        "treatments have not. [Read the study](https://example.org/study) and talk to your "
        "doctor.[^1]\n\n- One point\n- Another point\n\n[^1]: A reference.\n\n"
    )
    ordinary = (paragraph * (len(pathological) // len(paragraph) + 1))[: len(pathological)]

    def cost(text, slug):
        """The fastest of three previews plus one save, in seconds."""
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            response = superuser_client.post("/markdownx/markdownify/", {"content": text})
            timings.append(time.perf_counter() - started)
            assert response.status_code == 200
        started = time.perf_counter()
        Condition.objects.create(title="P", slug=slug, summary="s", body=text)
        return min(timings) + time.perf_counter() - started

    ordinary_cost = cost(ordinary, "ordinary")
    pathological_cost = cost(pathological, "pathological")

    assert pathological_cost < 5 * ordinary_cost + 0.05, (pathological_cost, ordinary_cost)


# 5. Database down
# ----------------------------------------------------------------------------


class DatabaseDown:
    """Every new database query fails, as when PostgreSQL is unreachable."""

    def __enter__(self):
        from django.db.backends.base.base import BaseDatabaseWrapper

        def unreachable(*args, **kwargs):
            raise OperationalError("could not connect to server: Connection refused")

        self.patch = mock.patch.object(BaseDatabaseWrapper, "cursor", unreachable)
        self.patch.start()
        return self

    def __exit__(self, *exc):
        self.patch.stop()


def test_with_the_database_down_cached_pages_are_still_served(site_content):
    client = unsafe_client()
    cached = client.get("/conditions/ptsd/").content

    with DatabaseDown():
        again = client.get("/conditions/ptsd/")
        ready = client.get("/readyz")
        alive = client.get("/healthz")

    assert again.status_code == 200 and again.content == cached
    assert ready.status_code == 503 and b"database unreachable" in ready.content
    assert alive.status_code == 200


@pytest.mark.parametrize("url", ["/faq/", "/contact/", "/search/?q=pain", "/no-such-page/"])
def test_with_the_database_down_other_pages_get_a_static_503_with_phone_and_988(site_content, url):
    client = unsafe_client()
    client.get("/robots.txt")  # the center's details are cached, as on a running site
    Center.cached()

    with DatabaseDown():
        response = client.get(url)

    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "The website is having trouble right now" in html
    assert "(310) 555-0142" in html and 'href="tel:988"' in html
    assert "Traceback" not in html and "OperationalError" not in html


# 6. Error pages
# ----------------------------------------------------------------------------


def error_responses(client, superuser_client):
    from search import views

    responses = {
        400: client.get("/", HTTP_HOST="evil.example"),
        403: client.post("/markdownx/markdownify/", {"content": "x"}),
        404: client.get("/no-such-page/"),
        405: client.put("/faq/"),
    }
    Condition.objects.filter(slug="ptsd").update(status=Status.DRAFT)
    from django.contrib.redirects.models import Redirect

    Redirect.objects.create(site_id=settings.SITE_ID, old_path="/gone/", new_path="")
    cache.clear()
    responses[410] = client.get("/gone/")
    with mock.patch.object(views.SearchView, "get_context_data", side_effect=RuntimeError("boom SECRET")):
        responses[500] = client.get("/search/?q=x")
    Center.cached()
    with DatabaseDown():
        responses[503] = client.get("/about/")
    return responses


def test_error_pages_are_the_sites_own_with_crisis_line_and_phone_and_leak_nothing(
    site_content, superuser_client
):
    client = unsafe_client()

    for status, response in error_responses(client, superuser_client).items():
        html = response.content.decode()
        assert response.status_code == status
        assert 'href="tel:988"' in html, status
        assert "(310) 555-0142" in html or status == 400, status
        assert "<h1>" in html and html.count("<h1") == 1, status
        assert '<html lang="en">' in html, status
        for leak in ["Traceback", "SECRET", "settings.py", "boom", "OperationalError", "DEBUG"]:
            assert leak not in html, (status, leak)


# 9. Backups
# ----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_an_export_restores_into_an_empty_database_with_the_same_pages(tmp_path):
    from django.core.management import call_command

    call_command("load_content", verbosity=0)
    condition = Condition.objects.get(slug="ptsd")
    condition.summary = "Edited by staff after loading."
    condition.save()
    client = unsafe_client()
    urls = [item.get_absolute_url() for item in [*Condition.objects.all(), *Page.objects.all()]]
    before = {url: client.get(url).content for url in urls}
    call_command("export_content", directory=tmp_path / "backup", verbosity=0)

    call_command("flush", interactive=False, verbosity=0)
    cache.clear()
    assert not Condition.objects.exists()
    call_command("load_content", directory=tmp_path / "backup", verbosity=0)
    cache.clear()

    after = {url: client.get(url).content for url in urls}
    assert after.keys() == before.keys()
    for url in urls:
        assert after[url] == before[url], url
    assert "Edited by staff after loading." in after["/conditions/ptsd/"].decode()
