"""Commune and agency pickers: bounded HTML at any number of communes, and the search box
resolved on the server when JavaScript is off (ntm_portal/pickers.py)."""

import datetime as dt

import pytest
from django.urls import reverse

from communes.models import Commune
from ntm_portal.text import fold
from sponsorships.forms.agencies import AssignmentForm
from sponsorships.models import Agency, Assignment
from tests.communes.factories import CommuneFactory, DistrictFactory

LISTS = [
    "sponsorships:activity_list",
    "sponsorships:assignment_list",
    "sponsorships:monthly_report_list",
    "sponsorships:assignment_create",
    "accounts:user_list",
    "accounts:user_create",
]


def grow(count: int) -> None:
    """Adds communes, each with an agency and an assignment, up to ``count`` of each."""
    district = DistrictFactory()
    start = Commune.objects.count()
    communes = Commune.objects.bulk_create(
        Commune(
            province=district.province,
            district=district,
            code=f"7{n:05d}",
            name=f"Xã Lớn {n}",
            search_name=fold(f"Xã Lớn {n}"),
            kind=Commune.Kind.XA,
            region=district.province.region,
        )
        for n in range(start, count)
    )
    agencies = Agency.objects.bulk_create(
        Agency(name=f"Cơ quan {n}", kind=Agency.Kind.DEPARTMENT) for n in range(start, count)
    )
    Assignment.objects.bulk_create(
        Assignment(agency=agency, commune=commune, start_date=dt.date(2024, 1, 1))
        for agency, commune in zip(agencies, communes, strict=True)
    )


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", LISTS)
def test_html_does_not_grow_with_the_communes(client, coordination_office, url_name):
    client.force_login(coordination_office)
    url = reverse(url_name)
    grow(200)
    small = len(client.get(url).content)
    grow(2000)
    large = len(client.get(url).content)
    assert Commune.objects.count() == 2000
    # The same page; at most a few digits more (page counts, totals).
    assert large - small < 200, (small, large)


def test_commune_label_is_cheap_and_translated():
    commune = Commune(name="Xuân Lạc", kind=Commune.Kind.PHUONG)
    assert str(commune) == "Phường Xuân Lạc"


@pytest.fixture
def twins(db):
    """Two communes of the same name in two districts, and one of another name."""
    return [
        CommuneFactory(name="Tân Lập", code="80001"),
        CommuneFactory(name="Tân Lập", code="80002"),
        CommuneFactory(name="Xuân Lạc", code="80003"),
    ]


def activity_filter(client, user, **params):
    client.force_login(user)
    return client.get(reverse("sponsorships:activity_list"), params)


def test_search_box_resolves_a_name_without_accents(client, coordination_office, twins):
    response = activity_filter(client, coordination_office, commune_search="xuan lac")
    form = response.context["filter"].form
    assert form.is_valid()
    assert form.cleaned_data["commune"] == twins[2]
    assert f'<option value="{twins[2].pk}" selected>' in response.content.decode()


def test_search_box_resolves_a_code(client, coordination_office, twins):
    form = (
        activity_filter(client, coordination_office, commune_search="80002").context["filter"].form
    )
    assert form.is_valid()
    assert form.cleaned_data["commune"] == twins[1]


def test_ambiguous_name_is_an_error_naming_the_candidates(client, coordination_office, twins):
    response = activity_filter(client, coordination_office, commune_search="Tân Lập")
    errors = response.context["filter"].form.errors["commune"]
    assert "khớp với nhiều mục" in errors[0]
    assert "80001" in errors[0]
    assert "80002" in errors[0]
    # The typed text stays in the box so it can be corrected.
    assert 'value="Tân Lập"' in response.content.decode()


def test_unknown_name_is_an_error(client, coordination_office, twins):
    response = activity_filter(client, coordination_office, commune_search="Không Có")
    assert "Không tìm thấy" in response.context["filter"].form.errors["commune"][0]


def test_primary_key_still_filters(client, coordination_office, twins):
    form = activity_filter(client, coordination_office, commune=twins[0].pk).context["filter"].form
    assert form.is_valid()
    assert form.cleaned_data["commune"] == twins[0]


def test_search_box_wins_over_the_select(client, coordination_office, twins):
    params = {"commune": twins[0].pk, "commune_search": "80003"}
    form = activity_filter(client, coordination_office, **params).context["filter"].form
    assert form.cleaned_data["commune"] == twins[2]


def test_api_filter_by_primary_key_unchanged(api_as, twins):
    api, _ = api_as("coordination_office")
    assert api.get("/api/v1/activities/", {"commune": twins[0].pk}).status_code == 200
    assert api.get("/api/v1/activities/", {"commune": 999999}).status_code == 400


def test_assignment_form_takes_typed_names(twins, agency_a):
    form = AssignmentForm(
        data={
            "agency_search": "SCT",
            "commune_search": "Xuân Lạc",
            "start_date": "01/01/2026",
        }
    )
    form.fields["focus_criteria"].required = False
    assert form.is_valid(), form.errors
    assert form.cleaned_data["agency"] == agency_a
    assert form.cleaned_data["commune"] == twins[2]


def test_picker_renders_the_api_url_for_the_script(client, coordination_office, twins):
    client.force_login(coordination_office)
    html = client.get(reverse("sponsorships:activity_list")).content.decode()
    assert 'data-picker-url="/api/v1/communes/?kind=xa"' in html
    assert 'data-picker-url="/api/v1/agencies/"' in html
    assert 'name="commune_search"' in html
    assert "js/picker.js" in html
