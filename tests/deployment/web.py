"""Real HTTP to the running site, as a browser would send it: one connection per
request, cookies kept per visitor, forms filled in from the HTML the site served."""

import http.client
import re
import urllib.parse
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    port: int

    @property
    def text(self):
        return self.body.decode()

    @property
    def errors(self):
        """The error messages of a form page, for assertion messages."""
        return re.findall(r'class="(?:errornote|errorlist[^"]*)"[^>]*>(.*?)</(?:p|ul)>', self.text, re.S)

    @property
    def location(self):
        return self.headers.get("Location", "")


@dataclass
class Visitor:
    """One person's browser: its own cookies and its own address (127.0.0.x), so
    per-address limits can be tested side by side. Every request goes to 127.0.0.1."""

    source_address: str = "127.0.0.1"
    cookies: dict = field(default_factory=dict)

    def request(self, port, method, path, *, body=None, headers=None):
        connection = http.client.HTTPConnection(
            "127.0.0.1", port, timeout=15, source_address=(self.source_address, 0)
        )
        sent = {
            "Host": f"127.0.0.1:{port}",
            # The site runs as in production, behind a TLS-terminating proxy.
            "X-Forwarded-Proto": "https",
            "Accept-Encoding": "identity",
            **(headers or {}),
        }
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if body is not None:
            sent.setdefault("Content-Type", "application/x-www-form-urlencoded")
            sent["Origin"] = f"https://127.0.0.1:{port}"
            sent["Referer"] = f"https://127.0.0.1:{port}{path}"
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            # http.client reads exactly Content-Length bytes and fails on fewer.
            content = response.read()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if value and "max-age=0" not in header.lower():
                self.cookies[name.strip()] = value
            else:
                self.cookies.pop(name.strip(), None)
        return Response(response.status, response.headers, content, port)

    def get(self, port, path, **kwargs):
        return self.request(port, "GET", path, **kwargs)

    def post(self, port, path, data, **kwargs):
        return self.request(port, "POST", path, body=urllib.parse.urlencode(data, doseq=True), **kwargs)

    def submit(self, port, path, changes=None, *, form_id=None, button=None):
        """GET the page at ``path``, fill in its form as served, change ``changes``, send it."""
        page = self.get(port, path)
        assert page.status == 200, (path, page.status)
        data = form_fields(page.text, form_id)
        for name, value in (changes or {}).items():
            data[name] = value
        if button:
            data[button] = "1"
        return self.post(port, path, [(name, value) for name, value in _pairs(data)])


def _pairs(data):
    for name, value in data.items():
        if isinstance(value, list):
            for item in value:
                yield name, item
        elif value is not None:
            yield name, value


class _FormParser(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.fields = {}
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.in_form:
            if self.form_id is None:  # the first form that sends something
                self.in_form = attrs.get("method", "get").lower() == "post"
            else:
                self.in_form = attrs.get("id") == self.form_id
            return
        if not self.in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._add(name, attrs.get("value", "on"), multiple=kind == "checkbox")
                return
            self.fields[name] = attrs.get("value", "")
        elif tag == "select" and name:
            self._select = (name, "multiple" in attrs)
            self._first_option = None
            self.fields[name] = [] if "multiple" in attrs else None
        elif tag == "option" and self._select:
            name, multiple = self._select
            if self._first_option is None:
                self._first_option = attrs.get("value", "")
            if "selected" in attrs:
                self._add(name, attrs.get("value", ""), multiple=multiple)
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""

    def _add(self, name, value, *, multiple):
        if multiple:
            existing = self.fields.get(name)
            self.fields[name] = [*(existing if isinstance(existing, list) else []), value]
        else:
            self.fields[name] = value

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            name, multiple = self._select
            if not multiple and self.fields[name] is None:
                # A browser sends a single select's first option when none is selected.
                self.fields[name] = self._first_option or ""
            self._select = None
        elif tag == "textarea":
            if self._textarea:
                # Browsers drop the newline that may follow <textarea>.
                self.fields[self._textarea] = self.fields[self._textarea].removeprefix("\n")
            self._textarea = None
        elif tag == "form" and self.in_form:
            self.in_form = False
            self.form_id = "\0done"  # only the first matching form
            self.feed = lambda data: None


def form_fields(html, form_id=None):
    """{name: value} of the form's fields as a browser would send them unchanged."""
    parser = _FormParser(form_id)
    parser.feed(html)
    return parser.fields


def admin_change_links(html, model_path):
    """Object ids linked from an admin changelist."""
    return sorted({int(pk) for pk in re.findall(rf"{re.escape(model_path)}(\d+)/change/", html)})
