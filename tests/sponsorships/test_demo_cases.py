"""The demo cases live in sponsorships/data/demo_cases.json; the loader converts their values
(dates, enums, decimals, dates relative to today) and keeps the news-report figures intact."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.db.models import Sum

from sponsorships import demo
from sponsorships.models import Agency, SupportActivity
from tests.communes.factories import CommuneFactory, ProvinceFactory
from tests.criteria.factories import CriteriaSetFactory, CriterionFactory

XUAN_LAC, SY_BINH, TRUNG_HOA = "02023", "01978", "01948"
POWER_COMPANY = "Công ty Điện lực Bắc Kạn"


@pytest.fixture
def province():
    province = ProvinceFactory()
    for code in [XUAN_LAC, SY_BINH]:
        CommuneFactory(province=province, code=code, name=f"Xã {code}")
    return province


@pytest.fixture
def criteria_set():
    criteria_set = CriteriaSetFactory()
    for number in range(1, 20):
        CriterionFactory(criteria_set=criteria_set, number=number)
    return criteria_set


def _current(cases):
    return [case for case in cases if case["fields"]["start_date"] == dt.date(2025, 1, 1)]


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2026, 11, 21, 9, tzinfo=dt.UTC), tick=False)
def test_power_company_activities_in_sy_binh_total_354_million(province, criteria_set):
    demo.load(province=province, criteria_set=criteria_set)

    power = SupportActivity.objects.filter(
        assignment__agency__name=POWER_COMPANY, assignment__commune__code=SY_BINH
    )
    assert power.count() == 3
    assert power.aggregate(total=Sum("amount"))["total"] == 354_000_000
    assert set(power.values_list("funding_source", flat=True)) == {"enterprise"}


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2026, 11, 21, 9, tzinfo=dt.UTC), tick=False)
def test_xuan_lac_bulbs_activity_has_600_bulbs_worth_21_million(province, criteria_set):
    demo.load(province=province, criteria_set=criteria_set)

    bulbs = SupportActivity.objects.get(
        assignment__commune__code=XUAN_LAC, title="Tặng 600 bóng đèn compact tiết kiệm điện"
    )
    assert (bulbs.date, bulbs.kind, bulbs.amount) == (dt.date(2015, 9, 10), "goods", 21_000_000)
    assert (bulbs.quantity, bulbs.quantity_unit) == (Decimal(600), "bóng đèn")
    assert list(bulbs.target_criteria.values_list("number", flat=True)) == [4]
    assert bulbs.is_sample


@pytest.mark.django_db
def test_cases_of_communes_outside_the_province_are_skipped(province, criteria_set):
    demo.load(province=province, criteria_set=criteria_set)

    assert not SupportActivity.objects.filter(assignment__commune__code=TRUNG_HOA).exists()
    assert Agency.objects.count() == 8  # every agency, even one with no commune here


def test_values_are_converted_from_their_stored_form():
    data = demo.demo_cases(today=dt.date(2026, 11, 21))

    trung_hoa = next(case for case in data["cases"] if case["commune"] == TRUNG_HOA)
    line = trung_hoa["activities"][0]
    assert trung_hoa["fields"]["decision_date"] == dt.date(2019, 5, 1)
    assert line["kind"] is SupportActivity.Kind.WORKS
    assert line["beneficiary_unit"] is SupportActivity.BeneficiaryUnit.HOUSEHOLDS
    assert line["funding_source"] is SupportActivity.FundingSource.AGENCY_BUDGET  # the default
    assert (line["village"], line["criteria"], line["beneficiaries"]) == ("Bó Mòn", [4], 17)
    quantities = [a.get("quantity") for case in data["cases"] for a in case["activities"]]
    assert Decimal("1.2") in quantities
    assert data["agencies"][0]["kind"] is Agency.Kind.DEPARTMENT


@pytest.mark.parametrize(
    ("today", "end"),
    [
        (dt.date(2026, 11, 21), dt.date(2027, 12, 31)),
        (dt.date(2027, 6, 1), dt.date(2028, 12, 31)),
    ],
)
def test_current_cases_run_to_the_end_of_next_year_and_at_least_2027(today, end):
    current = _current(demo.demo_cases(today=today)["cases"])

    assert len(current) == 5
    assert {case["fields"]["end_date"] for case in current} == {end}


def test_current_activities_are_dated_before_today_but_not_before_the_period():
    late = _current(demo.demo_cases(today=dt.date(2026, 11, 21))["cases"])
    early = _current(demo.demo_cases(today=dt.date(2025, 2, 1))["cases"])

    sct_late = {a["title"]: a["date"] for a in late[0]["activities"]}
    assert sct_late["Tặng 200 bóng đèn LED cho hộ nghèo"] == dt.date(2026, 11, 9)  # 12 days ago
    dates = [a["date"] for case in early for a in case["activities"]]
    assert min(dates) == dt.date(2025, 1, 1)
    assert max(dates) <= dt.date(2025, 2, 1)
