"""The monthly reporting pages cost the same whatever the size of the country: the province
report form picks a district by search (no select of every district), the report list and the
API count their pages from the report counts."""

import datetime as dt

import pytest
from django.urls import reverse

from sponsorships.forms.monthly_reports import ProvinceReportForm
from tests.communes.factories import DistrictFactory, ProvinceFactory
from tests.sponsorships.factories import AgencyFactory, AssignmentFactory, MonthlyReportFactory

pytestmark = pytest.mark.django_db
PERIOD = dt.date(2026, 11, 1)


def _districts(count: int) -> list:
    province = ProvinceFactory()
    return [DistrictFactory(province=province) for _ in range(count)]


def test_the_province_report_form_does_not_grow_with_the_districts(
    as_role, django_assert_max_num_queries
):
    client, _office = as_role("coordination_office")
    page_url = reverse("sponsorships:province_report")
    sizes = []
    for count in (3, 60):
        _districts(count)
        with django_assert_max_num_queries(8) as captured:
            response = client.get(page_url)
        sizes.append((len(response.content), len(captured.captured_queries)))
    assert sizes[0] == sizes[1]


def test_a_district_is_chosen_by_its_name_its_code_or_its_id(coordination_office):
    wanted, _other = _districts(2)
    for field, typed in (
        ("district_search", wanted.name),
        ("district_search", wanted.code),
        ("district", str(wanted.pk)),
    ):
        data = {"period": "2026-11", field: typed, "format": "pdf"}
        form = ProvinceReportForm(data, user=coordination_office)
        assert form.is_valid(), form.errors
        assert form.cleaned_data["district"] == wanted


def test_the_districts_api_searches_by_name_and_code(api_as):
    api, _office = api_as("coordination_office")
    wanted, other = _districts(2)
    for text in (wanted.name, wanted.code):
        response = api.get(reverse("communes-api:district-list"), {"q": text, "on": "2024-01-01"})
        ids = {row["id"] for row in response.json()["results"]}
        assert (wanted.pk in ids, other.pk in ids) == (True, False)


def _reports(count: int) -> None:
    for _ in range(count):
        MonthlyReportFactory(assignment=AssignmentFactory(agency=AgencyFactory()), period=PERIOD)


def test_the_api_list_counts_from_the_report_counts(api_as, django_assert_max_num_queries):
    api, _office = api_as("coordination_office")
    list_url = reverse("sponsorships-api:monthly-report-list")
    seen = []
    for new in (2, 5):
        _reports(new)
        with django_assert_max_num_queries(6) as captured:
            body = api.get(list_url, {"period": "2026-11", "page_size": 3}).json()
        seen.append((body["count"], len(body["results"]), len(captured.captured_queries)))
    assert [(count, shown) for count, shown, _queries in seen] == [(2, 2), (7, 3)]
    assert seen[0][2] == seen[1][2]
    assert not any("COUNT(" in q["sql"] for q in captured.captured_queries)
