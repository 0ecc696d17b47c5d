"""Meta-test: walk every URL pattern and check that nothing is accidentally public.

Anonymous GET of an HTML page → redirect to the login page; of an API route → 401/403.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

PUBLIC = {"account_login", "set_language", "api_schema", "api_docs", "health"}
# Pages a signed-out person needs: forgotten password, an invitation, and allauth's closed
# sign-up and e-mail pages (they say what is not possible, and show no data).
PUBLIC_ACCOUNT_PAGES = {
    "login",  # the old address: a redirect to account_login
    "account_inactive",
    "account_signup",
    "account_email_verification_sent",
    "account_confirm_email",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "invitation_accept",
}
# Public API operations: the token endpoint takes a username and password (a GET is a 405).
PUBLIC_API = {"token-obtain"}
SKIPPED_PREFIXES = ("admin/",)  # the admin has its own login redirect
NAMED_GROUP = re.compile(r"\(\?P<\w+>[^)]*\)")
CONVERTER = re.compile(r"<(?:\w+:)?\w+>")


def concrete(pattern) -> str:
    text = str(pattern)
    if hasattr(pattern, "regex") and text.startswith("^"):
        text = NAMED_GROUP.sub("1", text)
        text = text.lstrip("^").rstrip("$").replace("\\", "").replace("/?", "/")
    return CONVERTER.sub("1", text)


def walk(patterns, prefix=""):
    for entry in patterns:
        path = prefix + concrete(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, path)
        elif isinstance(entry, URLPattern):
            yield "/" + path, entry.name


def all_routes():
    routes = []
    for path, name in walk(get_resolver().url_patterns):
        if (
            path.lstrip("/").startswith(SKIPPED_PREFIXES)
            or name in PUBLIC | PUBLIC_ACCOUNT_PAGES | PUBLIC_API
        ):
            continue
        if "format" in path or "(" in path or "[" in path:
            continue
        routes.append(pytest.param(path, id=f"{name}:{path}"))
    return routes


@pytest.mark.django_db
@pytest.mark.parametrize("path", all_routes())
def test_anonymous_is_sent_to_login_or_refused(client, path):
    response = client.get(path)

    if path.startswith("/api/"):
        assert response.status_code in (401, 403), response.status_code
    else:
        assert response.status_code == 302, response.status_code
        assert response.url.startswith("/accounts/login/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", sorted(PUBLIC - {"set_language", "health"})
)  # health: tests/ntm_portal/test_health.py
def test_public_routes_are_only_the_login_and_api_docs(client, name):
    from django.urls import reverse

    response = client.get(reverse(name))

    assert response.status_code == 200
