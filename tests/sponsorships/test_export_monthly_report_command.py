"""export_monthly_report: the month's reports of a scope as Excel or PDF, from the versions sent;
clear translated errors for a bad period, a scope that does not exist and a month without reports;
nothing left at --out."""

import datetime as dt

import pytest
import time_machine
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from ntm_portal.models import User
from sponsorships.models import MonthlyReportCriterion
from sponsorships.services import monthly_reports as services
from tests.criteria.factories import CriterionFactory
from tests.factories import UserFactory
from tests.pdf_tools import pdf_text, require_pdf_tools
from tests.sponsorships.factories import SupportActivityFactory
from tests.sponsorships.monthly_report_fixtures import local, make_report

pytestmark = pytest.mark.django_db


def submit(report) -> None:
    """Sent through the service on 18/11, so the version the exports read is frozen."""
    staff = UserFactory(role=User.Role.AGENCY_STAFF, agency=report.assignment.agency)
    with time_machine.travel(local(2026, 11, 18, 9), tick=False):
        services.monthly_report_submit(report=report, actor=staff)


@pytest.fixture
def reports(assignment_a, assignment_b):
    submitted = make_report(assignment_a, difficulties="Thiếu vốn đối ứng")
    make_report(assignment_b)
    SupportActivityFactory(assignment=assignment_a, date=dt.date(2026, 11, 5), amount=5_000_000)
    SupportActivityFactory(assignment=assignment_a, date=dt.date(2026, 11, 9), amount=2_500_000)
    SupportActivityFactory(assignment=assignment_a, date=dt.date(2026, 10, 30), amount=9_000_000)
    submit(submitted)
    return submitted


def export(tmp_path, *args):
    out = tmp_path / "bao-cao.xlsx"
    call_command("export_monthly_report", "--period", "2026-11", *args, "--out", str(out))
    return load_workbook(out)


def test_the_province_report_as_excel(tmp_path, reports, agency_a):
    book = export(tmp_path, "--scope", "province", "--format", "xlsx")
    assert book.sheetnames == ["Báo cáo", "Tiêu chí", "Hoạt động", "Tiêu chí theo xã"]
    sheet = book["Báo cáo"]
    assert sheet["A1"].value == "Báo cáo tháng 11/2026 – toàn tỉnh"
    assert sheet.freeze_panes == "A4"
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    by_agency = {row[0]: row for row in rows}
    first = by_agency[agency_a.name]
    assert (first[3], first[4], first[5], first[7], first[8], first[9]) == (
        "Đã gửi",
        1,
        dt.datetime(2026, 11, 18, 9),
        2,
        7_500_000,
        "Thiếu vốn đối ứng",
    )
    assert len(rows) == 2  # agency B's draft is listed as not sent
    assert book["Hoạt động"].max_row == 3  # header + the two November activities


def test_an_activity_recorded_after_sending_does_not_change_the_export(tmp_path, reports):
    SupportActivityFactory(
        assignment=reports.assignment, date=dt.date(2026, 11, 2), amount=40_000_000
    )

    book = export(tmp_path, "--scope", "province", "--format", "xlsx")

    amounts = [row[8] for row in book["Báo cáo"].iter_rows(min_row=4, values_only=True)]
    assert 7_500_000 in amounts
    assert book["Hoạt động"].max_row == 3


def test_the_criteria_sheet_holds_each_report_s_focus_criteria(tmp_path, reports, agency_a):
    criterion = CriterionFactory(number=4, name_vi="Điện")
    reports.assignment.focus_criteria.add(criterion)
    report = make_report(reports.assignment, period=dt.date(2026, 12, 1))
    MonthlyReportCriterion.objects.create(
        report=report, criterion=criterion, progress="Đã thay 600 bóng đèn"
    )
    submit(report)
    out = tmp_path / "bao-cao.xlsx"
    call_command(
        "export_monthly_report",
        *("--period", "2026-12", "--scope", f"agency:{agency_a.pk}", "--out", str(out)),
    )
    sheet = load_workbook(out)["Tiêu chí"]
    assert [c.value for c in sheet[1]][:3] == ["Cơ quan", "Xã", "Tiêu chí"]
    assert list(sheet.iter_rows(min_row=2, values_only=True)) == [
        (agency_a.name, "Xã Xuân Lạc", 4, "Điện", "Có", "Chưa đánh giá", "Chưa đánh giá",
         "Đã thay 600 bóng đèn"),
    ]  # fmt: skip


@pytest.mark.parametrize("scope", ["agency", "assignment"])
def test_an_agency_or_assignment_scope_narrows_the_report(tmp_path, reports, scope, agency_a):
    target = agency_a if scope == "agency" else reports.assignment
    book = export(tmp_path, "--scope", f"{scope}:{target.pk}")
    assert [row[0] for row in book["Báo cáo"].iter_rows(min_row=4, values_only=True)] == [
        agency_a.name
    ]


def test_a_district_scope_by_code(tmp_path, reports, commune_a):
    book = export(tmp_path, "--scope", f"district:{commune_a.district.code}")
    assert book["Báo cáo"].max_row == 4


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--period", "11/2026"], "Kỳ báo cáo “11/2026” không hợp lệ"),
        (["--period", "2026-13"], "Kỳ báo cáo “2026-13” không hợp lệ"),
        (["--scope", "district:XX"], "Không có district:XX."),
        (["--scope", "agency:999999"], "Không có agency:999999."),
        (["--scope", "agency:abc"], "Không có agency:abc."),
        (["--scope", "commune:1"], "Phạm vi “commune:1” không hợp lệ"),
        (["--period", "2026-10"], "Không có báo cáo tháng nào của kỳ 10/2026"),
    ],
)
def test_bad_input_is_a_clear_error_and_writes_nothing(tmp_path, reports, args, message):
    options = {"--period": "2026-11", "--scope": "province", "--format": "xlsx"}
    options.update(dict(zip(args[::2], args[1::2], strict=True)))
    out = tmp_path / "bao-cao.out"
    argv = [item for pair in options.items() for item in pair]
    with pytest.raises(CommandError, match=message):
        call_command("export_monthly_report", *argv, "--out", str(out))
    assert list(tmp_path.iterdir()) == []


def test_a_missing_output_folder_is_an_error(tmp_path, reports):
    with pytest.raises(CommandError, match="Không có thư mục"):
        call_command(
            "export_monthly_report", "--period", "2026-11", "--out", str(tmp_path / "x" / "a.xlsx")
        )


@pytest.mark.pdf
def test_one_assignment_s_report_as_pdf(tmp_path, reports):
    require_pdf_tools()
    out = tmp_path / "bao-cao.pdf"
    call_command(
        "export_monthly_report",
        *("--period", "2026-11", "--scope", f"assignment:{reports.assignment_id}"),
        *("--format", "pdf", "--out", str(out)),
    )
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "7.500.000" in text


@pytest.mark.pdf
def test_the_province_report_as_pdf(tmp_path, reports, agency_a):
    require_pdf_tools()
    out = tmp_path / "bao-cao-tinh.pdf"
    call_command(
        "export_monthly_report",
        *("--period", "2026-11", "--scope", "province", "--format", "pdf", "--out", str(out)),
    )

    text = pdf_text(out.read_bytes())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Tình hình thực hiện Chương trình xây dựng nông thôn mới tháng 11 năm 2026" in " ".join(
        text.split()
    )
    assert agency_a.name in text
    assert "7.500.000" in text
    assert "Nơi nhận" in text
