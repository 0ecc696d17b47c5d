"""Responses to a signed-in user carry ``Cache-Control: private, no-store``; others do not."""

import pytest
from django.contrib.sessions.models import Session
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils.cache import patch_cache_control
from rest_framework.test import APIClient

from accounts.models import ApiToken
from ntm_portal.middleware import PrivateCacheMiddleware


def directives(response) -> set[str]:
    header = response.headers.get("Cache-Control", "")
    return {part.strip() for part in header.split(",") if part.strip()}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/dashboards/",
        "/notifications/",
        "/api/v1/communes/",
        "/api/docs/",
        "/no-such-page/",
        "/api/v1/no-such-route/",
    ],
)
def test_every_response_to_a_signed_in_user_is_private_and_not_stored(client, leader, url):
    client.force_login(leader)

    response = client.get(url)

    assert {"private", "no-store"} <= directives(response), (url, response.status_code)


@pytest.mark.django_db
def test_a_token_authenticated_api_call_is_private_and_creates_no_session(leader):
    api = APIClient()
    _token, plain = ApiToken.objects.create(user=leader, name="script")
    api.credentials(HTTP_AUTHORIZATION=f"Token {plain}")

    response = api.get(reverse("communes-api:commune-list"))

    assert response.status_code == 200
    assert {"private", "no-store"} <= directives(response)
    assert "sessionid" not in response.cookies
    assert Session.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/docs/", "/api/schema/", "/api/v1/communes/", "/dashboards/"])
def test_anonymous_responses_are_left_alone(client, url):
    response = client.get(url)

    assert "no-store" not in directives(response)
    assert "private" not in directives(response)


@pytest.mark.django_db
def test_static_files_keep_their_caching_for_a_signed_in_user(client, leader):
    client.force_login(leader)

    response = client.get("/static/css/portal.css")

    assert response.status_code == 200
    assert "no-store" not in directives(response)


def test_a_view_asking_for_public_caching_is_made_private(leader):
    def public_view(request):
        response = HttpResponse("ok")
        patch_cache_control(response, public=True, max_age=600)
        return response

    request = RequestFactory().get("/")
    request.user = leader

    response = PrivateCacheMiddleware(public_view)(request)

    assert "public" not in directives(response)
    assert {"private", "no-store"} <= directives(response)
