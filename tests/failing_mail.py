"""An email backend whose server is down, for the tests of notification retries."""

from django.core.mail.backends.base import BaseEmailBackend


class EmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("the mail server is down")


class SelectiveEmailBackend(BaseEmailBackend):
    """Delivers to django.core.mail.outbox, except messages whose body has FAIL-ME."""

    def send_messages(self, email_messages):
        from django.core import mail

        for message in email_messages:
            if "FAIL-ME" in message.body:
                raise ValueError("the mail server refused this message")
            mail.outbox.append(message)
        return len(email_messages)
