"""Load the Markdown files in content/ into the database.

Run on every deploy and by `make run`: it creates pages that are missing and updates
pages that staff have not changed since the last load, so the files in the repository
can seed and improve the site without ever overwriting an editor's work.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from publishing.content_files import ContentError, load_content


class Command(BaseCommand):
    help = "Load content/ into the database without overwriting staff edits."

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory",
            default=settings.CONTENT_DIR,
            help="Content directory to load (default: the repository's content/).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Overwrite pages that staff have edited since the last load.",
        )

    def handle(self, *args, directory, force, verbosity, **options):
        try:
            report = load_content(directory, force=force)
        except ContentError as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        for path in report.skipped:
            self.stderr.write(
                self.style.WARNING(
                    f"Skipped {path}: edited by staff since the last load. "
                    "Use --force to overwrite, or export_content to keep the edit."
                )
            )
        if verbosity:
            self.stdout.write(
                f"Created {len(report.created)}, updated {len(report.updated)}, "
                f"unchanged {len(report.unchanged)}, skipped {len(report.skipped)}, "
                f"rendered again {report.rendered}."
            )
