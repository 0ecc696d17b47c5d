"""Self-service: my profile, and the invitation page where a new user sets a password."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from accounts.forms import InvitationAcceptForm, ProfileForm
from accounts.services.invitations import invitation_accept, invitation_user
from accounts.services.users import user_profile_update
from ntm_portal.models import User
from sponsorships.views._access import add_service_errors


@require_http_methods(["GET", "POST"])
def profile_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm(request.POST or None, instance=user, initial={"version": user.version})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        # The form has already written the typed values on its instance: the service is
        # given the stored account, so it sees (and records) what changed.
        stored = User.objects.get(pk=user.pk)
        try:
            user_profile_update(user=stored, expected_version=form.cleaned_data["version"], **data)
        except ValidationError as exc:
            user.refresh_from_db()
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu hồ sơ."))
            return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


@never_cache
@login_not_required
@sensitive_post_parameters("new_password1", "new_password2")
@require_http_methods(["GET", "POST"])
def invitation_accept_view(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    user = invitation_user(uidb64=uidb64, token=token)
    if user is None:
        return render(request, "accounts/invitation_invalid.html", status=400)
    form = InvitationAcceptForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation_accept(
                uidb64=uidb64, token=token, password=form.cleaned_data["new_password1"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Đã đặt mật khẩu. Hãy đăng nhập bằng tên đăng nhập và mật khẩu mới.")
            )
            return redirect("account_login")
    return render(request, "accounts/invitation_accept.html", {"form": form, "invited": user})
