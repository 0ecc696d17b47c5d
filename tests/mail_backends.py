"""Mail backends for the reminder outbox tests (also used by the worker subprocess).

``FileLogBackend`` appends one line per delivered message (its ``X-NTM-Reminder`` header) to
the file named by NTM_TEST_MAIL_LOG: O_APPEND writes of a line are atomic, so the test counts
deliveries across processes. ``UnresolvableHostBackend`` raises what an unknown SMTP host
raises (socket.gaierror, in no retry list); ``StalledRelayBackend`` hangs like a slow relay,
then times out. ``FlakyRelayBackend`` (locmem) accepts ``accept`` messages, then drops the
connection once and is back; ``RefusingRelayBackend`` (locmem) refuses every address starting
with "bad".
"""

from __future__ import annotations

import os
import smtplib
import socket
import time

from django.core.mail.backends import locmem
from django.core.mail.backends.base import BaseEmailBackend

STALL_SECONDS = float(os.environ.get("NTM_TEST_STALL_SECONDS", "1.0"))


class FileLogBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        path = os.environ["NTM_TEST_MAIL_LOG"]
        lines = "".join(f"{m.extra_headers.get('X-NTM-Reminder', '')}\n" for m in email_messages)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, lines.encode())
        finally:
            os.close(fd)
        return len(email_messages)


class UnresolvableHostBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")


class StalledRelayBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        time.sleep(STALL_SECONDS)
        raise TimeoutError("timed out")


class FlakyRelayBackend(locmem.EmailBackend):
    accept = 0  # set by the test; counts down as messages are accepted
    opened = 0  # connections opened

    def open(self):
        type(self).opened += 1
        return super().open()

    def send_messages(self, messages):
        if type(self).accept < len(messages):
            type(self).accept = 10**9  # dropped once, then back
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        type(self).accept -= len(messages)
        return super().send_messages(messages)


class RefusingRelayBackend(locmem.EmailBackend):
    def send_messages(self, messages):
        for message in messages:
            bad = [to for to in message.to if to.startswith("bad")]
            if bad:
                raise smtplib.SMTPRecipientsRefused({to: (550, b"No such user") for to in bad})
        return super().send_messages(messages)
