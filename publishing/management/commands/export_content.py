"""Write the database's pages back to content/.

Staff edit the live site; this brings their work into the repository (and makes a
plain-text backup), so the next load_content finds files and database in agreement.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from publishing.content_files import export_content


class Command(BaseCommand):
    help = "Export pages, conditions and center details to Markdown and YAML files."

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory",
            default=settings.CONTENT_DIR,
            help="Directory to write to (default: the repository's content/).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would be written or removed, and change nothing.",
        )

    def handle(self, *args, directory, dry_run, **options):
        report = export_content(directory, dry_run=dry_run)
        verb = "Would write" if dry_run else "Wrote"
        for path in report.written:
            self.stdout.write(f"{verb} {path}")
        for path in report.removed:
            self.stdout.write(
                f"{'Would remove' if dry_run else 'Removed'} {path} (no longer in the database)"
            )
        self.stdout.write(
            f"{len(report.written)} written, {len(report.unchanged)} unchanged, {len(report.removed)} removed."
        )
