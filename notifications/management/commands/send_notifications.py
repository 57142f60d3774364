"""Retry the staff emails of the editorial workflow that could not be sent at once.

An email is saved in the outbox before it is sent, so a mail outage loses none; run
this every few minutes (cron or a scheduler) to send what is still waiting. Each
email is tried on its own, waiting longer after each failure; after six failures it
is given up, with the reason, in the admin (Staff notifications). The exit status is
1 when an attempt failed in this run, so the scheduler can alert someone.
"""

from notifications.commands import RetryPendingCommand
from notifications.outbox import retry_pending


class Command(RetryPendingCommand):
    help = "Send the staff notifications still waiting in the outbox."
    given_up_where = "see Staff notifications in the admin"

    def retry_pending(self):
        return retry_pending()
