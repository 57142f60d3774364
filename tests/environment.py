"""Loaded by pytest before Django's settings (see addopts in pyproject.toml).

The test client and the live server speak plain http on 127.0.0.1, like `make run`,
so the HTTPS-only behaviour that production has by default is turned off here. The
production settings themselves are tested in test_production.py, in subprocesses.

The translation catalogues are compiled first, as `make run` and the Docker build do,
so that Spanish pages are tested with their Spanish interface. (Whether the catalogue
is complete is a test of its own: test_spanish.py.)
"""

import os
from pathlib import Path

from clinic_site.catalogues import compile_catalogues

os.environ.setdefault("DJANGO_HTTPS", "0")
compile_catalogues([Path(__file__).resolve().parent.parent / "locale"])
