"""Delete daily counts older than the retention period.

The counts hold nothing about visitors, but a page's readers from years ago tell
staff nothing either: run this daily, with the other scheduled jobs.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from readership import counting

RETENTION_DAYS = 90


class Command(BaseCommand):
    help = "Delete page view and failed search counts older than --days."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=RETENTION_DAYS,
            help=f"Keep this many days (default {RETENTION_DAYS}).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be deleted; delete nothing."
        )

    def handle(self, *args, days, dry_run, **options):
        if days < 1:
            raise CommandError("--days must be at least 1.")
        before = timezone.localdate() - datetime.timedelta(days=days - 1)
        views, searches = counting.purge(before=before, dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(
            f"{verb} {views} daily page view count(s) and {searches} failed search count(s) "
            f"from before {before:%Y-%m-%d}."
        )
