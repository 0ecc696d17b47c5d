"""Details found wrong when the portal was tried (issue 9): lateness belongs to the submission,
sending a report takes a confirmation and something to send, an activity without an amount
reads "—", the totals end with "Tổng cộng", the assignment list opens the commune and says
whether the help is running, and 31/02/2026 is a date that does not exist."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse

from sponsorships.models import MonthlyReport, SupportActivity
from sponsorships.services import monthly_reports as services
from tests.criteria.factories import CriteriaSetFactory, CriterionFactory
from tests.sponsorships.activity_fixtures import activity_post
from tests.sponsorships.factories import AssignmentFactory, SupportActivityFactory
from tests.sponsorships.monthly_report_fixtures import local, make_report

pytestmark = pytest.mark.django_db

AFTER_DUE = dt.datetime(2026, 11, 25, 3, tzinfo=dt.UTC)  # the report was due 20/11/2026


def status_html(report) -> str:
    return render_to_string("sponsorships/_monthly_report_status.html", {"report": report})


@time_machine.travel(AFTER_DUE, tick=False)
def test_returning_a_report_sent_on_time_does_not_make_it_overdue(assignment_a):
    report = make_report(
        assignment_a,
        status=MonthlyReport.Status.RETURNED,
        submitted_at=local(2026, 11, 19, 10),
        is_late=False,
    )

    assert report.is_overdue is False
    assert "Quá hạn" not in status_html(report)
    assert "Nộp muộn" not in status_html(report)


@time_machine.travel(AFTER_DUE, tick=False)
def test_a_report_never_sent_after_its_due_moment_is_overdue(assignment_a):
    report = make_report(assignment_a, status=MonthlyReport.Status.DRAFT)

    assert report.is_overdue is True
    assert "Quá hạn" in status_html(report)


def test_an_empty_report_cannot_be_submitted(assignment_a, agency_staff):
    report = make_report(assignment_a, next_month_plan="", difficulties="", proposals="")

    with pytest.raises(ValidationError) as error:
        services.monthly_report_submit(report=report, actor=agency_staff)

    assert error.value.error_list[0].code == "empty"
    assert "Báo cáo còn trống" in error.value.messages[0]
    assert MonthlyReport.objects.get(pk=report.pk).status == MonthlyReport.Status.DRAFT


def test_a_report_with_only_an_activity_of_the_month_can_be_submitted(assignment_a, agency_staff):
    report = make_report(assignment_a, next_month_plan="", difficulties="", proposals="")
    SupportActivityFactory(assignment=assignment_a, date=dt.date(2026, 11, 5))

    services.monthly_report_submit(report=report, actor=agency_staff)

    assert MonthlyReport.objects.get(pk=report.pk).status == MonthlyReport.Status.SUBMITTED


def test_the_page_refuses_an_empty_report_with_the_reason(as_role, assignment_a):
    report = make_report(assignment_a, next_month_plan="")
    client, _staff = as_role("agency_staff")

    response = client.post(
        reverse("sponsorships:monthly_report_submit", args=[report.pk]),
        {"confirm": "yes"},
        follow=True,
    )

    assert "Báo cáo còn trống" in response.content.decode()
    assert MonthlyReport.objects.get(pk=report.pk).status == MonthlyReport.Status.DRAFT


def test_submitting_without_the_confirmation_sends_nothing(as_role, assignment_a):
    report = make_report(assignment_a, next_month_plan="Làm tiếp đường thôn Bản Ó")
    client, _staff = as_role("agency_staff")

    response = client.post(
        reverse("sponsorships:monthly_report_submit", args=[report.pk]), follow=True
    )

    assert "hãy bấm “Xác nhận gửi” để gửi" in response.content.decode()
    assert MonthlyReport.objects.get(pk=report.pk).status == MonthlyReport.Status.DRAFT


def test_the_send_button_opens_a_confirmation_step_without_script(as_role, assignment_a):
    report = make_report(assignment_a, next_month_plan="Làm tiếp đường thôn Bản Ó")
    client, _staff = as_role("agency_staff")

    html = client.get(reverse("sponsorships:monthly_report_detail", args=[report.pk])).content
    html = html.decode()

    assert '<details class="confirm-step">' in html
    assert '<input type="hidden" name="confirm" value="yes">' in html
    assert "Xác nhận gửi" in html


def test_an_activity_without_amount_reads_a_dash_on_its_page_and_in_the_list(as_role, assignment_a):
    activity = SupportActivityFactory(assignment=assignment_a, amount=0, title="Tập huấn")
    client, _user = as_role("coordination_office")

    page = client.get(reverse("sponsorships:activity_detail", args=[activity.pk])).content
    listing = client.get(reverse("sponsorships:activity_list")).content

    assert "0 đồng" not in page.decode()
    assert "<dd>—</dd>" in page.decode()
    assert "0 đồng" not in listing.decode().split("<tbody>")[1]


def test_the_totals_end_with_a_grand_total_row(as_role, assignment_a, assignment_b):
    SupportActivityFactory(assignment=assignment_a, amount=21_000_000, labour_days=2)
    SupportActivityFactory(assignment=assignment_b, amount=10_000_000, labour_days=3)
    client, _user = as_role("coordination_office")

    html = client.get(reverse("sponsorships:activity_totals")).content.decode()

    footers = html.split("<tfoot>")[1:]
    assert len(footers) == 5  # by agency, commune, kind, criterion, month
    for footer in footers:
        row = footer.split("</tfoot>")[0]
        assert "Tổng cộng" in row
        assert '<td class="num">2</td>' in row
        assert "31.000.000 đồng" in row
        assert '<td class="num">5</td>' in row


def test_the_assignment_list_opens_the_commune_and_shows_the_status(as_role, commune_a):
    running = AssignmentFactory(commune=commune_a, start_date=dt.date(2024, 1, 1), end_date=None)
    AssignmentFactory(start_date=dt.date(2020, 1, 1), end_date=dt.date(2021, 12, 31))
    client, _user = as_role("coordination_office")

    html = client.get(reverse("sponsorships:assignment_list")).content.decode()

    commune_link = f'<a href="{reverse("communes:commune_detail", args=[commune_a.pk])}">'
    assert commune_link + str(commune_a) in html
    assert f'<a href="{running.get_absolute_url()}">' in html
    assert '<th scope="col">Trạng thái</th>' in html
    assert "Đang giúp đỡ" in html
    assert "Đã kết thúc" in html


def test_a_date_that_does_not_exist_is_called_so(as_role, assignment_a):
    client, _user = as_role("agency_staff")

    response = client.post(
        reverse("sponsorships:activity_create", args=[assignment_a.pk]),
        activity_post(date="31/02/2026"),
    )

    assert "Ngày 31/02/2026 không tồn tại." in response.content.decode()
    assert "Nhập ngày theo dạng" not in response.content.decode()


def test_the_activity_form_puts_required_fields_first_and_criteria_last(as_role, assignment_a):
    criteria_set = CriteriaSetFactory(valid_from=dt.date(2021, 1, 1))
    for number in (1, 7):
        CriterionFactory(criteria_set=criteria_set, number=number, name_vi=f"Tiêu chí số {number}")
    client, _user = as_role("agency_staff")

    html = client.get(reverse("sponsorships:activity_create", args=[assignment_a.pk])).content
    html = html.decode()

    order = [
        html.index(f'name="{name}"')
        for name in ("date", "title", "kind", "funding_source", "village", "target_criteria")
    ]
    assert order == sorted(order)
    assert '<fieldset class="field" id="id_target_criteria"' in html
    assert "<legend>Tiêu chí hướng tới</legend>" in html


def test_the_page_of_a_bulk_created_activity_without_history_rows_opens(as_role, assignment_a):
    """Bulk-loaded or imported activities have no history rows (issue 11: it was a 500)."""
    (activity,) = SupportActivity.objects.bulk_create(
        [
            SupportActivity(
                assignment=assignment_a,
                date=dt.date(2026, 3, 5),
                kind=SupportActivity.Kind.GOODS,
                title="Nhập từ tệp",
                funding_source=SupportActivity.FundingSource.AGENCY_BUDGET,
            )
        ]
    )
    client, _user = as_role("leader")

    response = client.get(reverse("sponsorships:activity_detail", args=[activity.pk]))

    assert not activity.history.exists()
    assert response.status_code == 200
    assert "Nhập từ tệp" in response.content.decode()
