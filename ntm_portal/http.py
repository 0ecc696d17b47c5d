"""HTTP helpers shared by every app's views."""

from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, default: str, field: str = "next") -> str:
    """The URL in the request's ``next`` field if it stays on this site, else ``default``.

    ``default`` is a URL name or path. The check is Django's own (as in its LoginView): our
    host only, and an HTTPS page never sends the user on to plain HTTP. Callers redirect with
    ``HttpResponseRedirect``, not ``redirect()``, so a ``next`` is never resolved as a URL name.
    """
    target = request.POST.get(field) or request.GET.get(field)
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(default)
