"""Compiles the site's translation catalogues (.po to .mo) with polib.

Django's compilemessages needs GNU gettext's msgfmt, which the production image and
a fresh machine may not have; polib is pure Python. The .mo files are build output
(never committed): `make run`, `make test`, the test suite and the Dockerfile compile
them. Entries that are untranslated or fuzzy are reported: a fuzzy translation may be
wrong, and gettext would silently show English for an empty one.
"""

from dataclasses import dataclass, field
from pathlib import Path

import polib


@dataclass
class CatalogueReport:
    compiled: list = field(default_factory=list)
    untranslated: list = field(default_factory=list)  # (catalogue, msgid)
    fuzzy: list = field(default_factory=list)


def catalogues(locale_dirs):
    for directory in locale_dirs:
        yield from sorted(Path(directory).glob("*/LC_MESSAGES/*.po"))


def compile_catalogues(locale_dirs):
    """Write a .mo beside each .po that is newer than its .mo; report gaps in all."""
    report = CatalogueReport()
    for path in catalogues(locale_dirs):
        catalogue = polib.pofile(str(path))
        report.untranslated += [(path, entry.msgid) for entry in catalogue.untranslated_entries()]
        report.fuzzy += [(path, entry.msgid) for entry in catalogue.fuzzy_entries() if entry.msgid]
        compiled = path.with_suffix(".mo")
        if not compiled.exists() or compiled.stat().st_mtime < path.stat().st_mtime:
            catalogue.save_as_mofile(str(compiled))
            report.compiled.append(compiled)
    return report
