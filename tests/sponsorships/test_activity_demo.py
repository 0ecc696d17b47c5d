"""The demo holds the real cases of the news reports, current assignments for the monthly
cycle, labels every activity as sample data, and is safe to run twice."""

import datetime as dt

import pytest
import time_machine
from django.db.models import Sum

from sponsorships import demo
from sponsorships.models import Agency, Assignment, SupportActivity
from tests.communes.factories import CommuneFactory, ProvinceFactory, VillageFactory
from tests.criteria.factories import CriteriaSetFactory, CriterionFactory

pytestmark = pytest.mark.django_db

CODES = ["02023", "01948", "01891", "01978", "01879", "01885", "01957", "01882"]


@pytest.fixture
def province():
    province = ProvinceFactory()
    for code in CODES:
        CommuneFactory(province=province, code=code, name=f"Xã {code}")
    for name in ["Bản Ó", "Nà Ngần"]:
        VillageFactory(commune=province.communes.get(code="02023"), name=name)
    return province


@pytest.fixture
def criteria_set():
    criteria_set = CriteriaSetFactory()
    for number in range(1, 20):
        CriterionFactory(criteria_set=criteria_set, number=number)
    return criteria_set


@time_machine.travel(dt.datetime(2026, 11, 21, 9, tzinfo=dt.UTC), tick=False)
def test_demo_loads_the_real_cases_and_is_safe_to_run_twice(province, criteria_set):
    demo.load(province=province, criteria_set=criteria_set)
    counts = (
        Agency.objects.count(),
        Assignment.objects.count(),
        SupportActivity.objects.count(),
        SupportActivity.history.count(),
    )
    demo.load(province=province, criteria_set=criteria_set)
    assert (
        Agency.objects.count(),
        Assignment.objects.count(),
        SupportActivity.objects.count(),
        SupportActivity.history.count(),
    ) == counts

    sct = Agency.objects.get(short_name="SCT")
    assert sct.name == "Sở Công Thương"
    xuan_lac = Assignment.objects.get(
        agency=sct, commune__code="02023", start_date=dt.date(2015, 1, 1)
    )
    assert xuan_lac.end_date == dt.date(2020, 12, 31)
    assert {n for n in xuan_lac.focus_criteria.values_list("number", flat=True)} == {4, 7}
    amounts = dict(xuan_lac.activities.values_list("title", "amount"))
    assert amounts["Tặng 600 bóng đèn compact tiết kiệm điện"] == 21_000_000
    assert amounts["Tặng 14 lò đốt rác mini cho các thôn"] == 21_000_000
    assert amounts["Hỗ trợ nâng cấp chợ xã Xuân Lạc"] == 40_000_000
    assert xuan_lac.activities.get(title__startswith="Xây cầu").funding_source == "staff_fund"
    power = SupportActivity.objects.filter(assignment__agency__name="Công ty Điện lực Bắc Kạn")
    assert power.aggregate(total=Sum("amount"))["total"] == 354_000_000
    assert Assignment.objects.filter(commune__code="01948", start_date=dt.date(2019, 5, 1)).exists()
    assert Assignment.objects.filter(
        commune__code="01891", agency__name="Ban Dân vận Tỉnh ủy"
    ).exists()


@time_machine.travel(dt.datetime(2026, 11, 21, 9, tzinfo=dt.UTC), tick=False)
def test_demo_has_current_assignments_with_recent_activities_all_labelled_sample(
    province, criteria_set
):
    demo.load(province=province, criteria_set=criteria_set)
    today = dt.date(2026, 11, 21)
    current = Assignment.objects.filter(start_date__lte=today, end_date__gte=today)
    assert current.count() >= 5
    assert current.filter(agency__short_name="SCT").exists()  # the demo staff login has a commune
    recent = SupportActivity.objects.filter(date__gte=dt.date(2026, 8, 1))
    assert recent.values("assignment").distinct().count() >= 5
    assert not SupportActivity.objects.filter(is_sample=False).exists()
