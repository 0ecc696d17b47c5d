"""Accounts test data: the office's new accounts, and reading an invitation e-mail's link."""

from __future__ import annotations

import re
import time
from typing import Any

from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from allauth.mfa.totp.internal.auth import app_settings as totp_settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.base import BaseEmailBackend

from accounts.models import AccountEvent
from ntm_portal.models import User

LINK = re.compile(r"https?://\S+/accounts/invitation/(?P<uid>[^/\s]+)/(?P<token>[^/\s]+)/")


def invitation_link(message: mail.EmailMessage) -> tuple[str, str, str]:
    """(path, uidb64, token) of the one-time link in an invitation e-mail."""
    found = LINK.search(message.body)
    assert found, message.body
    path = f"/accounts/invitation/{found['uid']}/{found['token']}/"
    return path, found["uid"], found["token"]


def account_state() -> dict[str, Any]:
    """What a refused request must leave as it was: users, their trail, and the outbox."""
    return {
        "users": sorted(
            User.objects.values_list(
                "pk", "username", "role", "agency_id", "commune_id", "is_active", "version"
            )
        ),
        "events": AccountEvent.objects.count(),
        "mails": len(mail.outbox),
    }


def error_codes(exc: ValidationError) -> list[str | None]:
    """The codes of a ValidationError's messages, whether it is a list or per field."""
    errors = exc.error_list if not hasattr(exc, "error_dict") else exc.error_dict.values()
    flat = [e for group in errors for e in (group if isinstance(group, list) else [group])]
    return [e.code for e in flat]


class FailingEmailBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise OSError("smtp down")


HEADER = ("họ tên", "e-mail", "điện thoại", "vai trò", "mã cơ quan", "mã xã", "tên đăng nhập")


def csv_bytes(
    rows: list[tuple], *, header: tuple = HEADER, bom: bool = False, delimiter: str = ","
) -> bytes:
    """A CSV list of new accounts, UTF-8 (with Excel's BOM when asked)."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" if bom else "").encode() + out.getvalue().encode("utf-8")


def xlsx_bytes(rows: list[tuple], *, header: tuple = HEADER) -> bytes:
    """The same list as an Excel workbook."""
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def current_totp_code(secret: str) -> str:
    """The code an authenticator app shows now, computed with allauth's own functions."""
    counter = int(time.time()) // totp_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


def enrol_totp(user: User) -> str:
    """Give ``user`` an authenticator app; returns its secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret
