"""Bulk onboarding: check a list of new accounts (accounts.user_rows), then create them all.

The check reads the database but writes nothing; it reports every problem by row and column,
duplicates inside the file included. Applying checks again (the database may have changed),
then creates every account through user_create, in one transaction: all or nothing. The
invitations leave after the commit; rows without e-mail get a generated temporary password,
returned once to the caller and never stored in clear.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from accounts import permissions as perms
from accounts.services.users import user_create
from accounts.user_rows import COLUMN_NAMES, Record
from communes.models import Commune
from communes.unit_rows import capped, resolve_choice, row_error
from ntm_portal.models import User
from sponsorships.models import Agency

NAME_MAX_LENGTH = 150  # each of first_name and last_name
PHONE_MAX_LENGTH = 32
SERVICE_FIELD_COLUMNS = {"first_name": "name", "last_name": "name", "temporary_password": "email"}
ROLE_ALIASES = {"lãnh đạo": User.Role.LEADER, "cán bộ cơ quan": User.Role.AGENCY_STAFF}
# Each temporary password is hashed on purpose slowly (~0.2 s with Django's PBKDF2): more than
# this many in one file and "Áp dụng" would outlast the web server's 30 s request timeout.
MAX_TEMPORARY_PASSWORDS = 50
# Unambiguous letters and digits (no 0/O, 1/l/I): read aloud or copied from paper.
PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@dataclass
class ImportRow:
    """One row of the file: its cells as read, user_create's arguments, its problems."""

    row: int
    cells: dict[str, str]
    fields: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)  # column → messages

    def error(self, column: str, message: str) -> None:
        messages = self.errors.setdefault(column, [])
        if message not in messages:  # a username taken from the e-mail is one problem
            messages.append(message)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def is_invited(self) -> bool:
        return bool(self.fields.get("email"))

    def column_errors(self) -> list[tuple[str, str]]:
        """(column name as in the template file, message) for each problem."""
        return [
            (COLUMN_NAMES.get(column, column), message)
            for column, messages in self.errors.items()
            for message in messages
        ]

    def error_lines(self) -> list[str]:
        """'Dòng 7, cột vai trò: …' for each problem."""
        return [row_error(self.row, column, message) for column, message in self.column_errors()]


@dataclass
class UserImportPlan:
    rows: list[ImportRow]

    @property
    def is_valid(self) -> bool:
        return all(row.is_valid for row in self.rows)

    @property
    def rows_with_errors(self) -> int:
        return sum(not row.is_valid for row in self.rows)

    def error_lines(self) -> list[str]:
        return capped([line for row in self.rows for line in row.error_lines()])


@dataclass(frozen=True)
class UserImportResult:
    created: list[User]
    # (account, password) for the rows without e-mail: to hand over, shown once.
    temporary_passwords: list[tuple[User, str]]

    @property
    def invited(self) -> int:
        return len(self.created) - len(self.temporary_passwords)


class UserImportInvalid(ValidationError):
    """The file has problems; nothing was written. ``plan`` says which, by row and column."""

    def __init__(self, plan: UserImportPlan) -> None:
        super().__init__(plan.error_lines(), code="invalid_rows")
        self.plan = plan


def user_import_check(*, actor: User, records: list[Record]) -> UserImportPlan:
    """Every row checked against the rules and the database; nothing written."""
    _require(perms.can_manage_users(actor))
    lookups = _Lookups.load(records)
    rows = [_check_row(ImportRow(row=number, cells=cells), lookups) for number, cells in records]
    _check_duplicates(rows)
    _check_temporary_passwords(rows)
    return UserImportPlan(rows)


@transaction.atomic
def user_import_apply(*, actor: User, records: list[Record]) -> UserImportResult:
    """All the accounts or none; raises UserImportInvalid (nothing written) on any problem."""
    plan = user_import_check(actor=actor, records=records)
    if not plan.is_valid:
        raise UserImportInvalid(plan)
    created, passwords = [], []
    for row in plan.rows:
        password = "" if row.is_invited else temporary_password_generate()
        try:
            user = user_create(actor=actor, temporary_password=password, **row.fields)
        except ValidationError as exc:  # a rule only the service knows: said on the row
            _add_service_errors(row, exc)
            raise UserImportInvalid(plan) from exc
        created.append(user)
        if password:
            passwords.append((user, password))
    return UserImportResult(created=created, temporary_passwords=passwords)


def temporary_password_generate() -> str:
    """Three groups of four: 'k7Pm-x3Qa-R9tw' (about 69 bits)."""
    groups = (
        "".join(secrets.choice(PASSWORD_ALPHABET) for _letter in range(4)) for _group in range(3)
    )
    return "-".join(groups)


def _add_service_errors(row: ImportRow, exc: ValidationError) -> None:
    errors = exc.message_dict.items() if hasattr(exc, "error_dict") else [("name", exc.messages)]
    for name, messages in errors:
        column = SERVICE_FIELD_COLUMNS.get(name, name if name in COLUMN_NAMES else "name")
        for message in messages:
            row.error(column, message)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("Bạn không có quyền thay đổi tài khoản này."))


@dataclass(frozen=True)
class _Lookups:
    """What the rows refer to, read in a fixed number of queries whatever the row count."""

    agencies: dict[str, list[Agency]]  # short name, name or id (casefolded) → agencies
    communes: dict[str, Commune]  # code → commune
    taken_usernames: set[str]  # lower-cased
    taken_emails: set[str]

    @classmethod
    def load(cls, records: list[Record]) -> _Lookups:
        agencies: dict[str, list[Agency]] = {}
        for agency in Agency.objects.all():
            for key in {agency.short_name, agency.name, str(agency.pk)} - {""}:
                agencies.setdefault(key.casefold(), []).append(agency)
        codes = {cells.get("commune", "") for _row, cells in records} - {""}
        return cls(
            agencies=agencies,
            communes=_communes_by_code(codes),
            taken_usernames=_taken("username", _usernames(records)),
            taken_emails=_taken("email", (cells.get("email", "") for _row, cells in records)),
        )


def _communes_by_code(codes: set[str]) -> dict[str, Commune]:
    """Code → commune; of an old and a new unit sharing a code (2025 reform), the newest."""
    communes: dict[str, Commune] = {}
    for commune in Commune.objects.filter(code__in=codes).newest_first():
        communes.setdefault(commune.code, commune)
    return communes


def _usernames(records: list[Record]) -> Iterable[str]:
    return (cells.get("username") or cells.get("email", "") for _row, cells in records)


def _taken(column: str, values: Iterable[str]) -> set[str]:
    wanted = {value.lower() for value in values if value}
    lowered = User.objects.annotate(lowered=Lower(column)).filter(lowered__in=wanted)
    return set(lowered.values_list("lowered", flat=True))


def _check_row(row: ImportRow, lookups: _Lookups) -> ImportRow:
    _check_name(row)
    _check_contact(row, lookups)
    _check_role_and_scope(row, lookups)
    return row


def _check_name(row: ImportRow) -> None:
    name = row.cells.get("name", "")
    if not name:
        row.error("name", _("không được để trống"))
    first, _space, last = name.rpartition(" ")  # "Nguyễn Văn An" → "Nguyễn Văn", "An"
    if max(len(first), len(last)) > NAME_MAX_LENGTH:
        row.error("name", _("dài quá %(max)s ký tự") % {"max": NAME_MAX_LENGTH})
    row.fields.update(first_name=first, last_name=last)


def _check_contact(row: ImportRow, lookups: _Lookups) -> None:
    email, phone = row.cells.get("email", ""), row.cells.get("phone", "")
    username = row.cells.get("username") or email
    if email:
        _check_email(row, email, lookups)
    if not username:
        row.error("email", _("cần e-mail để gửi thư mời, hoặc tên đăng nhập để đặt mật khẩu tạm"))
    elif _check_username(row, username, lookups):
        row.fields["username"] = username
    if len(phone) > PHONE_MAX_LENGTH:
        row.error("phone", _("dài quá %(max)s ký tự") % {"max": PHONE_MAX_LENGTH})
    row.fields.update(email=email, phone=phone)


def _check_email(row: ImportRow, email: str, lookups: _Lookups) -> None:
    try:
        validate_email(email)
    except ValidationError:
        row.error("email", _("địa chỉ “%(value)s” không hợp lệ") % {"value": email})
        return
    if email.lower() in lookups.taken_emails:
        row.error("email", _("địa chỉ “%(value)s” đã thuộc một tài khoản khác") % {"value": email})


def _check_username(row: ImportRow, username: str, lookups: _Lookups) -> bool:
    column = "username" if row.cells.get("username") else "email"
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError:
        message = _("tên đăng nhập “%(value)s” chỉ được gồm chữ, số và @ . + - _")
        row.error(column, message % {"value": username})
        return False
    if len(username) > NAME_MAX_LENGTH:
        row.error(column, _("tên đăng nhập dài quá %(max)s ký tự") % {"max": NAME_MAX_LENGTH})
        return False
    if username.lower() in lookups.taken_usernames:
        message = _("tên đăng nhập “%(value)s” đã có người dùng")
        row.error(column, message % {"value": username})
        return False
    return True


def _check_role_and_scope(row: ImportRow, lookups: _Lookups) -> None:
    text = row.cells.get("role", "")
    role = ROLE_ALIASES.get(text.casefold()) or resolve_choice("role", User.Role, text)
    if not text:
        row.error("role", _("không được để trống"))
    elif role is None:
        row.error("role", _("vai trò “%(value)s” không có") % {"value": text})
    row.fields["role"] = role or ""
    if role == User.Role.AGENCY_STAFF:
        row.fields["agency"] = _agency(row, lookups)
    if role == User.Role.COMMUNE_OFFICER:
        row.fields["commune"] = _commune(row, lookups)


def _agency(row: ImportRow, lookups: _Lookups) -> Agency | None:
    code = row.cells.get("agency", "")
    found = lookups.agencies.get(code.casefold(), []) if code else []
    if not code:
        row.error("agency", _("cán bộ cơ quan giúp đỡ cần mã cơ quan"))
    elif not found:
        row.error("agency", _("không có cơ quan “%(value)s”") % {"value": code})
    elif len(found) > 1:
        message = _("“%(value)s” là tên viết tắt của nhiều cơ quan; hãy dùng số của cơ quan")
        row.error("agency", message % {"value": code})
    return found[0] if len(found) == 1 else None


def _commune(row: ImportRow, lookups: _Lookups) -> Commune | None:
    code = row.cells.get("commune", "")
    commune = lookups.communes.get(code)
    if not code:
        row.error("commune", _("cán bộ xã cần mã xã"))
    elif commune is None:
        row.error("commune", _("không có xã mã “%(value)s”") % {"value": code})
    return commune


def _check_duplicates(rows: list[ImportRow]) -> None:
    """A username or an e-mail appears once in the file (in any case)."""
    for key, column in (("username", "username"), ("email", "email")):
        first_row: dict[str, int] = {}
        for row in rows:
            value = (row.fields.get(key) or "").lower()
            if not value:
                continue
            first = first_row.setdefault(value, row.row)
            if first != row.row:
                where = column if row.cells.get(column) else "email"
                message = _("“%(value)s” trùng với dòng %(first)s") % {
                    "value": row.fields[key],
                    "first": first,
                }
                row.error(where, message)


def _check_temporary_passwords(rows: list[ImportRow]) -> None:
    without_email = [row for row in rows if not row.is_invited]
    for row in without_email[MAX_TEMPORARY_PASSWORDS:]:
        message = _(
            "một tệp chỉ được có %(max)s người không có e-mail (mỗi người cần một mật khẩu "
            "tạm); hãy chuyển dòng này sang tệp khác"
        )
        row.error("email", message % {"max": MAX_TEMPORARY_PASSWORDS})
