"""Open redirects: every ``next`` taken from a request stays on this site."""

import re
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.urls import reverse

from ntm_portal.http import safe_next
from ntm_portal.models import Notification

ROOT = Path(__file__).resolve().parents[2]
HOSTILE_NEXT = [
    "https://evil.example",
    "https://evil.example/communes/",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "///evil.example",
    " //evil.example",
    "\x00//evil.example",
    "http:/\\/evil.example",
    "https://testserver.evil.example/",
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    "data:text/html,<script>alert(1)</script>",
]
BAD_IDS = ["abc", "1e3", "-1", "0", "1.5", "1" * 40, str(2**63), "1; DROP TABLE x"]


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_safe_next_refuses_other_sites_and_schemes(target):
    request = RequestFactory().post("/x/", {"next": target})

    assert safe_next(request, "notification_list") == reverse("notification_list")


@pytest.mark.parametrize(
    "target", ["/communes/", "/communes/?q=xu%C3%A2n&page=2", "http://testserver/x/"]
)
def test_safe_next_keeps_a_local_url(target):
    request = RequestFactory().get("/x/", {"next": target})

    assert safe_next(request, "notification_list") == target


def test_safe_next_on_https_refuses_plain_http_to_our_own_host():
    request = RequestFactory().post("/x/", {"next": "http://testserver/communes/"}, secure=True)

    assert safe_next(request, "/") == "/"


@pytest.mark.django_db
@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_marking_read_never_redirects_off_site(client, leader, target):
    client.force_login(leader)

    response = client.post(reverse("notification_mark_read"), {"next": target})

    assert response.status_code == 302
    assert response["Location"] == reverse("notification_list")


@pytest.mark.django_db
def test_marking_read_returns_to_a_local_next(client, leader):
    client.force_login(leader)

    response = client.post(reverse("notification_mark_read"), {"next": "/communes/?page=2"})

    assert response["Location"] == "/communes/?page=2"


@pytest.mark.django_db
@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_a_malformed_notification_id_is_a_400_and_marks_nothing(client, leader, bad_id):
    notification = Notification.objects.create(user=leader, title="Một")
    client.force_login(leader)

    response = client.post(reverse("notification_mark_read"), {"id": bad_id})

    assert response.status_code == 400
    assert "Mã thông báo không hợp lệ." in response.content.decode()
    notification.refresh_from_db()
    assert notification.read_at is None


@pytest.mark.django_db
@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_the_language_switch_never_redirects_off_site(client, target):
    # Django's set_language checks next, then falls back to the Referer: both hostile here.
    response = client.post(
        reverse("set_language"), {"language": "en", "next": target}, HTTP_REFERER=target
    )

    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.django_db
@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_login_never_redirects_off_site(client, leader, target):
    response = client.post(
        f"{reverse('account_login')}?next=/",
        {"login": leader.username, "password": "mat-khau-thu-nghiem", "next": target},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("home")


@pytest.mark.django_db
@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_logout_never_redirects_off_site(client, leader, target):
    client.force_login(leader)

    response = client.post(reverse("account_logout"), {"next": target})

    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")


NEXT_READ = re.compile(r"""(GET|POST|REQUEST|data|query_params)(\.get\(|\[)\s*["']next["']""")


def test_no_app_reads_next_except_through_safe_next():
    # One check for every next: code reading it by hand would bypass safe_next.
    assert NEXT_READ.search('return redirect(request.POST.get("next") or "x")')
    apps = [path.parent for path in ROOT.glob("*/apps.py")]

    offenders = [
        str(path.relative_to(ROOT))
        for app in apps
        for path in app.rglob("*.py")
        if NEXT_READ.search(path.read_text(encoding="utf-8"))
    ]

    assert len(apps) >= 5
    assert offenders == []
