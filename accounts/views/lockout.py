"""What a locked-out login sees: when to try again (django-axes' AXES_LOCKOUT_CALLABLE)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.selectors import locked_until
from ntm_portal.proxy import client_ip


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    username = (credentials or {}).get("username") or request.POST.get("login", "")
    until = locked_until(username=username, ip_address=client_ip(request)) or timezone.now()
    response = render(request, "accounts/locked_out.html", {"locked_until": until}, status=429)
    response["Retry-After"] = str(max(int((until - timezone.now()).total_seconds()), 1))
    return response
