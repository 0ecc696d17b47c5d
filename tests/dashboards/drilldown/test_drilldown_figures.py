"""Drill-down figures against values computed by hand on the ``world`` fixture (conftest)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from communes.filters import CommuneFilterSet
from communes.models import Commune
from dashboards.selectors import drilldown as selectors


def names(communes):
    return sorted(c.name for c in communes)


def test_district_figures(world):
    d = selectors.district_drilldown(user=world.office, district=world.cho_don)

    assert (d.communes, d.xa, d.assessed_xa, d.meeting_standard) == (4, 3, 2, 1)
    assert d.average_criteria_met == Decimal("2.50")  # (3 + 2) / 2
    assert [c.name for c in d.rows][:2] == ["An", "Bình"]  # at standard first, then by score
    counts = {row.criterion.number: (row.met, row.not_met, row.not_assessed) for row in d.criteria}
    assert counts == {1: (1, 1, 1), 2: (2, 0, 1), 3: (2, 0, 1)}


def test_criterion_figures_for_the_province_and_a_district(world):
    province = selectors.scope_of(province=None, district=None)
    d = selectors.criterion_drilldown(user=world.office, criterion=world.tc1, scope=province)

    assert d.counts == {"met": 2, "not_met": 1, "not_assessed": 1}
    by_result = {
        result: names(r.commune for r in d.rows_of(d.group(result))) for result, *_ in d.groups
    }
    assert by_result == {"met": ["An", "Em"], "not_met": ["Bình"], "not_assessed": ["Cao"]}
    row_b = next(r for r in d.rows if r.commune == world.b)
    assert [(i.code, i.value, i.threshold, i.result) for i in row_b.indicators] == [
        ("1.1", Decimal(1), Decimal(1), "met"),
        ("1.2", Decimal(85), Decimal(90), "not_met"),
    ]
    assert row_b.indicators[1].shortfall == Decimal(5)

    ngan_son = selectors.scope_of(province=None, district=world.ngan_son)
    d = selectors.criterion_drilldown(user=world.office, criterion=world.tc1, scope=ngan_son)
    assert d.counts == {"met": 1, "not_met": 0, "not_assessed": 0}


def test_criterion_sponsors_are_active_assignments_focused_on_it_with_this_years_totals(world):
    scope = selectors.scope_of(province=None, district=None)
    d = selectors.criterion_drilldown(user=world.office, criterion=world.tc1, scope=scope)

    # Y ended in 2025; Z focuses on TC2. X: 2 activities in 2026 (15 M), 1 of them on TC1 (10 M).
    assert [
        (s.assignment.agency.name, s.count, s.amount, s.criterion_count, s.criterion_amount)
        for s in d.sponsors
    ] == [("Sở X", 2, 15_000_000, 1, 10_000_000)]


def test_indicator_rows_closest_to_the_threshold_first(world):
    scope = selectors.scope_of(province=None, district=None)
    d = selectors.indicator_drilldown(user=world.office, indicator=world.i12, scope=scope)

    # |margin|: Em 92 − 90 = 2, Bình 90 − 85 = 5, An 95,5 − 90 = 5,5; Cao not assessed last.
    assert [(r.commune.name, r.line.value, r.line.result) for r in d.rows] == [
        ("Em", Decimal(92), "met"),
        ("Bình", Decimal(85), "not_met"),
        ("An", Decimal("95.5"), "met"),
        ("Cao", None, "not_assessed"),
    ]
    assert d.counts == {"met": 2, "not_met": 1, "not_assessed": 1}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"criterion": "1"}, ["An", "Em"]),
        ({"criterion": "1", "criterion_result": "met"}, ["An", "Em"]),
        ({"criterion": "1", "criterion_result": "not_met"}, ["Bình"]),
        ({"criterion": "1", "criterion_result": "not_assessed"}, ["Cao"]),
        ({"criterion": "2", "criterion_result": "not_met"}, ["Em"]),
        ({"criterion": "3", "criterion_result": "not_assessed"}, ["Cao", "Em"]),
        ({"criterion": "1", "district": "CHO_DON"}, ["An"]),
        ({"criteria_met": "2"}, ["Bình"]),
        ({"criteria_met": "3"}, ["An"]),
    ],
)
def test_commune_list_filters_by_criterion(world, params, expected):
    if params.get("district") == "CHO_DON":
        params = {**params, "district": str(world.cho_don.pk)}
    filterset = CommuneFilterSet(params, queryset=Commune.objects.all())

    assert filterset.is_valid(), filterset.errors
    assert names(filterset.qs) == expected


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"criterion": "9"}, "criterion"),  # not a criterion of the set in force
        ({"criterion": "x"}, "criterion"),
        ({"criterion_result": "met"}, "criterion"),  # a result needs a criterion
        ({"criterion": "1", "criterion_result": "maybe"}, "criterion_result"),
        ({"criteria_met": "2.5"}, "criteria_met"),
    ],
)
def test_invalid_criterion_filters_are_errors(world, params, field):
    filterset = CommuneFilterSet(params, queryset=Commune.objects.all())

    assert not filterset.is_valid()
    assert field in filterset.errors


def test_commune_list_page_says_what_it_filters_and_how_to_clear_it(client, world):
    client.force_login(world.office)

    response = client.get(reverse("communes:commune_list"), {"criterion": 1, "q": "a"})

    html = response.content.decode()
    assert "Đang lọc:" in html
    assert "xã đạt tiêu chí 1" in html
    assert 'href="?q=a"' in html  # clears the criterion, keeps the search
    assert [c.name for c in response.context["communes"]] == ["An"]


def test_commune_list_page_with_an_invalid_filter_shows_the_error_and_lists_nothing(client, world):
    client.force_login(world.office)

    response = client.get(reverse("communes:commune_list"), {"criterion_result": "met"})

    assert "Chọn tiêu chí để lọc theo kết quả." in response.content.decode()
    assert list(response.context["communes"]) == []


def test_commune_api_takes_the_same_criterion_filter(world):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(world.office)
    url = reverse("communes-api:commune-list")

    met = api.get(url, {"criterion": 1, "criterion_result": "not_met"})
    bad = api.get(url, {"criterion": 42})

    assert [row["name"] for row in met.json()["results"]] == ["Bình"]
    assert bad.status_code == 400
    assert "criterion" in bad.json()
