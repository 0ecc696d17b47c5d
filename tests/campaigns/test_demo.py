"""The campaigns demo: the four campaigns and the sprint, the 2011–2020 contribution totals, the
exemplary people and the awards of the 2011–2020 review; sample-labelled and safe to run twice."""

from decimal import Decimal

import pytest
from django.db.models import Sum

from campaigns import demo
from campaigns.models import Award, Campaign, Contribution, Exemplary, Pledge
from tests.communes.factories import CommuneFactory, ProvinceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def province():
    province = ProvinceFactory()
    names = {name for _n, _k, name, _a, _c in demo.EXEMPLARS} | set(demo.FLAG_COMMUNES)
    for name in sorted(names):
        CommuneFactory(province=province, name=name)
    return province


def test_demo_loads_the_facts_and_is_safe_to_run_twice(province):
    demo.load(province=province)
    demo.load(province=province)
    assert Campaign.objects.count() == 6
    sprint = Campaign.objects.get(kind="sprint")
    assert sprint.parent.name == demo.PROVINCIAL
    assert Campaign.objects.get(name=demo.NATIONAL).decision_number == "1620/QĐ-TTg"
    totals = Contribution.objects.aggregate(Sum("land_m2"), Sum("labour_days"), Sum("money"))
    assert totals == {
        "land_m2__sum": Decimal(302_000),
        "labour_days__sum": Decimal(408_000),
        "money__sum": 75_000_000_000,
    }
    assert Exemplary.objects.count() == len(demo.EXEMPLARS)
    decided = Award.objects.filter(status="decided")
    assert decided.count() == 4 + 54 + 57 + 5 + 4
    assert decided.filter(title__name="Cờ thi đua của UBND tỉnh").count() == 4
    assert (
        decided.filter(
            form__name="Bằng khen của Thủ tướng Chính phủ", recipient_kind="individual"
        ).count()
        == 4
    )
    assert not Campaign.objects.filter(is_sample=False).exists()
    assert Pledge.objects.filter(campaign__name=demo.ROUND_2026).count() == 1  # no SCT here
    assert not Award.objects.filter(is_sample=False).exists()
