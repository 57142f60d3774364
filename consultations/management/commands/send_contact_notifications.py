"""Retry staff notifications that could not be sent when a request arrived.

A request is saved before its email is sent, so a mail outage never loses one; run
this every few minutes (cron or a scheduler) to send what is still pending.
"""

from django.core.management.base import BaseCommand, CommandError

from consultations.intake import retry_pending


class Command(BaseCommand):
    help = "Send the staff notifications still pending for contact requests."

    def handle(self, *args, verbosity, **options):
        sent, failed = retry_pending()
        if verbosity:
            self.stdout.write(f"{sent} notification(s) sent, {failed} still pending.")
        if failed:
            raise CommandError(
                f"{failed} notification(s) could not be sent; they stay pending.", returncode=1
            )
