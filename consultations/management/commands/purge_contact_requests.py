"""Delete closed contact requests after the retention period.

People's details are kept only as long as needed: run this daily. It deletes
requests closed more than --days ago (with their status history), prints what it
removed by number and date only, and does nothing to open requests. Running it
twice in a day is harmless.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from consultations.models import ContactRequest


class Command(BaseCommand):
    help = "Delete contact requests that were closed more than --days ago."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.CONTACT_RETENTION_DAYS,
            help=f"Keep closed requests this many days (default {settings.CONTACT_RETENTION_DAYS}).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be deleted; delete nothing."
        )

    def handle(self, *args, days, dry_run, **options):
        if days < 1:
            raise CommandError("--days must be at least 1.")
        cutoff = timezone.now() - datetime.timedelta(days=days)
        expired = ContactRequest.objects.closed_before(cutoff).order_by("created")
        verb = "Would delete" if dry_run else "Deleted"
        for contact_request in expired:
            self.stdout.write(
                f"{verb} {contact_request.get_kind_display().lower()} #{contact_request.pk} "
                f"(received {contact_request.created:%Y-%m-%d}, closed {contact_request.status_changed_at:%Y-%m-%d})"
            )
        count = expired.count()
        if not dry_run:
            expired.delete()
        self.stdout.write(f"{verb} {count} closed request(s) older than {days} days.")
