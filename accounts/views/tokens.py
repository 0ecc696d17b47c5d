"""My API tokens (every role): list, create (the token is shown once), revoke.

The page that shows a new token is the answer to the POST itself, never a redirect: the plain
token then exists only in that one response (not in the session, the messages or a URL), and
the response is not cached.
"""

from __future__ import annotations

from allauth.account.decorators import reauthentication_required
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from knox.settings import knox_settings

from accounts.selectors_tokens import api_token_get, api_token_list
from accounts.services.tokens import NAME_MAX_LENGTH, api_token_create, api_token_revoke
from sponsorships.views._access import add_service_errors


class ApiTokenCreateForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Tên mã"),
        max_length=NAME_MAX_LENGTH,
        help_text=gettext_lazy("Để nhận ra mã sau này, ví dụ: tên máy hoặc chương trình dùng nó."),
    )
    expires_in_days = forms.IntegerField(
        label=gettext_lazy("Hết hạn sau (ngày)"),
        min_value=1,
        max_value=settings.API_TOKEN_MAX_DAYS,
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("initial", {"expires_in_days": knox_settings.TOKEN_TTL.days})
        super().__init__(*args, **kwargs)
        self.fields["expires_in_days"].widget.attrs.update(
            {"min": 1, "max": settings.API_TOKEN_MAX_DAYS}
        )


@never_cache
@require_http_methods(["GET", "POST"])
# A token acts for the user for up to a year: creating one asks for the password again
# (allauth's re-authentication, as for a second factor), listing does not.
@reauthentication_required(allow_get=True)
def token_list_view(request: HttpRequest) -> HttpResponse:
    form = ApiTokenCreateForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            created = api_token_create(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            form = ApiTokenCreateForm()
    context = {
        "tokens": list(api_token_list(user=request.user)),
        "form": form,
        "created": created and created[0],
        "plain_token": created and created[1],
        "now": timezone.now(),
    }
    return render(request, "accounts/token_list.html", context)


@require_http_methods(["GET", "POST"])
def token_revoke_view(request: HttpRequest, key: str) -> HttpResponse:
    token = api_token_get(user=request.user, key=key)
    if request.method == "POST":
        try:
            api_token_revoke(user=request.user, token_id=token.token_key)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("Đã thu hồi mã API “%(name)s”: mã không dùng được nữa.") % {"name": token},
            )
        return redirect("accounts:token_list")
    return render(request, "accounts/token_confirm_revoke.html", {"token": token})
