"""Retry the staff emails of the editorial workflow that could not be sent at once.

An email is saved in the outbox before it is sent, so a mail outage loses none; run
this every few minutes (cron or a scheduler) to send what is still waiting. Each
email is tried on its own, waiting longer after each failure; after six failures it
is given up, with the reason, in the admin (Staff notifications). The exit status is
1 when an attempt failed in this run, so the scheduler can alert someone.
"""

from django.core.management.base import BaseCommand, CommandError

from notifications.outbox import retry_pending


class Command(BaseCommand):
    help = "Send the staff notifications still waiting in the outbox."

    def handle(self, *args, verbosity, **options):
        sent, failed, given_up = retry_pending()
        if verbosity:
            self.stdout.write(f"{sent} notification(s) sent, {failed} to retry later, {given_up} given up.")
        if failed or given_up:
            raise CommandError(
                f"{failed + given_up} notification(s) could not be sent: {failed} will be retried, "
                f"{given_up} given up (see Staff notifications in the admin).",
                returncode=1,
            )
