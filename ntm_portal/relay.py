"""Many e-mails over one connection to the mail relay, each with its own outcome.

A message the relay refuses (a bad address, a message it will not take) fails alone: smtplib
resets the session and the next one goes out. Any other error (the relay unreachable, the
connection dropped, a stall past EMAIL_TIMEOUT, a task time limit) stops the run: that message
and every one after it get the same error without being tried, so a dead relay costs one
timeout, not one per message.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterator, Sequence

from django.core.mail import EmailMessage, get_connection

logger = logging.getLogger(__name__)

# Refusals of one message; the connection is still usable after them.
MESSAGE_ERRORS = (
    smtplib.SMTPRecipientsRefused,
    smtplib.SMTPSenderRefused,
    smtplib.SMTPDataError,
    ValueError,  # a header Django will not send (BadHeaderError), an address it cannot encode
)


def send_each(emails: Sequence[EmailMessage]) -> Iterator[Exception | None]:
    """Send ``emails`` in order over one connection; yield each one's error (None: accepted)
    as soon as it is known, so the caller can record progress while the rest go out."""
    if not emails:
        return
    connection = get_connection()
    try:
        connection.open()
    except Exception as exc:  # unreachable: nothing was sent
        yield from (exc for _email in emails)
        return
    try:
        yield from _send_all(connection, emails)
    finally:
        _close(connection)


def _send_all(connection, emails: Sequence[EmailMessage]) -> Iterator[Exception | None]:
    for index, email in enumerate(emails):
        error = _send_one(connection, email)
        yield error
        if error is not None and not isinstance(error, MESSAGE_ERRORS):
            yield from (error for _email in emails[index + 1 :])
            return


def _send_one(connection, email: EmailMessage) -> Exception | None:
    email.connection = connection  # send() uses the open connection
    try:
        email.send()
    except Exception as exc:  # any error, listed or not, is this message's outcome
        return exc
    return None


def _close(connection) -> None:
    """Everything was handed over already; a failing QUIT changes nothing."""
    try:
        connection.close()
    except Exception as exc:  # logged only: the messages' outcomes stand
        logger.warning("Closing the mail relay connection failed: %s", exc)
