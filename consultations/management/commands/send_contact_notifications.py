"""Retry staff notifications that could not be sent when a request arrived.

A request is saved before its email is sent, so a mail outage never loses one; run
this every few minutes (cron or a scheduler) to send what is still pending. Each
notification is tried on its own, waiting longer after each failure; after six
failures it is marked "could not be sent", with the reason, in the admin. The exit
status is 1 when an attempt failed in this run, so the scheduler can alert someone.
"""

from consultations.intake import retry_pending
from notifications.commands import RetryPendingCommand


class Command(RetryPendingCommand):
    help = "Send the staff notifications still pending for contact requests."
    given_up_where = "see the contact requests marked so in the admin"

    def retry_pending(self):
        return retry_pending()
