"""A campaign's results: targets, leaderboards and totals against hand-computed values, the page,
the PDF (text checks), the Excel and the command."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from campaigns.models import AwardForm
from campaigns.selectors.results import campaign_results
from campaigns.services.awards import award_decide, award_propose, award_review
from campaigns.services.contributions import contribution_create
from campaigns.services.exemplars import exemplary_create
from campaigns.services.pledges import pledge_create
from tests.campaigns.conftest import APR, AUG, ONLY_TC01, enter
from tests.communes.factories import CommuneFactory
from tests.criteria.factories import ALL_MET
from tests.pdf_tools import pdf_text, require_pdf_tools

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(summer, assessed, activities, agency_a, agency_b, commune_a):
    """Targets: 2 communes, 3 criteria, 100 M. Results: commune A gains 2 and reaches the
    standard; agencies A 61 M (2 activities) and B 25 M; the community 50 M money + 12 M goods;
    mobilised 61 + 25 + 50 + 12 = 148 M."""
    summer.target_communes_standard = 2
    summer.target_criteria_gained = 3
    summer.target_money = 100_000_000
    summer.save()
    pledge_create(
        campaign=summer,
        user=None,
        agency=agency_a,
        content="Hỗ trợ 20 triệu",
        due_date=dt.date(2026, 6, 30),
        target_amount=20_000_000,
    )
    pledge_create(
        campaign=summer,
        user=None,
        agency=agency_b,
        content="Hỗ trợ 30 triệu",
        due_date=dt.date(2026, 8, 31),
        target_amount=30_000_000,
    )
    contribution_create(
        user=None,
        commune=commune_a,
        period_start=dt.date(2026, 5, 1),
        period_end=dt.date(2026, 5, 31),
        land_m2=Decimal(1500),
        labour_days=Decimal(420),
        money=50_000_000,
        goods_value=12_000_000,
    )
    exemplary_create(
        user=None,
        kind="person",
        name="Thào A Súa",
        commune=commune_a,
        category="donor",
        achievement="Hiến 500 m² đất làm đường",
        campaign=summer,
    )
    award = award_propose(
        campaign=summer,
        user=None,
        form=AwardForm.objects.get(name="Bằng khen của Chủ tịch UBND tỉnh"),
        recipient_kind="collective",
        recipient_name="UBND xã Xuân Lạc",
        commune=commune_a,
        reason="Về đích",
    )
    award_review(award=award, user=None, expected_version=1, approve=True)
    award_decide(
        award=award,
        user=None,
        expected_version=2,
        decision_number="1234/QĐ-UBND",
        decision_date=dt.date(2026, 11, 10),
        signer="Chủ tịch UBND tỉnh",
    )
    return summer


def test_targets_and_leaderboards_against_hand_computed_values(filled, leader, agency_a, agency_b):
    results = campaign_results(user=leader, campaign=filled, today=dt.date(2026, 11, 15))
    assert [(t.target, t.result, t.percent) for t in results.targets] == [
        (2, 1, 50),
        (3, 2, 67),
        (100_000_000, 148_000_000, 148),
    ]
    assert [(r.name, len(r.gained), r.reached_standard) for r in results.communes] == [
        ("Xuân Lạc", 2, True)
    ]
    assert [
        (a.agency_id, a.amount, a.activities, a.pledges, a.pledges_kept) for a in results.agencies
    ] == [
        (agency_a.pk, 61_000_000, 2, 1, 1),
        (agency_b.pk, 25_000_000, 1, 1, 0),
    ]
    assert results.contributions.land_m2 == Decimal(1500)
    assert results.award_counts == [("Bằng khen của Chủ tịch UBND tỉnh", 1)]


def test_results_page_shows_everything(as_role, filled):
    client, _user = as_role("leader")
    page = client.get(reverse("campaigns:campaign_results", args=[filled.pk])).content.decode()
    for text in (
        "Xuân Lạc",
        "Sở Công Thương",
        "148.000.000",
        "1.500",
        "Thào A Súa",
        "Bằng khen của Chủ tịch UBND tỉnh",
        "xem số liệu",
    ):
        assert text in page


def test_results_page_queries_do_not_grow(
    as_role, filled, agency_a, coordination_office, django_assert_max_num_queries
):
    client, _user = as_role("leader")
    url = reverse("campaigns:campaign_results", args=[filled.pk])
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for index in range(27):
        grown = CommuneFactory(name=f"Xã {index}")
        enter(grown, coordination_office, APR, ONLY_TC01)
        enter(grown, coordination_office, AUG, ALL_MET)
        pledge_create(
            campaign=filled,
            user=None,
            agency=agency_a,
            content="x",
            due_date=dt.date(2026, 6, 1),
            target_amount=1,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_pdf_in_the_administrative_layout(as_role, filled):
    require_pdf_tools()
    client, _user = as_role("leader")
    response = client.get(reverse("campaigns:campaign_report_pdf", args=[filled.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Tổng kết phong trào thi đua",
        "100 ngày đêm",
        "148.000.000",
        "Xuân Lạc",
        "Thào A Súa",
        "1234/QĐ-UBND",
        "Mã xác minh",
    ):
        assert expected in text, expected


def test_xlsx_and_the_command(filled, tmp_path):
    out = tmp_path / "tong-ket.xlsx"
    call_command("export_campaign_report", campaign=filled.pk, fmt="xlsx", out=str(out))
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames[:3] == ["Chỉ tiêu", "Xã", "Cơ quan"]
    rows = list(workbook["Cơ quan"].values)
    assert rows[-2][1:3] == (61_000_000, 2)


def test_command_writes_a_pdf(filled, tmp_path):
    require_pdf_tools()
    out = tmp_path / "tong-ket.pdf"
    call_command("export_campaign_report", campaign=filled.pk, fmt="pdf", out=str(out))
    assert "Tổng kết phong trào thi đua" in pdf_text(out.read_bytes())


def test_command_refuses_an_unknown_campaign(tmp_path):
    from django.core.management.base import CommandError  # noqa: PLC0415

    with pytest.raises(CommandError):
        call_command("export_campaign_report", campaign=999, fmt="pdf", out=str(tmp_path / "x.pdf"))
    assert not list(tmp_path.iterdir())


def test_xlsx_download_needs_a_role(as_role, filled):
    client, _user = as_role("no_role_user")
    assert (
        client.get(reverse("campaigns:campaign_report_xlsx", args=[filled.pk])).status_code == 403
    )
    client, _user = as_role("leader")
    response = client.get(reverse("campaigns:campaign_report_xlsx", args=[filled.pk]))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert "Khen thưởng" in workbook.sheetnames
