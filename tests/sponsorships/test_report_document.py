# ruff: noqa: F811 -- the shared report fixtures are imported by name and requested as arguments
"""The per-assignment monthly report PDF: what the context builder reads, the download page's
permission matrix and query count, and the PDF itself (text, fonts, pixels, render time)."""

import datetime as dt

import pytest
from django.urls import reverse

from criteria.models import Assessment
from sponsorships.models import SupportActivity
from sponsorships.report_document import (
    TEMPLATE,
    document_context,
    monthly_report_document,
)
from sponsorships.views import report_documents
from tests.criteria.factories import CriteriaSetFactory
from tests.pdf_tools import pdf_text, require_pdf_tools
from tests.sponsorships.factories import SupportActivityFactory
from tests.sponsorships.monthly_report_fixtures import (  # noqa: F401
    PERIOD,
    local,
    report_a,
    submitted_report_a,
)

pytestmark = pytest.mark.django_db


def add_activities(report, count=3, amount=7_000_000):
    for day in range(1, count + 1):
        SupportActivityFactory(
            assignment=report.assignment,
            date=dt.date(2026, 11, 1 + (day - 1) % 28),
            amount=amount,
            kind=SupportActivity.Kind.CASH,
        )


def assess(commune, met=17, total=19, period=PERIOD, user=None):
    return Assessment.objects.create(
        commune=commune,
        criteria_set=CriteriaSetFactory(),
        period=period,
        stage=Assessment.Stage.APPRAISED,
        entered_by=user,
        criteria_met=met,
        criteria_total=total,
    )


def test_the_builder_reads_the_month_its_money_and_the_communes_score(
    submitted_report_a, agency_staff
):
    add_activities(submitted_report_a)
    SupportActivityFactory(assignment=submitted_report_a.assignment, date=dt.date(2026, 12, 1))
    assess(submitted_report_a.assignment.commune, user=agency_staff)
    document = monthly_report_document(user=agency_staff, report=submitted_report_a)
    assert document.activity_count == 3
    assert document.amount_total == 21_000_000
    assert (document.criteria_met, document.criteria_total) == (17, 19)
    assert document.commune == "xã Xuân Lạc"
    assert document.doc.date_line == "Bắc Kạn, ngày 19 tháng 11 năm 2026"
    assert document.doc.number_line.endswith("/BC-SCT")
    assert not document.doc.is_draft
    assert document.doc.verify_url.endswith(f"/sponsorships/reports/{submitted_report_a.pk}/")


def test_the_html_shows_the_key_figures_in_vietnamese(submitted_report_a, agency_staff):
    from ntm_portal.documents.engine import render_html

    add_activities(submitted_report_a)
    document = monthly_report_document(user=agency_staff, report=submitted_report_a)
    html = render_html(template_name=TEMPLATE, context=document_context(document))
    assert "21.000.000 đồng" in html
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html
    assert "Nơi nhận:" in html
    assert "xã chưa có kết quả đánh giá" in html


LOGIN = "login"


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", LOGIN),
        ("no_role_user", 404),
        ("other_commune_officer", 404),
        ("other_agency_staff", 404),
        ("leader", 200),
        ("coordination_office", 200),
        ("commune_officer", 200),
        ("agency_staff", 200),
    ],
)
def test_download_permission_matrix(as_role, report_a, role, expected, monkeypatch):
    monkeypatch.setattr(report_documents, "monthly_report_pdf", lambda **kw: b"%PDF-1.7 test")
    client, _user = as_role(role)
    response = client.get(reverse("sponsorships:monthly_report_pdf", args=[report_a.pk]))
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        return
    assert response.status_code == expected
    if expected == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")


def test_an_unknown_report_is_a_404(as_role):
    client, _user = as_role("coordination_office")
    assert client.get(reverse("sponsorships:monthly_report_pdf", args=[999999])).status_code == 404


def test_the_report_page_offers_the_pdf(as_role, report_a):
    client, _user = as_role("agency_staff")
    page = client.get(reverse("sponsorships:monthly_report_detail", args=[report_a.pk]))
    assert reverse("sponsorships:monthly_report_pdf", args=[report_a.pk]) in page.content.decode()
    assert ">Tải PDF</a>" in page.content.decode()


def test_the_download_runs_the_same_queries_for_one_and_many_activities(
    as_role, report_a, django_assert_max_num_queries, monkeypatch
):
    monkeypatch.setattr("sponsorships.report_document.render_pdf", lambda **kw: b"%PDF-")
    client, _user = as_role("coordination_office")
    url = reverse("sponsorships:monthly_report_pdf", args=[report_a.pk])
    add_activities(report_a, count=1)
    client.get(url)  # the first document creates the letterhead settings row
    with django_assert_max_num_queries(30) as one:
        client.get(url)
    add_activities(report_a, count=20)
    with django_assert_max_num_queries(30) as many:
        client.get(url)
    assert len(many.captured_queries) == len(one.captured_queries)


@pytest.mark.pdf
def test_the_pdf_reads_as_an_administrative_report(as_role, submitted_report_a, agency_staff):
    require_pdf_tools()
    add_activities(submitted_report_a)
    assess(submitted_report_a.assignment.commune, user=agency_staff)
    client, _user = as_role("agency_staff")
    response = client.get(reverse("sponsorships:monthly_report_pdf", args=[submitted_report_a.pk]))
    assert response.content.startswith(b"%PDF-")
    text = pdf_text(response.content)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Bắc Kạn, ngày 19 tháng 11 năm 2026",
        "21.000.000 đồng",
        "17/19",
        "Nơi nhận:",
        "/BC-SCT",
    ):
        assert expected in text, expected


def test_an_unsent_report_prints_as_a_draft(report_a, agency_staff):
    assert monthly_report_document(user=agency_staff, report=report_a).doc.is_draft


def test_the_report_page_shows_the_code_printed_on_its_pdf(as_role, report_a, agency_staff):
    client, _user = as_role("agency_staff")
    page = client.get(reverse("sponsorships:monthly_report_detail", args=[report_a.pk]))
    code = monthly_report_document(user=agency_staff, report=report_a).doc.verification_code
    assert f"<code>{code}</code>" in page.content.decode()
