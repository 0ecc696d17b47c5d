"""The coordination office's user pages: the list, a new account, one account (facts, status,
actions, trail), edit, deactivate / reactivate, and the password and lockout actions.

Nobody else lists accounts (403) or opens one (404: accounts.selectors.user_get).
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_POST

from accounts.filters import UserFilterSet
from accounts.forms import TemporaryPasswordForm, UserCreateForm, UserUpdateForm
from accounts.permissions import can_change_user, can_change_user_access, can_manage_users
from accounts.selectors import account_event_list, locked_until, user_get, user_list
from accounts.services import invitations
from accounts.services import users as services
from ntm_portal.concurrency import ConcurrentUpdateError
from ntm_portal.filters import filtered_queryset
from ntm_portal.models import User
from sponsorships.views._access import add_service_errors, paginate, require, role_required

USERS_PER_PAGE = 50
EVENTS_PER_PAGE = 20


@require_GET
@role_required
def user_list_view(request: HttpRequest) -> HttpResponse:
    require(can_manage_users(request.user))
    filterset = UserFilterSet(request.GET, queryset=user_list(user=request.user))
    queryset = filtered_queryset(filterset)
    page = paginate(request, queryset, per_page=USERS_PER_PAGE)
    context = {"filter": filterset, "page_obj": page, "accounts": page.object_list}
    return render(request, "accounts/user_list.html", context)


@sensitive_post_parameters("temporary_password")
@role_required
def user_create_view(request: HttpRequest) -> HttpResponse:
    require(can_manage_users(request.user))
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account = services.user_create(actor=request.user, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _created_message(account))
            return redirect("accounts:user_detail", pk=account.pk)
    return render(request, "accounts/user_form.html", {"form": form})


@require_GET
@role_required
def user_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    account = user_get(user=request.user, pk=pk)
    context = {
        "account": account,
        "page_obj": paginate(request, account_event_list(account=account), EVENTS_PER_PAGE),
        "locked_until": locked_until(username=account.username) if account.is_locked else None,
        "can_change": can_change_user(request.user, account),
        "can_change_access": can_change_user_access(request.user, account),
    }
    return render(request, "accounts/user_detail.html", context)


@role_required
def user_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    account = user_get(user=request.user, pk=pk)
    require(can_change_user(request.user, account))
    access = can_change_user_access(request.user, account)
    form = UserUpdateForm(request.POST or None, account=account, can_change_access=access)
    conflict = None
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["version"]
        try:
            services.user_update(
                user=account, actor=request.user, expected_version=version, **form.service_kwargs()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            account = user_get(user=request.user, pk=pk)  # as stored, not as typed
            conflict = account if isinstance(exc, ConcurrentUpdateError) else None
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("accounts:user_detail", pk=account.pk)
    context = {"form": form, "account": account, "conflict": conflict}
    return render(request, "accounts/user_form.html", context)


@role_required
def user_deactivate_view(request: HttpRequest, pk: int) -> HttpResponse:
    account = user_get(user=request.user, pk=pk)
    require(can_change_user_access(request.user, account))
    if request.method == "POST":
        services.user_deactivate(user=account, actor=request.user)
        messages.success(request, _("Đã khóa tài khoản “%(name)s”.") % {"name": account})
        return redirect("accounts:user_detail", pk=account.pk)
    return render(request, "accounts/user_confirm_deactivate.html", {"account": account})


@role_required
def user_reactivate_view(request: HttpRequest, pk: int) -> HttpResponse:
    account = user_get(user=request.user, pk=pk)
    require(can_change_user_access(request.user, account))
    if request.method == "POST":
        services.user_reactivate(user=account, actor=request.user)
        messages.success(request, _("Đã mở lại tài khoản “%(name)s”.") % {"name": account})
        return redirect("accounts:user_detail", pk=account.pk)
    return render(request, "accounts/user_confirm_reactivate.html", {"account": account})


@sensitive_post_parameters("password")
@role_required
def user_temporary_password_view(request: HttpRequest, pk: int) -> HttpResponse:
    account = user_get(user=request.user, pk=pk)
    require(can_change_user(request.user, account))
    form = TemporaryPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        password = form.cleaned_data["password"]
        try:
            services.user_temporary_password_set(
                user=account, actor=request.user, password=password
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _temporary_password_message(account))
            return redirect("accounts:user_detail", pk=account.pk)
    context = {"form": form, "account": account}
    return render(request, "accounts/user_temporary_password.html", context)


@require_POST
@role_required
def user_password_reset_view(request: HttpRequest, pk: int) -> HttpResponse:
    account = user_get(user=request.user, pk=pk)
    require(can_change_user(request.user, account))
    done = _("Đã gửi thư đặt lại mật khẩu tới %(email)s.") % {"email": account.email}
    return _act(request, account, invitations.user_password_reset_send, done)


@require_POST
@role_required
def user_invitation_send_view(request: HttpRequest, pk: int) -> HttpResponse:
    account = user_get(user=request.user, pk=pk)
    require(can_change_user(request.user, account))
    done = _("Đã gửi lại thư mời tới %(email)s; liên kết cũ không còn dùng được.") % {
        "email": account.email
    }
    return _act(request, account, invitations.invitation_send, done)


@require_POST
@role_required
def user_unlock_view(request: HttpRequest, pk: int) -> HttpResponse:
    account = user_get(user=request.user, pk=pk)
    require(can_change_user(request.user, account))
    if services.user_unlock(user=account, actor=request.user):
        messages.success(request, _("Đã mở khóa đăng nhập; người dùng có thể đăng nhập lại."))
    else:
        messages.info(request, _("Tài khoản không bị khóa đăng nhập."))
    return redirect("accounts:user_detail", pk=account.pk)


def _act(
    request: HttpRequest, account: User, service: Callable[..., object], done: str
) -> HttpResponse:
    """Run a one-button action on ``account``; its refusal is said on the account's page."""
    try:
        service(user=account, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("accounts:user_detail", pk=account.pk)


def _created_message(account: User) -> str:
    if account.must_change_password:
        return _(
            "Đã tạo tài khoản “%(name)s” với mật khẩu tạm. Hãy trao mật khẩu tận tay người "
            "dùng; họ sẽ phải đổi mật khẩu ở lần đăng nhập đầu tiên."
        ) % {"name": account}
    return _("Đã tạo tài khoản “%(name)s” và gửi thư mời tới %(email)s.") % {
        "name": account,
        "email": account.email,
    }


def _temporary_password_message(account: User) -> str:
    return _(
        "Đã đặt mật khẩu tạm cho “%(name)s”. Hãy trao mật khẩu này tận tay người dùng; "
        "họ sẽ phải đổi mật khẩu ở lần đăng nhập đầu tiên."
    ) % {"name": account}
