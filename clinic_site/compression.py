"""Compressed copies of a page, made once when it enters the page cache.

A condition page is about 27 KB of HTML and 6 KB with Brotli; patients on a phone
should not wait for the difference. Each cached page keeps three copies (Brotli, gzip,
none) with their own ETag, and each request gets the best one its browser accepts.
"""

import gzip
import hashlib

import brotli
from django.http import HttpResponse
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
    """{encoding: response} of copies of ``response``, one per encoding, identity included.

    Each copy is complete (headers, Content-Length, its own ETag), to be stored as it is
    and served as it is.
    """
    patch_vary_headers(response, ["Accept-Encoding"])
    tag = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
    found = {}
    for encoding in (IDENTITY, *ENCODINGS):
        copy = HttpResponse(compress(response.content, encoding), status=response.status_code)
        for name, value in response.items():
            copy[name] = value
        if encoding == IDENTITY:
            copy["ETag"] = f'"{tag}"'
        else:
            copy["Content-Encoding"] = encoding
            copy["ETag"] = f'"{tag}-{encoding}"'
        copy["Content-Length"] = str(len(copy.content))
        found[encoding] = copy
    return found
