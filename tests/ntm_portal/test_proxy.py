"""The client's address: the proxy's header is believed only behind the documented proxy."""

import pytest
from django.test import RequestFactory

from ntm_portal.proxy import client_ip


@pytest.mark.parametrize(
    ("behind", "count", "forwarded", "expected"),
    [
        (False, 1, "203.0.113.9", "10.0.0.1"),
        (True, 1, "203.0.113.9", "203.0.113.9"),
        (True, 1, "1.2.3.4, 203.0.113.9", "203.0.113.9"),  # the client's own claim is ignored
        (True, 2, "1.2.3.4, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
        (True, 2, "203.0.113.9", "10.0.0.1"),  # fewer hops than proxies: no guess
        (True, 1, "", "10.0.0.1"),
        (True, 1, "not-an-address", "10.0.0.1"),
        (True, 1, "2001:db8::1", "2001:db8::1"),
        (True, 1, " 203.0.113.9 ,", "203.0.113.9"),
    ],
)
def test_client_ip(settings, behind, count, forwarded, expected):
    settings.BEHIND_TLS_PROXY = behind
    settings.TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)

    assert client_ip(request) == expected
