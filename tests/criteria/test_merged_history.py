"""A commune formed by the 2025 merger shows its predecessors' NTM history, then its own."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communes.models import Commune, CommuneSuccession
from criteria import selectors
from criteria.models import Assessment
from tests.communes.factories import CommuneFactory, ProvinceFactory
from tests.criteria.factories import CriteriaSetFactory

pytestmark = pytest.mark.django_db
REFORM = dt.date(2025, 7, 1)


def assess(commune, criteria_set, user, period, met, total=19, current=False):
    return Assessment.objects.create(
        commune=commune,
        criteria_set=criteria_set,
        period=period,
        stage=Assessment.Stage.APPRAISED,
        entered_by=user,
        criteria_met=met,
        criteria_total=total,
        meets_standard=met == total,
        is_current=current,
    )


@pytest.fixture
def merged(coordination_office):
    """Two old communes of Bắc Kạn merged into xã Đức Xuân (Thái Nguyên) on 1/7/2025."""
    old_set = CriteriaSetFactory(code="ntm-xa-2021-2025", valid_from=dt.date(2021, 1, 1))
    new_set = CriteriaSetFactory(code="ntm-xa-2026-2030", valid_from=dt.date(2026, 1, 1))
    last_day = REFORM - dt.timedelta(days=1)
    old_a = CommuneFactory(
        name="Nguyễn Thị Minh Khai",
        valid_to=last_day,
        ntm_level=Commune.Level.STANDARD,
        ntm_level_year=2022,
    )
    old_b = CommuneFactory(name="Huyền Tụng", valid_to=last_day)
    new = CommuneFactory(
        name="Đức Xuân", province=ProvinceFactory(code="19"), district=None, valid_from=REFORM
    )
    for old in (old_a, old_b):
        CommuneSuccession.objects.create(predecessor=old, successor=new, effective_on=REFORM)
    assess(old_a, old_set, coordination_office, dt.date(2021, 12, 1), 17)
    assess(old_a, old_set, coordination_office, dt.date(2022, 12, 1), 19, current=True)
    assess(old_b, old_set, coordination_office, dt.date(2024, 12, 1), 12, current=True)
    assess(new, new_set, coordination_office, dt.date(2026, 6, 1), 7, total=10, current=True)
    return new, old_a, old_b


def test_the_history_includes_the_predecessors_assessments_and_its_own(merged):
    new, old_a, old_b = merged

    history = selectors.commune_merged_history(commune=new)

    assert [unit.commune for unit in history.predecessors] == [old_b, old_a]  # by name
    by_unit = {unit.commune.name: unit for unit in history.predecessors}
    assert [a.criteria_met for a in by_unit["Nguyễn Thị Minh Khai"].assessments] == [19, 17]
    assert by_unit["Nguyễn Thị Minh Khai"].first_standard_year == 2022
    assert by_unit["Huyền Tụng"].first_standard_year is None
    assert [(a.period.year, a.criteria_total) for a in history.own.assessments] == [(2026, 10)]
    assert [(unit.name, a.period.year) for unit, a in history.timeline] == [
        ("Đức Xuân", 2026),
        ("Huyền Tụng", 2024),
        ("Nguyễn Thị Minh Khai", 2022),
        ("Nguyễn Thị Minh Khai", 2021),
    ]


def test_predecessors_of_predecessors_are_followed(merged, coordination_office):
    new, old_a, _old_b = merged
    older = CommuneFactory(name="Xã cũ hơn", valid_to=dt.date(2019, 12, 31))
    CommuneSuccession.objects.create(
        predecessor=older, successor=old_a, effective_on=dt.date(2020, 1, 1)
    )

    history = selectors.commune_merged_history(commune=new)

    assert older in [unit.commune for unit in history.predecessors]


def test_a_commune_not_formed_by_a_merger_has_no_merged_history(merged):
    _new, old_a, _old_b = merged

    assert selectors.commune_merged_history(commune=old_a) is None


def test_the_commune_page_shows_the_predecessors_history(merged, as_role):
    new, _old_a, _old_b = merged
    client, _user = as_role("leader")

    html = client.get(reverse("communes:commune_detail", args=[new.pk])).content.decode()

    assert "Lịch sử nông thôn mới trước sáp nhập" in html
    assert "Xã Nguyễn Thị Minh Khai" in html
    assert "Đạt chuẩn NTM (2022)" in html
    assert "Bảng 4 lần đánh giá của đơn vị và các đơn vị trước sáp nhập" in html


def test_the_commune_page_query_count_does_not_grow_with_predecessors(
    merged, as_role, coordination_office, django_assert_max_num_queries
):
    new, _old_a, _old_b = merged
    client, _user = as_role("leader")
    url = reverse("communes:commune_detail", args=[new.pk])
    counts = []
    for _round in range(2):
        with django_assert_max_num_queries(22), CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
        for n in range(5):
            old = CommuneFactory(name=f"Cũ {n}", valid_to=REFORM - dt.timedelta(days=1))
            CommuneSuccession.objects.create(predecessor=old, successor=new, effective_on=REFORM)
    assert counts[0] == counts[1], counts
