"""The client's address, the same for the login lockout, allauth's rate limits and the logs.

Behind the documented proxy every request comes from the proxy's address, so a lockout keyed
on REMOTE_ADDR would let anyone lock any account out everywhere. The proxy appends the address
it saw to X-Forwarded-For; only the entries our own proxies appended can be believed (a client
can send any X-Forwarded-For it likes), so the client is the TRUSTED_PROXY_COUNT-th entry from
the right. Without DJANGO_BEHIND_TLS_PROXY the header is ignored entirely.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    if not settings.BEHIND_TLS_PROXY:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    count = max(settings.TRUSTED_PROXY_COUNT, 1)
    if len(hops) < count:
        return remote
    candidate = hops[-count]
    return candidate if _is_address(candidate) else remote


def _is_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
