"""The coordination office's writes on accounts: create, edit, deactivate, reactivate, unlock.

Every function checks the actor may do it (the pages and the API call the same functions),
validates everything before writing, and records one AccountEvent with what changed.
Accounts are never deleted: history and authorship stay.
"""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import permissions as perms
from accounts.models import AccountEvent
from accounts.services.events import account_event_record
from ntm_portal.concurrency import claim_version
from ntm_portal.models import User

PROFILE_FIELDS = ("first_name", "last_name", "email", "phone")
ACCESS_FIELDS = ("role", "agency", "commune")
USER_FIELDS = ("username", *PROFILE_FIELDS, *ACCESS_FIELDS)
Role = User.Role


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("Bạn không có quyền thay đổi tài khoản này."))


@transaction.atomic
def user_create(
    *, actor: User, temporary_password: str = "", send_invitation: bool = True, **fields: Any
) -> User:
    """A new account: an invitation e-mail (one-time link) or a temporary password."""
    _require(perms.can_manage_users(actor))
    user = User(**_pick(fields))
    _normalise_scope(user)
    user.set_unusable_password()
    _validate(user, temporary_password=temporary_password, inviting=send_invitation)
    if temporary_password:
        user.set_password(temporary_password)
        user.must_change_password = True
    user.save()
    sync_email_address(user)
    changes = {name: [None, _value(user, name)] for name in USER_FIELDS if _value(user, name)}
    account_event_record(
        user=user, actor=actor, action=AccountEvent.Action.CREATED, changes=changes
    )
    if temporary_password:
        _record(user, actor, AccountEvent.Action.TEMPORARY_PASSWORD_SET)
    elif send_invitation:
        from accounts.services.invitations import invitation_send  # invitations build on users

        invitation_send(user=user, actor=actor)
    return user


@transaction.atomic
def user_update(*, user: User, actor: User, expected_version: int, **fields: Any) -> User:
    """The office edits name, contact, role and scope (never its own role or scope)."""
    _require(perms.can_change_user(actor, user))
    fields = _pick(fields)
    before = {name: _value(user, name) for name in USER_FIELDS}
    if any(name in ACCESS_FIELDS for name in fields) and not perms.can_change_user_access(
        actor, user
    ):
        changed = [n for n in ACCESS_FIELDS if n in fields and fields[n] != getattr(user, n)]
        _require(not changed)
    for name, value in fields.items():
        setattr(user, name, value)
    _normalise_scope(user)
    _validate(user)
    claim_version(user, expected_version)
    # Only the edited columns: an instance read earlier must not write back is_active or the
    # password that another service changed meanwhile (those do not move the version).
    user.save(update_fields=[*USER_FIELDS, "version"])
    sync_email_address(user)
    _record_changes(user, actor, AccountEvent.Action.UPDATED, before)
    return user


@transaction.atomic
def user_profile_update(*, user: User, expected_version: int, **fields: Any) -> User:
    """A user edits their own name, e-mail and phone."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"not profile fields: {sorted(unknown)}")
    before = {name: _value(user, name) for name in USER_FIELDS}
    for name, value in fields.items():
        setattr(user, name, value)
    # Role and scope are not the user's to fix: an account without a role (a superuser) still
    # keeps its own contact details.
    _validate(user, check_access=False)
    claim_version(user, expected_version)
    user.save(update_fields=[*PROFILE_FIELDS, "version"])
    sync_email_address(user)
    _record_changes(user, user, AccountEvent.Action.PROFILE_UPDATED, before)
    return user


@transaction.atomic
def user_deactivate(*, user: User, actor: User) -> User:
    """The account can no longer sign in, nor use its tokens; its history stays."""
    _require(perms.can_change_user_access(actor, user))
    if user.is_active:
        User.objects.filter(pk=user.pk).update(is_active=False)
        user.is_active = False
        if not user.has_usable_password():
            # A pending invitation's link dies now, and stays dead after a reactivation.
            user.set_unusable_password()
            user.save(update_fields=["password"])
        user.auth_token_set.all().delete()
        _end_sessions(user)
        _record(user, actor, AccountEvent.Action.DEACTIVATED)
    return user


@transaction.atomic
def user_reactivate(*, user: User, actor: User) -> User:
    _require(perms.can_change_user_access(actor, user))
    if not user.is_active:
        User.objects.filter(pk=user.pk).update(is_active=True)
        user.is_active = True
        _record(user, actor, AccountEvent.Action.REACTIVATED)
    return user


@transaction.atomic
def user_unlock(*, user: User, actor: User) -> int:
    """Clear the login lockout of this username from every address; returns how many."""
    _require(perms.can_change_user(actor, user))
    cleared, _rows = AccessAttempt.objects.filter(username=user.username).delete()
    if cleared:
        _record(user, actor, AccountEvent.Action.UNLOCKED)
    return cleared


@transaction.atomic
def user_temporary_password_set(*, user: User, actor: User, password: str) -> User:
    """For staff without working e-mail: a password the office hands over, changed at first
    login. Ends the user's sessions and tokens (a reset usually means a lost password)."""
    _require(perms.can_change_user(actor, user))
    _check_password(password, user)
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    _end_sessions(user)
    user.auth_token_set.all().delete()
    _record(user, actor, AccountEvent.Action.TEMPORARY_PASSWORD_SET)
    return user


def sync_email_address(user: User) -> None:
    """allauth's address table follows the profile: a password reset reaches only the
    current address, never one the user had before."""
    EmailAddress.objects.filter(user=user).exclude(email__iexact=user.email or "").delete()
    if user.email and not EmailAddress.objects.filter(user=user).exists():
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)


def _end_sessions(user: User) -> None:
    from allauth.usersessions.models import UserSession

    for session in UserSession.objects.filter(user=user):
        session.end()


def _pick(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(USER_FIELDS)
    if unknown:
        # No is_superuser, is_staff or password here: the office cannot grant them.
        raise TypeError(f"unknown user fields: {sorted(unknown)}")
    return fields


def _normalise_scope(user: User) -> None:
    """An agency belongs to agency staff, a commune to a commune officer, nothing to others."""
    if user.role != Role.AGENCY_STAFF:
        user.agency = None
    if user.role != Role.COMMUNE_OFFICER:
        user.commune = None


def _validate(
    user: User, *, temporary_password: str = "", inviting: bool = False, check_access: bool = True
) -> None:
    """Every problem at once, each on its field and with a code (the API answers with it)."""
    errors: dict[str, list[ValidationError]] = {}
    try:
        # The two scope constraints are _scope_errors' job, said on the field that is missing
        # (Django's own message would name the constraint, on top of the form).
        user.full_clean(exclude=["password"], validate_constraints=False)
    except ValidationError as exc:
        errors.update(exc.error_dict)
    if check_access:
        errors.update(_scope_errors(user))
    errors.update(_uniqueness_errors(user))
    if inviting and not temporary_password and not user.email:
        message = _(
            "Cần địa chỉ e-mail để gửi thư mời; nếu cán bộ không có e-mail, hãy đặt mật khẩu tạm."
        )
        errors.setdefault("email", []).append(ValidationError(message, code="email_required"))
    if temporary_password:
        try:
            _check_password(temporary_password, user)
        except ValidationError as exc:
            errors["temporary_password"] = exc.error_list
    if errors:
        raise ValidationError(errors)


def _scope_errors(user: User) -> dict[str, list[ValidationError]]:
    if not user.role:
        return {"role": [ValidationError(_("Hãy chọn vai trò."), code="role_required")]}
    if user.role == Role.AGENCY_STAFF and user.agency_id is None:
        message = _("Cán bộ cơ quan giúp đỡ phải thuộc một cơ quan.")
        return {"agency": [ValidationError(message, code="agency_required")]}
    if user.role == Role.COMMUNE_OFFICER and user.commune_id is None:
        message = _("Cán bộ xã phải thuộc một xã.")
        return {"commune": [ValidationError(message, code="commune_required")]}
    return {}


def _uniqueness_errors(user: User) -> dict[str, list[ValidationError]]:
    others = User.objects.exclude(pk=user.pk)
    errors = {}
    if user.username and others.filter(username__iexact=user.username).exists():
        message = _("Tên đăng nhập này đã có người dùng.")
        errors["username"] = [ValidationError(message, code="username_taken")]
    if user.email and others.filter(email__iexact=user.email).exists():
        message = _("Địa chỉ e-mail này đã thuộc một tài khoản khác.")
        errors["email"] = [ValidationError(message, code="email_taken")]
    return errors


def _check_password(password: str, user: User) -> None:
    validate_password(password, user)


def _value(user: User, name: str) -> Any:
    value = getattr(user, name)
    return str(value) if value is not None and name in ("agency", "commune") else value


def _record(user: User, actor: User | None, action: str) -> None:
    account_event_record(user=user, actor=actor, action=action)


def _record_changes(user: User, actor: User, action: str, before: dict[str, Any]) -> None:
    changes = {
        name: [before[name], _value(user, name)]
        for name in USER_FIELDS
        if before[name] != _value(user, name)
    }
    if changes:
        account_event_record(user=user, actor=actor, action=action, changes=changes)
