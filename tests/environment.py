"""Loaded by pytest before Django's settings (see addopts in pyproject.toml).

The suite runs the settings production runs: DEBUG off (the default; a test asserts
it), a secret key of its own, and the shared file cache, in a folder of its own so
that clearing it between tests never touches a running `make run`. The test client
and the live server speak plain http on 127.0.0.1, like `make run`, so the
HTTPS-only behaviour is turned off here; the HTTPS settings themselves are tested in
test_production.py and tests/deployment/, in subprocesses.

The translation catalogues are compiled first, as `make run` and the Docker build do,
so that Spanish pages are tested with their Spanish interface. (Whether the catalogue
is complete is a test of its own: test_spanish.py.)
"""

import os
import tempfile
from pathlib import Path

from clinic_site.catalogues import compile_catalogues

os.environ.setdefault("DJANGO_HTTPS", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "test-suite-only-" + "s" * 40)
os.environ.setdefault("DJANGO_CACHE_DIR", tempfile.mkdtemp(prefix="clinic-test-cache-"))
# What the suite asserts about DEBUG is what the settings module decided by itself.
os.environ.pop("DJANGO_DEBUG", None)
compile_catalogues([Path(__file__).resolve().parent.parent / "locale"])
