"""Compressed copies of a page, made once when it enters the page cache.

A condition page is about 27 KB of HTML and 6 KB with Brotli; patients on a phone
should not wait for the difference. Each cached page keeps three copies (Brotli, gzip,
none) with their own ETag, and each request gets the best one its browser accepts.
"""

import gzip
import hashlib

import brotli
from django.http import HttpResponse
from django.http.response import ResponseHeaders
from django.utils.cache import patch_vary_headers

IDENTITY = "identity"
# Best first.
ENCODINGS = ("br", "gzip")


def preferred_encoding(accept_encoding):
    """The best encoding the Accept-Encoding header allows, else "identity"."""
    accepted = set()
    for part in accept_encoding.lower().split(","):
        name, _, parameters = part.partition(";")
        quality = parameters.strip().removeprefix("q=")
        try:
            refused = bool(parameters.strip()) and float(quality) == 0
        except ValueError:
            refused = False
        if not refused:
            accepted.add(name.strip())
    return next((encoding for encoding in ENCODINGS if encoding in accepted), IDENTITY)


def compress(content, encoding):
    if encoding == "br":
        return brotli.compress(content, mode=brotli.MODE_TEXT, quality=11)
    if encoding == "gzip":
        return gzip.compress(content, compresslevel=9, mtime=0)
    return content


def variants(response):
    """{encoding: (status, headers, body)} of copies of ``response``, one per encoding,
    identity included.

    Each copy is complete (headers, Content-Length, its own ETag), to be stored as it is
    and served as it is (``response_from``). A tuple rather than a response: it is read
    back from the cache several times faster, and no request can change it.
    """
    patch_vary_headers(response, ["Accept-Encoding"])
    tag = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
    found = {}
    for encoding in (IDENTITY, *ENCODINGS):
        body = compress(response.content, encoding)
        headers = ResponseHeaders(dict(response.items()))
        if encoding == IDENTITY:
            headers["ETag"] = f'"{tag}"'
        else:
            headers["Content-Encoding"] = encoding
            headers["ETag"] = f'"{tag}-{encoding}"'
        headers["Content-Length"] = str(len(body))
        found[encoding] = (response.status_code, tuple(headers._store.items()), body)
    return found


def response_from(stored):
    """The response for a copy that ``variants`` made."""
    status, headers, body = stored
    response = HttpResponse(body, status=status)
    # The headers were encoded and checked once, when the copy was made: they go back
    # as they were, without Django checking each again on every hit (a third of the
    # time a hit took).
    response.headers._store = dict(headers)
    return response
