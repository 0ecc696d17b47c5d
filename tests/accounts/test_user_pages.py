"""The office's pages for one account: create, the account's page and trail, edit, and the
actions (deactivate, reactivate, password reset, temporary password, unlock, invitation)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccountEvent
from accounts.services.users import user_update
from ntm_portal.models import User
from tests.accounts.factories import account_state
from tests.factories import UserFactory

TEMPORARY = "Tam-thoi-2026!"


def new_user_data(**changes) -> dict:
    return {
        "username": "lan.sct",
        "first_name": "Trần Thị",
        "last_name": "Lan",
        "email": "lan@sct.example.gov.vn",
        "phone": "0209 111",
        "role": User.Role.LEADER,
        "onboarding": "invite",
        **changes,
    }


def edit_data(account: User, **changes) -> dict:
    data = {
        name: getattr(account, name) or ""
        for name in ("username", "first_name", "last_name", "email", "phone", "role")
    }
    data |= {"agency": account.agency_id or "", "commune": account.commune_id or ""}
    return {**data, "version": account.version, **changes}


@pytest.fixture
def office_client(client, coordination_office):
    client.force_login(coordination_office)
    return client


# Create -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_creating_with_an_invitation_leads_to_the_account_page(
    office_client, agency_a, django_capture_on_commit_callbacks
):
    data = new_user_data(role=User.Role.AGENCY_STAFF, agency=agency_a.pk)

    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.post(reverse("accounts:user_create"), data, follow=True)

    account = User.objects.get(username="lan.sct")
    assert response.redirect_chain[-1][0] == reverse("accounts:user_detail", args=[account.pk])
    assert (account.role, account.agency) == (User.Role.AGENCY_STAFF, agency_a)
    page = response.content.decode()
    assert "và gửi thư mời tới lan@sct.example.gov.vn" in page
    assert "Chưa nhận lời mời" in page
    assert mail.outbox[0].to == ["lan@sct.example.gov.vn"]


@pytest.mark.django_db
def test_creating_with_a_temporary_password_says_to_hand_it_over(office_client, commune_a):
    data = new_user_data(
        email="",
        role=User.Role.COMMUNE_OFFICER,
        commune=commune_a.pk,
        onboarding="temporary_password",
        temporary_password=TEMPORARY,
    )

    response = office_client.post(reverse("accounts:user_create"), data, follow=True)

    account = User.objects.get(username="lan.sct")
    assert account.must_change_password
    assert account.check_password(TEMPORARY)
    assert "phải đổi mật khẩu ở lần đăng nhập đầu tiên" in response.content.decode()
    assert mail.outbox == []
    assert TEMPORARY not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"email": ""}, "email", "Cần địa chỉ e-mail để gửi thư mời"),
        ({"onboarding": "temporary_password"}, "temporary_password", "Hãy nhập mật khẩu tạm."),
        ({"role": User.Role.AGENCY_STAFF}, "agency", "phải thuộc một cơ quan"),
        ({"role": User.Role.COMMUNE_OFFICER}, "commune", "Cán bộ xã phải thuộc một xã."),
        ({"username": "OFFICE"}, "username", "Tên đăng nhập này đã có người dùng."),
        (
            {"onboarding": "temporary_password", "temporary_password": "12345678"},
            "temporary_password",
            "Mật khẩu này quá phổ biến.",
        ),
    ],
)
def test_a_refused_account_is_explained_on_its_field(office_client, changes, field, message):
    state = account_state()

    response = office_client.post(reverse("accounts:user_create"), new_user_data(**changes))

    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert account_state() == state


@pytest.mark.django_db
def test_the_create_form_offers_no_superuser_or_staff_field(office_client):
    response = office_client.post(
        reverse("accounts:user_create"), new_user_data(is_superuser="on", is_staff="on")
    )

    assert response.status_code == 302
    account = User.objects.get(username="lan.sct")
    assert (account.is_superuser, account.is_staff) == (False, False)
    assert "is_superuser" not in office_client.get(reverse("accounts:user_create")).content.decode()


# The account's page -------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_account_page_shows_facts_and_the_trail_with_role_labels(
    office_client, coordination_office, agency_a
):
    with time_machine.travel(dt.datetime(2026, 12, 1, 1, 30, tzinfo=dt.UTC), tick=False):
        account = UserFactory(username="lan", role=User.Role.LEADER, phone="0209 111")
        user_update(
            user=account,
            actor=coordination_office,
            expected_version=account.version,
            role=User.Role.AGENCY_STAFF,
            agency=agency_a,
        )

    page = office_client.get(reverse("accounts:user_detail", args=[account.pk])).content.decode()

    assert page.count("<h1>") == 1
    assert "0209 111" in page
    assert "01/12/2026 08:30" in page  # Hà Nội time
    assert "Lãnh đạo (chỉ xem) → Cán bộ cơ quan giúp đỡ" in page
    assert f"— → {agency_a}" in page
    assert str(coordination_office) in page
    assert "Sửa thông tin" in page
    assert "Khóa tài khoản" in page


@pytest.mark.django_db
def test_a_locked_account_shows_until_when_and_the_unlock_button(office_client):
    account = UserFactory(username="khoa")
    attempt = AccessAttempt.objects.create(
        username="khoa",
        ip_address="203.0.113.9",
        user_agent="test",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
    )  # attempt_time: now (axes sets it)
    cool_off = dt.timedelta(hours=settings.AXES_COOLOFF_TIME)
    until = timezone.localtime(attempt.attempt_time + cool_off)

    page = office_client.get(reverse("accounts:user_detail", args=[account.pk]))

    html = page.content.decode()
    assert "Bị khóa đăng nhập đến" in html
    assert until.strftime("%H:%M %d/%m/%Y") in html
    assert reverse("accounts:user_unlock", args=[account.pk]) in html


@pytest.mark.django_db
def test_a_superuser_page_is_read_only_for_the_office(office_client):
    root = UserFactory(username="root", is_superuser=True, role="")

    page = office_client.get(reverse("accounts:user_detail", args=[root.pk])).content.decode()

    assert "chỉ xem, không sửa được" in page
    assert reverse("accounts:user_update", args=[root.pk]) not in page
    assert '<form method="post"' not in page.split("<main")[1]


@pytest.mark.django_db
def test_my_own_page_offers_no_access_change(office_client, coordination_office):
    url = reverse("accounts:user_detail", args=[coordination_office.pk])

    page = office_client.get(url).content.decode()

    assert reverse("accounts:user_deactivate", args=[coordination_office.pk]) not in page
    assert reverse("accounts:user_update", args=[coordination_office.pk]) in page


@pytest.mark.django_db
def test_the_trail_is_paginated(office_client, coordination_office):
    account = UserFactory()
    for _ in range(25):
        AccountEvent.objects.create(user=account, actor=coordination_office, action="updated")
    url = reverse("accounts:user_detail", args=[account.pk])

    first = office_client.get(url)
    second = office_client.get(url, {"page": 2})

    assert len(first.context["page_obj"]) == 20
    assert len(second.context["page_obj"]) == 5


# Edit ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_edit_saves_and_is_on_the_trail(office_client, agency_a):
    account = UserFactory(role=User.Role.LEADER)
    url = reverse("accounts:user_update", args=[account.pk])

    response = office_client.post(
        url, edit_data(account, role=User.Role.AGENCY_STAFF, agency=agency_a.pk)
    )

    assert response.status_code == 302
    account.refresh_from_db()
    assert (account.role, account.agency, account.version) == ("agency_staff", agency_a, 2)
    assert AccountEvent.objects.filter(user=account, action="updated").exists()


@pytest.mark.django_db
def test_a_stale_edit_shows_the_conflict_and_the_stored_values(office_client, coordination_office):
    account = UserFactory(role=User.Role.LEADER, phone="0209 111")
    stale = edit_data(account, phone="0209 999")
    user_update(user=account, actor=coordination_office, expected_version=1, phone="0209 222")
    state = account_state()

    response = office_client.post(reverse("accounts:user_update", args=[account.pk]), stale)

    page = response.content.decode()
    assert response.status_code == 200
    assert "người khác cập nhật" in page
    assert "Bản đang lưu trong hệ thống" in page
    assert "0209 222" in page
    assert account_state() == state
    assert User.objects.get(pk=account.pk).phone == "0209 222"


@pytest.mark.django_db
def test_editing_myself_offers_no_role_or_scope_and_ignores_them(
    office_client, coordination_office, agency_a
):
    me = coordination_office
    url = reverse("accounts:user_update", args=[me.pk])

    form_page = office_client.get(url).content.decode()
    response = office_client.post(
        url, edit_data(me, phone="0912", role=User.Role.AGENCY_STAFF, agency=agency_a.pk)
    )

    assert 'name="role"' not in form_page
    assert response.status_code == 302
    me.refresh_from_db()
    assert (me.phone, me.role, me.agency) == ("0912", User.Role.COORDINATION_OFFICE, None)


# Actions ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_deactivating_asks_first_then_deactivates(office_client):
    account = UserFactory()
    url = reverse("accounts:user_deactivate", args=[account.pk])

    confirm = office_client.get(url)
    assert User.objects.get(pk=account.pk).is_active
    response = office_client.post(url)

    assert "Người dùng sẽ bị đăng xuất khỏi mọi thiết bị" in confirm.content.decode()
    assert response.status_code == 302
    assert not User.objects.get(pk=account.pk).is_active


@pytest.mark.django_db
def test_reactivating_asks_first_then_reactivates(office_client):
    account = UserFactory(is_active=False)
    url = reverse("accounts:user_reactivate", args=[account.pk])

    assert office_client.get(url).status_code == 200
    office_client.post(url)

    assert User.objects.get(pk=account.pk).is_active


@pytest.mark.django_db
def test_a_password_reset_email_is_sent_from_the_account_page(
    office_client, django_capture_on_commit_callbacks
):
    account = UserFactory(email="lan@example.gov.vn")

    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.post(
            reverse("accounts:user_password_reset", args=[account.pk]), follow=True
        )

    assert "Đã gửi thư đặt lại mật khẩu tới lan@example.gov.vn" in response.content.decode()
    assert mail.outbox[0].to == ["lan@example.gov.vn"]


@pytest.mark.django_db
def test_an_action_that_cannot_help_says_why_on_the_page(office_client):
    account = UserFactory(email="")

    response = office_client.post(
        reverse("accounts:user_password_reset", args=[account.pk]), follow=True
    )

    assert "chưa có địa chỉ e-mail" in response.content.decode()
    assert not AccountEvent.objects.exists()


@pytest.mark.django_db
def test_the_invitation_is_sent_again_from_the_account_page(
    office_client, django_capture_on_commit_callbacks
):
    account = UserFactory(email="moi@example.gov.vn", password=None)

    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.post(
            reverse("accounts:user_invitation", args=[account.pk]), follow=True
        )

    assert "Đã gửi lại thư mời tới moi@example.gov.vn" in response.content.decode()
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_temporary_password_is_set_from_its_page(office_client):
    account = UserFactory()
    url = reverse("accounts:user_temporary_password", args=[account.pk])

    assert office_client.get(url).status_code == 200
    response = office_client.post(url, {"password": TEMPORARY})

    assert response.status_code == 302
    account.refresh_from_db()
    assert account.must_change_password
    assert account.check_password(TEMPORARY)


@pytest.mark.django_db
def test_a_weak_temporary_password_is_refused_on_its_page(office_client):
    account = UserFactory()

    response = office_client.post(
        reverse("accounts:user_temporary_password", args=[account.pk]), {"password": "123"}
    )

    assert response.status_code == 200
    assert "Mật khẩu quá ngắn" in response.content.decode()
    assert not User.objects.get(pk=account.pk).must_change_password


@pytest.mark.django_db
def test_unlocking_from_the_account_page(office_client):
    account = UserFactory(username="khoa")
    AccessAttempt.objects.create(
        username="khoa",
        ip_address="203.0.113.9",
        user_agent="test",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
    )

    response = office_client.post(reverse("accounts:user_unlock", args=[account.pk]), follow=True)

    assert "Đã mở khóa đăng nhập" in response.content.decode()
    assert not AccessAttempt.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("events", [1, 20])
def test_the_account_page_runs_the_same_queries_for_a_short_or_long_trail(
    office_client, coordination_office, events, django_assert_max_num_queries
):
    account = UserFactory()
    for _ in range(events):
        AccountEvent.objects.create(user=account, actor=coordination_office, action="updated")

    # session, user, notifications, the account (+ lock/2FA subqueries), count, events page
    with django_assert_max_num_queries(6):
        response = office_client.get(reverse("accounts:user_detail", args=[account.pk]))

    assert len(response.context["page_obj"]) == events
