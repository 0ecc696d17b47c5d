"""The commune list at national size: units in force by default, the district picker, and the
plans of its filters and orders."""

import re

import pytest
from django.db import connection
from django.urls import reverse

from communes.filters import CommuneFilterSet
from communes.models import Commune
from ntm_portal.filters import _may_be_null
from tests.communes.factories import CommuneFactory
from tests.communes.test_reform import import_both

pytestmark = pytest.mark.django_db


def test_the_list_without_parameters_shows_the_units_in_force_today(as_role):
    import_both()
    client, _user = as_role("leader")

    listed = client.get(reverse("communes:commune_list")).context["paginator"].count

    assert listed == Commune.objects.current().count() == 92


# (index, the list's parameters): each read in order from its index, not sorted whole.
PLANS = [
    ("communes_met_desc_order", {"ordering": "-criteria_met", "criteria_met_min": "10"}),
    ("communes_met_order", {"ordering": "criteria_met", "criteria_met_max": "15"}),
    ("communes_list_order", {"ordering": "-name"}),
    (r"communes_commune_\w*code\w*", {"ordering": "-code"}),
]


def plan_of(params: dict[str, str]) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
    return CommuneFilterSet(params, queryset=Commune.objects.all()).qs[:50].explain()


@pytest.mark.usefixtures("needs_postgres")
@pytest.mark.parametrize(("index", "params"), PLANS, ids=[i for i, _ in PLANS])
def test_orders_read_an_index(index, params):
    plan = plan_of(params)

    assert re.search(f"Index Scan (Backward )?using {index} ", plan), plan
    # An incremental sort of the rows of one name or number is fine; a sort of them all is not.
    assert not re.search(r"(->\s+|^)Sort\s+\(cost", plan, re.MULTILINE), plan


@pytest.mark.usefixtures("needs_postgres")
def test_search_reads_the_trigram_index():
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    # The search's condition (CommuneFilterSet.filter_search) alone: a few test rows would
    # rather be found through the validity columns' indexes.
    plan = Commune.objects.filter(search_name__contains="xuan lac").explain()

    assert "communes_search_trgm" in plan, plan


def test_nulls_last_is_said_only_where_a_value_may_be_empty():
    assert not _may_be_null(Commune, "search_name")
    assert not _may_be_null(Commune, "province__code")
    assert _may_be_null(Commune, "criteria_met")
    assert _may_be_null(Commune, "district__code")  # a commune without a district


def test_communes_without_a_district_and_unassessed_ones_still_sort_last(as_role):
    CommuneFactory(name="A", criteria_met=None, district=None)
    CommuneFactory(name="B", criteria_met=3)
    CommuneFactory(name="C", criteria_met=7)
    client, _user = as_role("leader")

    def names(ordering: str) -> list[str]:
        response = client.get(reverse("communes:commune_list"), {"ordering": ordering})
        return [c.name for c in response.context["communes"]]

    assert names("criteria_met") == ["B", "C", "A"]
    assert names("-criteria_met") == ["C", "B", "A"]
    assert names("-district")[-1] == "A"
    assert names("-name") == ["C", "B", "A"]


def test_units_in_force_are_counted_from_an_index():
    """Index Only Scan using communes_in_force at national size (bench/README.md): a plan the
    test database, never vacuumed, does not choose; its presence is what is checked."""
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, Commune._meta.db_table)

    assert indexes["communes_in_force"]["columns"] == ["valid_to", "valid_from"]
