"""Community contributions: rules, totals per campaign checked by hand, pages, API, matrix."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from campaigns.models import Contribution
from campaigns.selectors.contributions import campaign_contribution_totals
from campaigns.services.contributions import contribution_create
from tests.communes.factories import VillageFactory

pytestmark = pytest.mark.django_db


def record(commune, start, end, **amounts):
    return contribution_create(
        user=None, commune=commune, period_start=start, period_end=end, **amounts
    )


def test_campaign_totals_count_contributions_inside_its_period(
    summer, commune_a, commune_b, leader
):
    record(
        commune_a,
        dt.date(2026, 5, 1),
        dt.date(2026, 5, 31),
        land_m2=Decimal("1200.5"),
        labour_days=Decimal(300),
        money=50_000_000,
    )
    record(
        commune_b,
        dt.date(2026, 8, 1),
        dt.date(2026, 8, 31),
        land_m2=Decimal(800),
        goods_value=12_000_000,
    )
    record(
        commune_a, dt.date(2026, 8, 15), dt.date(2026, 9, 15), land_m2=Decimal(999)
    )  # runs past the end
    record(commune_a, dt.date(2026, 4, 1), dt.date(2026, 4, 30), money=1)  # before
    totals = campaign_contribution_totals(user=leader, campaign=summer)
    assert totals.records == 2
    assert totals.communes == 2
    assert totals.land_m2 == Decimal("2000.5")
    assert totals.labour_days == Decimal(300)
    assert (totals.money, totals.goods_value, totals.value) == (50_000_000, 12_000_000, 62_000_000)


@pytest.mark.parametrize("field", ["land_m2", "labour_days", "money", "goods_value"])
def test_a_negative_amount_is_refused(commune_a, field):
    with pytest.raises(ValidationError) as caught:
        record(commune_a, dt.date(2026, 5, 1), dt.date(2026, 5, 31), **{field: -1})
    assert caught.value.message_dict[field] == ["Không được nhập số âm."]
    assert not Contribution.objects.exists()


def test_a_village_of_another_commune_is_refused(commune_a, commune_b):
    with pytest.raises(ValidationError) as caught:
        record(
            commune_a,
            dt.date(2026, 5, 1),
            dt.date(2026, 5, 31),
            village=VillageFactory(commune=commune_b),
        )
    assert "village" in caught.value.message_dict


FORM = {
    "period_start": "01/05/2026",
    "period_end": "31/05/2026",
    "land_m2": "1.200,5",
    "labour_days": "300",
    "money": "50.000.000",
    "contributors": "Hộ ông Thào A Súa",
}


def test_commune_records_its_own_contribution(as_role, commune_a, commune_b):
    client, _user = as_role("commune_officer")
    response = client.post(
        reverse("campaigns:contribution_create"), {**FORM, "commune": commune_b.pk}
    )
    assert response.status_code == 302
    saved = Contribution.objects.get()
    assert saved.commune == commune_a
    assert saved.land_m2 == Decimal("1200.5")
    page = client.get(reverse("campaigns:contribution_list")).content.decode()
    assert "1.200,5" in page


def test_form_refuses_a_negative_area_and_saves_nothing(as_role, commune_a):
    client, _user = as_role("commune_officer")
    response = client.post(reverse("campaigns:contribution_create"), {**FORM, "land_m2": "-5"})
    assert "Không được nhập số âm." in response.content.decode()
    assert not Contribution.objects.exists()


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("no_role_user", False),
        ("leader", False),
        ("agency_staff", False),
        ("other_commune_officer", False),
        ("commune_officer", True),
        ("coordination_office", True),
    ],
)
@pytest.mark.parametrize("route", ["contribution_update", "contribution_delete"])
def test_who_may_change_a_commune_s_contribution(as_role, commune_a, role, allowed, route):
    saved = record(commune_a, dt.date(2026, 5, 1), dt.date(2026, 5, 31), money=5)
    client, _user = as_role(role)
    data = {**FORM, "commune": commune_a.pk}
    response = client.post(reverse(f"campaigns:{route}", args=[saved.pk]), data)
    assert response.status_code == (302 if allowed else 403)
    if not allowed:
        assert Contribution.objects.get().money == 5


@pytest.mark.parametrize("role", ["no_role_user", "leader", "agency_staff"])
def test_who_may_not_record(as_role, commune_a, role):
    client, _user = as_role(role)
    response = client.post(
        reverse("campaigns:contribution_create"), {**FORM, "commune": commune_a.pk}
    )
    assert response.status_code == 403
    assert not Contribution.objects.exists()


def test_list_queries_do_not_grow(as_role, commune_a, summer, django_assert_max_num_queries):
    client, _user = as_role("leader")
    url = reverse("campaigns:contribution_list")
    for _ in range(3):
        record(
            commune_a,
            dt.date(2026, 5, 1),
            dt.date(2026, 5, 31),
            village=VillageFactory(commune=commune_a),
        )
    with django_assert_max_num_queries(15) as few:
        client.get(url, {"campaign": summer.pk})
    for _ in range(27):
        record(
            commune_a,
            dt.date(2026, 5, 1),
            dt.date(2026, 5, 31),
            village=VillageFactory(commune=commune_a),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url, {"campaign": summer.pk})
    assert response.context["totals"].records == 30


def test_the_list_pages_by_the_summaries_count(as_role, commune_a, commune_b):
    """The paginator takes the number of rows from the totals (no count of the rows), and it
    is the number the filters select; pages of 25, newest period first."""
    for n in range(30):
        start = dt.date(2024 + n // 12, n % 12 + 1, 1)
        record(commune_b if n % 3 == 0 else commune_a, start, start, money=n)
    client, _user = as_role("leader")
    url = reverse("campaigns:contribution_list")

    first = client.get(url).context["page_obj"]
    last = client.get(url, {"page": 2}).context["page_obj"]
    commune = client.get(url, {"commune": commune_b.pk}).context["page_obj"]

    assert (first.paginator.count, first.paginator.num_pages) == (30, 2)
    assert [c.money for c in last.object_list] == [4, 3, 2, 1, 0]
    assert [c.money for c in commune.object_list] == [27, 24, 21, 18, 15, 12, 9, 6, 3, 0]


# API -------------------------------------------------------------------------------------

BODY = {"period_start": "2026-05-01", "period_end": "2026-05-31", "land_m2": 250.5, "money": 7}


def test_api_commune_records_for_itself(api_as, commune_a, commune_b):
    api, _user = api_as("commune_officer")
    response = api.post("/api/v1/contributions/", BODY, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["commune"]["id"] == commune_a.pk
    other = api.post("/api/v1/contributions/", {**BODY, "commune": commune_b.pk}, format="json")
    assert other.status_code == 403
    assert Contribution.objects.count() == 1


def test_api_refuses_a_negative_area(api_as, commune_a):
    api, _user = api_as("coordination_office")
    response = api.post(
        "/api/v1/contributions/",
        {**BODY, "commune": commune_a.pk, "land_m2": -1},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["land_m2"] == ["Không được nhập số âm."]
    assert not Contribution.objects.exists()


@pytest.mark.parametrize("role", ["leader", "agency_staff", "other_commune_officer"])
def test_api_others_cannot_change_a_commune_s_contribution(api_as, commune_a, role):
    saved = record(commune_a, dt.date(2026, 5, 1), dt.date(2026, 5, 31), money=5)
    api, _user = api_as(role)
    assert (
        api.patch(f"/api/v1/contributions/{saved.pk}/", {"money": 9}, format="json").status_code
        == 403
    )
    assert api.delete(f"/api/v1/contributions/{saved.pk}/").status_code == 403
    assert Contribution.objects.get().money == 5


def test_api_list_query_count_is_flat(api_as, commune_a, django_assert_max_num_queries):
    api, _user = api_as("leader")
    for _ in range(3):
        record(commune_a, dt.date(2026, 5, 1), dt.date(2026, 5, 31))
    with django_assert_max_num_queries(10) as few:
        api.get("/api/v1/contributions/")
    for _ in range(27):
        record(commune_a, dt.date(2026, 5, 1), dt.date(2026, 5, 31))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert api.get("/api/v1/contributions/").json()["count"] == 30
