"""Compile the translation catalogues in LOCALE_PATHS, without GNU gettext.

Fails when a catalogue has untranslated or fuzzy entries, so a Spanish page never
shows an English interface string by accident.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from clinic_site.catalogues import compile_catalogues


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/*.po to .mo; fail on untranslated or fuzzy entries."

    def handle(self, *args, **options):
        report = compile_catalogues(settings.LOCALE_PATHS)
        for path in report.compiled:
            self.stdout.write(f"Compiled {path}")
        problems = [("untranslated", *gap) for gap in report.untranslated]
        problems += [("fuzzy", *gap) for gap in report.fuzzy]
        for kind, path, msgid in problems:
            self.stderr.write(f"{path}: {kind}: {msgid!r}")
        if problems:
            raise CommandError(f"{len(problems)} catalogue entries need a translation (see above).")
