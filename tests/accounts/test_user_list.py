"""The office's list of accounts: what a row shows, search, filters, sorting, query count."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse

from accounts.filters import UserFilterSet
from accounts.selectors import user_list
from ntm_portal.models import User
from tests.factories import UserFactory

NOW = dt.datetime(2026, 12, 1, 3, 0, tzinfo=dt.UTC)  # 10:00 in Hà Nội
URL = "/accounts/users/"


def lock(user: User) -> None:
    AccessAttempt.objects.create(
        username=user.username,
        ip_address="203.0.113.9",
        user_agent="test",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
    )


def enrol(user: User) -> None:
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={})


def listed(office: User, **params: str) -> list[str]:
    filterset = UserFilterSet(params, queryset=user_list(user=office))
    assert filterset.is_valid(), filterset.errors
    return [user.username for user in filterset.qs]


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_a_row_shows_role_scope_status_second_factor_and_last_login(
    client, coordination_office, agency_a
):
    lan = UserFactory(
        username="lan",
        first_name="Trần Thị",
        last_name="Lan",
        role=User.Role.AGENCY_STAFF,
        agency=agency_a,
        is_active=False,
        must_change_password=True,
        last_login=NOW - dt.timedelta(days=2),
    )
    lock(lan)
    enrol(lan)
    UserFactory(username="moi", password=None, role=User.Role.LEADER)  # not yet invited in
    client.force_login(coordination_office)

    page = client.get(URL).content.decode()

    row = page[page.index("Trần Thị Lan") :].split("</tr>")[0]
    assert f"Cán bộ cơ quan giúp đỡ · {agency_a}" in row
    for badge in ("Ngừng hoạt động", "Bị khóa đăng nhập", "Phải đổi mật khẩu"):
        assert badge in row
    assert "<td>Có</td>" in row
    assert "29/11/2026 10:00" in row
    invited_row = page[page.index(">moi<") :].split("</tr>")[0]
    assert "Chưa nhận lời mời" in invited_row
    assert "Chưa đăng nhập" in invited_row
    assert "3 người dùng" in page


@pytest.mark.django_db
def test_search_ignores_accents_and_case_and_reads_username_email_and_phone(
    coordination_office,
):
    UserFactory(username="lan", first_name="Trần Thị", last_name="Lan", phone="0912 345")
    UserFactory(username="dung", first_name="Đỗ Văn", last_name="Dũng", email="dvd@so.gov.vn")

    assert listed(coordination_office, q="tran lan") == ["lan"]
    assert listed(coordination_office, q="DO DUNG") == ["dung"]
    assert listed(coordination_office, q="dvd@so") == ["dung"]
    assert listed(coordination_office, q="0912") == ["lan"]
    assert listed(coordination_office, q="lan dung") == []


@pytest.mark.django_db
def test_filters_by_role_agency_commune_and_active(
    coordination_office, agency_staff, other_agency_staff, commune_officer, agency_a, commune_a
):
    UserFactory(username="cu", role=User.Role.LEADER, is_active=False)

    assert sorted(listed(coordination_office, role="agency_staff")) == ["staff_a", "staff_b"]
    assert listed(coordination_office, agency=str(agency_a.pk)) == ["staff_a"]
    assert listed(coordination_office, commune=str(commune_a.pk)) == ["officer_a"]
    assert listed(coordination_office, is_active="false") == ["cu"]


@pytest.mark.django_db
def test_filters_by_lock_and_second_factor(coordination_office):
    locked = UserFactory(username="khoa")
    enrolled = UserFactory(username="co2fa")
    lock(locked)
    enrol(enrolled)

    assert listed(coordination_office, is_locked="true") == ["khoa"]
    assert listed(coordination_office, has_mfa="true") == ["co2fa"]
    assert "co2fa" not in listed(coordination_office, has_mfa="false")


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_filters_by_last_login_and_sorts_with_never_last(coordination_office):
    UserFactory(username="gan", last_login=NOW - dt.timedelta(days=3))
    UserFactory(username="xa", last_login=NOW - dt.timedelta(days=45))
    UserFactory(username="chua", last_login=None)
    coordination_office.last_login = NOW
    coordination_office.save()

    assert listed(coordination_office, last_login="never") == ["chua"]
    assert sorted(listed(coordination_office, last_login="recent")) == ["gan", "office"]
    assert listed(coordination_office, last_login="older") == ["xa"]
    assert listed(coordination_office, sort="-last_login") == ["office", "gan", "xa", "chua"]
    assert listed(coordination_office, sort="last_login") == ["xa", "gan", "office", "chua"]


@pytest.mark.django_db
def test_sorts_by_given_name_by_default_and_by_creation(coordination_office):
    coordination_office.last_name = "Yến"
    coordination_office.save()
    with time_machine.travel(NOW, tick=False):
        UserFactory(username="an", first_name="Nguyễn Văn", last_name="An")
    with time_machine.travel(NOW + dt.timedelta(days=1), tick=False):
        UserFactory(username="binh", first_name="Âu Thị", last_name="Bình")

    assert listed(coordination_office) == ["an", "binh", "office"]
    assert listed(coordination_office, sort="-created")[:2] == ["binh", "an"]


@pytest.mark.django_db
def test_a_bad_filter_value_shows_an_error_and_no_rows(client, coordination_office):
    client.force_login(coordination_office)

    response = client.get(URL, {"is_locked": "maybe"})

    assert response.status_code == 200
    assert "Bộ lọc chưa hợp lệ" in response.content.decode()
    assert list(response.context["accounts"]) == []


@pytest.mark.django_db
def test_no_match_says_so(client, coordination_office):
    client.force_login(coordination_office)

    page = client.get(URL, {"q": "khong-ai-ten-nay"}).content.decode()

    assert "Không có người dùng nào khớp bộ lọc." in page


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 30])
def test_the_list_page_runs_the_same_queries_for_one_or_many_rows(
    client, coordination_office, agency_a, commune_a, extra, django_assert_max_num_queries
):
    for n in range(extra):
        user = UserFactory(
            role=User.Role.AGENCY_STAFF if n % 2 else User.Role.COMMUNE_OFFICER,
            agency=agency_a if n % 2 else None,
            commune=None if n % 2 else commune_a,
        )
        lock(user)
        enrol(user)
    client.force_login(coordination_office)

    # session, user, notifications, count, page (+ lock/2FA subqueries), agencies, communes
    with django_assert_max_num_queries(7):
        response = client.get(URL, {"sort": "-last_login"})

    assert response.status_code == 200
    assert len(response.context["accounts"]) == extra + 1


@pytest.mark.django_db
def test_the_office_sees_the_users_link_and_others_do_not(as_role):
    office, _user = as_role("coordination_office")
    assert 'href="/accounts/users/"' in office.get("/dashboards/").content.decode()
    office.logout()

    leader, _user = as_role("leader")
    assert 'href="/accounts/users/"' not in leader.get("/dashboards/").content.decode()


def test_the_list_is_at_its_documented_address():
    assert reverse("accounts:user_list") == URL
