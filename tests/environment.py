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
import re
import tempfile
from pathlib import Path

from clinic_site.catalogues import compile_catalogues

os.environ.setdefault("DJANGO_HTTPS", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "test-suite-only-" + "s" * 40)
# `make test` runs the suite on every core (pytest-xdist). Each worker is a process of
# its own that inherits the controller's environment, so it takes its own cache folder,
# static files folder and Redis database: one worker clearing its cache or collecting
# its static files never pulls them from under another.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
for _name, _prefix in (
    ("DJANGO_CACHE_DIR", "clinic-test-cache-"),
    ("DJANGO_STATIC_ROOT", "clinic-test-static-"),
):
    if _worker or _name not in os.environ:
        os.environ[_name] = tempfile.mkdtemp(prefix=f"{_prefix}{_worker}-")
if _worker and os.environ.get("REDIS_URL"):
    # gw0 keeps the database REDIS_URL names, gw1 takes the next one, and so on (the
    # deployment suite's sites use database 15).
    _index = int(_worker.removeprefix("gw"))
    _url = os.environ["REDIS_URL"].rstrip("/")
    _database = re.search(r"/(\d+)$", _url)
    _base = _url[: _database.start()] if _database else _url
    os.environ["REDIS_URL"] = f"{_base}/{(int(_database[1]) if _database else 0) + _index}"
compile_catalogues([Path(__file__).resolve().parent.parent / "locale"])
