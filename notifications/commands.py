"""The base of the commands that retry staff emails still waiting to be sent."""

from django.core.management.base import BaseCommand, CommandError


class RetryPendingCommand(BaseCommand):
    """Runs ``retry_pending()`` (which returns sent, failed, given up) and exits with
    status 1 when an attempt failed in this run, so the scheduler can alert someone."""

    # Where staff find the emails given up, for the message.
    given_up_where = ""

    def retry_pending(self):
        raise NotImplementedError

    def handle(self, *args, verbosity, **options):
        sent, failed, given_up = self.retry_pending()
        if verbosity:
            self.stdout.write(f"{sent} notification(s) sent, {failed} to retry later, {given_up} given up.")
        if failed or given_up:
            raise CommandError(
                f"{failed + given_up} notification(s) could not be sent: {failed} will be retried, "
                f"{given_up} given up ({self.given_up_where}).",
                returncode=1,
            )
