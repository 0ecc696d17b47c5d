"""Browser test: the office invites an agency staff member from the user pages; the invitee
sets a password from the e-mail link, enrols an authenticator app (codes computed with
allauth's own functions), signs in with password and code, and records an activity."""

import datetime as dt
import re
import time

import pytest
from django.core import mail
from playwright.sync_api import expect

from ntm_portal.models import User
from sponsorships.models import SupportActivity
from tests.accounts.factories import current_totp_code
from tests.communes.factories import CommuneFactory
from tests.factories import UserFactory
from tests.sponsorships.factories import AgencyFactory, AssignmentFactory

NEW_PASSWORD = "Xay-dung-NTM-2026!"


def next_totp_code(secret: str, used: str) -> str:
    """A code is accepted once: wait for the authenticator app's next one."""
    while (code := current_totp_code(secret)) == used:
        time.sleep(1)
    return code


def submit(page, name: str) -> None:
    page.get_by_role("main").get_by_role("button", name=name).click()
    page.wait_for_load_state("networkidle")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_invited_staff_member_sets_a_password_enrols_totp_and_records_an_activity(
    live_server, page, settings
):
    # given: Sở Công Thương helps xã Xuân Lạc; the office invites a staff member
    settings.PORTAL_BASE_URL = live_server.url
    agency = AgencyFactory(name="Sở Công Thương", short_name="SCT")
    AssignmentFactory(
        agency=agency, commune=CommuneFactory(name="Xuân Lạc"), start_date=dt.date(2025, 1, 1)
    )
    UserFactory(username="vpdp", role=User.Role.COORDINATION_OFFICE)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("vpdp")
    page.get_by_label("Mật khẩu", exact=True).fill("mat-khau-thu-nghiem")
    submit(page, "Đăng nhập")
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role(
        "link", name="Người dùng"
    ).click()
    page.get_by_role("link", name="Thêm người dùng").click()
    page.get_by_label("Tên đăng nhập").fill("lan.sct")
    page.get_by_label("Họ và tên đệm").fill("Trần Thị")
    page.get_by_label("Tên", exact=True).fill("Lan")
    page.get_by_label("E-mail", exact=True).fill("lan@sct.example.gov.vn")
    page.get_by_label("Vai trò").select_option(User.Role.AGENCY_STAFF)
    # The agency picker: typing fills the short select from the API with the first match chosen.
    page.get_by_role("searchbox", name="Tìm theo tên").fill("Công Thương")
    expect(page.get_by_label("Cơ quan", exact=True)).to_have_value(str(agency.pk))
    submit(page, "Tạo tài khoản")
    assert page.get_by_role("heading", name="Trần Thị Lan").is_visible()
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_load_state("networkidle")
    link = re.search(r"http\S+/accounts/invitation/\S+/", mail.outbox[-1].body).group(0)

    # when: the invitee opens the link and sets a password
    page.goto(link)
    page.get_by_label("Mật khẩu mới", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Xác nhận mật khẩu mới").fill(NEW_PASSWORD)
    submit(page, "Đặt mật khẩu")
    assert page.get_by_text("Đã đặt mật khẩu").is_visible()

    # the link is used up
    page.goto(link)
    assert page.get_by_role("heading", name="Liên kết không dùng được").is_visible()

    # signs in and enrols an authenticator app (allauth asks for the password again first)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("lan.sct")
    page.get_by_label("Mật khẩu", exact=True).fill(NEW_PASSWORD)
    submit(page, "Đăng nhập")
    page.goto(f"{live_server.url}/accounts/2fa/totp/activate/")
    page.get_by_label("Mật khẩu", exact=True).fill(NEW_PASSWORD)
    submit(page, "Xác nhận")
    secret = page.get_by_label("Khóa bí mật của ứng dụng xác thực").input_value()
    enrolment_code = current_totp_code(secret)
    page.get_by_label("Mã xác thực").fill(enrolment_code)
    submit(page, "Bật")
    assert page.get_by_role("heading", name="Mã khôi phục").is_visible()

    # signs out, and in again: the password alone is not enough
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_load_state("networkidle")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("lan.sct")
    page.get_by_label("Mật khẩu", exact=True).fill(NEW_PASSWORD)
    submit(page, "Đăng nhập")
    page.goto(f"{live_server.url}/sponsorships/activities/")
    assert "/sponsorships/" not in page.url  # sent back to sign in, or to the code page
    page.goto(f"{live_server.url}/accounts/2fa/authenticate/")
    page.get_by_label("Mã").fill(next_totp_code(secret, used=enrolment_code))
    submit(page, "Đăng nhập")

    # then: the staff member records an activity from the home page
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role(
        "link", name="Xã tôi giúp đỡ"
    ).click()
    page.wait_for_load_state("networkidle")
    page.get_by_label("Nội dung").fill("Tặng 600 bóng đèn compact tiết kiệm điện")
    page.get_by_label("Giá trị (đồng)").fill("21.000.000")
    submit(page, "Lưu hoạt động")
    assert page.get_by_text("Đã ghi nhận hoạt động").is_visible()
    activity = SupportActivity.objects.get()
    assert (activity.amount, activity.assignment.agency) == (21_000_000, agency)
