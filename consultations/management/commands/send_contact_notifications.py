"""Retry staff notifications that could not be sent when a request arrived.

A request is saved before its email is sent, so a mail outage never loses one; run
this every few minutes (cron or a scheduler) to send what is still pending. Each
notification is tried on its own, waiting longer after each failure; after six
failures it is marked "could not be sent", with the reason, in the admin. The exit
status is 1 when an attempt failed in this run, so the scheduler can alert someone.
"""

from django.core.management.base import BaseCommand, CommandError

from consultations.intake import retry_pending


class Command(BaseCommand):
    help = "Send the staff notifications still pending for contact requests."

    def handle(self, *args, verbosity, **options):
        sent, failed, given_up = retry_pending()
        if verbosity:
            self.stdout.write(f"{sent} notification(s) sent, {failed} to retry later, {given_up} given up.")
        if failed or given_up:
            raise CommandError(
                f"{failed + given_up} notification(s) could not be sent: {failed} will be retried, "
                f"{given_up} given up (see the contact requests marked so in the admin).",
                returncode=1,
            )
