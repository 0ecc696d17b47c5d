"""The main pages against axe-core (vendored, injected by Playwright) at 1366 px and 390 px:
no serious or critical violation; and at 390 px no page scrolls sideways.

The pages are those of the demo province (load_demo). PAGES is the one list: add a page with
its label, the login that opens it, its URL name and, for a page about one object, how to find
that object.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from communes.models import Commune
from criteria.models import Assessment, CriteriaSet, Criterion, Indicator
from ntm_portal.demo import DEMO_PASSWORD
from ntm_portal.models import User
from sponsorships.models import Agency, Assignment, MonthlyReport, SupportActivity

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WIDTHS = {"desktop": (1366, 900), "phone": (390, 844)}
BLOCKING = {"serious", "critical"}


@dataclass(frozen=True)
class Page:
    label: str
    login: str | None  # a demo login; None: opened logged out
    url_name: str
    find: Callable[[], Any] | None = None  # the object of a page about one object

    def path(self) -> str:
        args = [self.find().pk] if self.find else []
        return reverse(self.url_name, args=args)


def _xuan_lac() -> Commune:
    return Commune.objects.get(code="02023")


def _sct_assignment() -> Assignment:
    return Assignment.objects.filter(agency__short_name="SCT").order_by("-start_date").first()


def _open_report() -> MonthlyReport:
    return MonthlyReport.objects.filter(
        assignment__agency__short_name="SCT", status__in=["draft", "returned"]
    ).first()


PAGES = [
    Page("đăng nhập", None, "account_login"),
    Page("tổng quan tỉnh", "vpdp", "dashboards:province_overview"),
    Page("việc cần làm", "vpdp", "dashboards:action_list"),
    Page("tổng quan toàn quốc", "vpdp", "dashboards:national_overview"),
    Page("một huyện", "vpdp", "dashboards:district_detail", lambda: _xuan_lac().district),
    Page(
        "một tiêu chí toàn tỉnh",
        "lanhdao",
        "dashboards:criterion_detail",
        lambda: (
            Criterion.objects.filter(criteria_set__assessments__isnull=False)
            .order_by("number")
            .first()
        ),
    ),
    Page(
        "một chỉ tiêu toàn tỉnh",
        "lanhdao",
        "dashboards:indicator_detail",
        lambda: (
            Indicator.objects.filter(criterion__criteria_set__assessments__isnull=False)
            .order_by("criterion__number", "position")
            .first()
        ),
    ),
    Page("danh sách xã", "vpdp", "communes:commune_list"),
    Page("trang xã", "vpdp", "communes:commune_detail", _xuan_lac),
    Page("nhập đánh giá", "xuanlac", "criteria:assessment_create", _xuan_lac),
    Page(
        "chi tiết đánh giá",
        "vpdp",
        "criteria:assessment_detail",
        lambda: Assessment.objects.filter(commune__code="02023").order_by("-period").first(),
    ),
    Page("bộ tiêu chí", "vpdp", "criteria:criteria_set_list"),
    Page("một bộ tiêu chí", "vpdp", "criteria:criteria_set_detail", CriteriaSet.objects.first),
    Page("nhập đánh giá từ Excel", "vpdp", "criteria:assessment_import"),
    Page("nạp bộ tiêu chí từ bảng tính", "vpdp", "criteria:criteria_set_import"),
    Page("hoạt động hỗ trợ", "vpdp", "sponsorships:activity_list"),
    Page("ghi nhận hoạt động", "sct", "sponsorships:activity_create", _sct_assignment),
    Page("một hoạt động", "vpdp", "sponsorships:activity_detail", SupportActivity.objects.first),
    Page("tổng hợp hoạt động", "vpdp", "sponsorships:activity_totals"),
    Page("cơ quan giúp đỡ", "vpdp", "sponsorships:agency_list"),
    Page(
        "một cơ quan",
        "vpdp",
        "sponsorships:agency_detail",
        lambda: Agency.objects.get(short_name="SCT"),
    ),
    Page("phân công", "vpdp", "sponsorships:assignment_list"),
    Page("một phân công", "vpdp", "sponsorships:assignment_detail", _sct_assignment),
    Page("xã chưa có cơ quan giúp đỡ", "vpdp", "sponsorships:communes_without_sponsor"),
    Page("xã tôi giúp đỡ", "sct", "sponsorships:staff_home"),
    Page("báo cáo tháng", "vpdp", "sponsorships:monthly_report_list"),
    Page(
        "một báo cáo tháng",
        "vpdp",
        "sponsorships:monthly_report_detail",
        lambda: MonthlyReport.objects.exclude(status="draft").first(),
    ),
    Page("báo cáo tháng của cơ quan", "sct", "sponsorships:monthly_report_detail", _open_report),
    Page("sửa báo cáo tháng", "sct", "sponsorships:monthly_report_update", _open_report),
    Page("tình hình nộp báo cáo", "vpdp", "sponsorships:monthly_report_completeness"),
    Page("báo cáo tổng hợp tỉnh", "vpdp", "sponsorships:province_report"),
    Page("người dùng", "vpdp", "accounts:user_list"),
    Page(
        "một người dùng",
        "vpdp",
        "accounts:user_detail",
        lambda: User.objects.get(username="sct"),
    ),
    Page("hồ sơ của tôi", "lanhdao", "accounts:profile"),
    Page("thông báo", "vpdp", "notification_list"),
    Page("tệp xuất", "vpdp", "exports:list"),
]

AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ")),
  }));
}"""


@pytest.fixture
def demo(transactional_db, settings):
    settings.DEBUG = True  # load_demo gives the demo logins their password only then
    call_command("load_demo", stdout=StringIO())
    settings.DEBUG = False


@pytest.fixture
def visit(demo, live_server, browser):
    """Open each page as its login, in one browser context per login; yields (page, response)."""
    contexts: dict[str | None, Any] = {}

    def open_page(target: Page, width: int, height: int):
        if target.login not in contexts:
            contexts[target.login] = _context(browser, live_server.url, target.login)
        tab = contexts[target.login]
        tab.set_viewport_size({"width": width, "height": height})
        response = tab.goto(f"{live_server.url}{target.path()}")
        tab.wait_for_load_state("networkidle")
        return tab, response

    yield open_page
    for tab in contexts.values():
        tab.context.close()


def _context(browser, base_url: str, login: str | None):
    tab = browser.new_context(locale="vi-VN").new_page()
    if login:
        tab.goto(f"{base_url}/login/")
        tab.get_by_label("Tên đăng nhập").fill(login)
        tab.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
        tab.get_by_role("button", name="Đăng nhập").click()
        tab.wait_for_load_state("networkidle")
    return tab


def blocking_violations(tab) -> list[dict]:
    if not tab.evaluate("typeof axe !== 'undefined'"):
        tab.evaluate(AXE.read_text())  # evaluated by the test, so the page's CSP does not apply
    return [v for v in tab.evaluate(AXE_RUN) if v["impact"] in BLOCKING]


@pytest.mark.e2e
@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_main_pages_have_no_serious_accessibility_violation(visit, width):
    found = {}
    for target in PAGES:
        tab, response = visit(target, *WIDTHS[width])
        assert response.status == 200, target.label
        violations = blocking_violations(tab)
        if violations:
            found[target.label] = violations

    assert found == {}


@pytest.mark.e2e
def test_no_main_page_scrolls_sideways_on_a_phone(visit):
    too_wide = {}
    for target in PAGES:
        tab, _response = visit(target, *WIDTHS["phone"])
        width = tab.evaluate("document.documentElement.scrollWidth")
        if width > WIDTHS["phone"][0]:
            too_wide[target.label] = width

    assert too_wide == {}


@pytest.mark.e2e
def test_the_harness_reports_what_axe_finds(page):
    # A box that scrolls sideways and cannot be focused: what the tables were at 390 px.
    page.set_content(
        '<html lang="vi"><head><title>x</title></head><body><main>'
        '<div style="width:100px;overflow-x:auto"><table><tr><td style="white-space:nowrap">'
        "Xã Xuân Lạc, huyện Chợ Đồn: 12/19 tiêu chí đạt</td></tr></table></div>"
        '<img src="anh.png"></main></body></html>'
    )

    found = {v["id"] for v in blocking_violations(page)}

    assert {"image-alt", "scrollable-region-focusable"} <= found
    assert page.evaluate("axe.version") == "4.14.1"
