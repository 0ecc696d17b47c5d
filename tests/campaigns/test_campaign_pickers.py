"""The campaigns' commune and agency choices are searchable pickers (ntm_portal/pickers.py):
typed names resolve on the server without JavaScript, and the contribution form offers the
chosen commune's villages only, never every village of the country."""

import datetime as dt

import pytest
from django.urls import reverse

from campaigns.forms import ContributionForm
from campaigns.models import Contribution
from campaigns.services.contributions import contribution_create
from tests.communes.factories import CommuneFactory, DistrictFactory, VillageFactory

pytestmark = pytest.mark.django_db

FORM = {"period_start": "01/05/2026", "period_end": "31/05/2026", "money": "1.000.000"}


def test_the_office_names_the_commune_in_the_search_box(as_role, commune_a):
    client, _user = as_role("coordination_office")

    response = client.post(
        reverse("campaigns:contribution_create"), {**FORM, "commune_search": commune_a.code}
    )

    assert response.status_code == 302
    assert Contribution.objects.get().commune == commune_a


def test_an_unknown_commune_is_a_form_error_and_saves_nothing(as_role, commune_a):
    client, _user = as_role("coordination_office")

    response = client.post(
        reverse("campaigns:contribution_create"), {**FORM, "commune_search": "Không Có Xã Này"}
    )

    assert "Không tìm thấy" in response.content.decode()
    assert not Contribution.objects.exists()


def test_the_village_choices_are_the_chosen_communes(coordination_office, commune_a, commune_b):
    own = VillageFactory(commune=commune_a)
    VillageFactory(commune=commune_b)

    bound = ContributionForm({"commune": commune_a.pk}, user=coordination_office)
    unbound = ContributionForm(user=coordination_office)

    assert list(bound.fields["village"].queryset) == [own]
    assert list(unbound.fields["village"].queryset) == []


def test_a_village_of_another_commune_cannot_be_chosen(coordination_office, commune_a, commune_b):
    other = VillageFactory(commune=commune_b)

    form = ContributionForm(
        {**FORM, "commune": commune_a.pk, "village": other.pk}, user=coordination_office
    )

    assert "village" in form.errors


@pytest.mark.parametrize(
    "url_name",
    ["campaigns:contribution_list", "campaigns:exemplary_list", "campaigns:contribution_create"],
)
def test_the_commune_choice_is_a_picker(as_role, commune_a, url_name):
    client, _user = as_role("coordination_office")

    html = client.get(reverse(url_name)).content.decode()

    assert 'name="commune_search"' in html
    assert f">{commune_a.name} (" not in html  # no option per commune


def test_the_district_filter_of_contributions_is_a_picker(as_role, commune_a):
    """The country has 700 districts: none is listed; a name typed without JavaScript filters."""
    other = CommuneFactory(name="Xã Khác", code="90009", district=DistrictFactory(name="Mèo Vạc"))
    record = {"period_start": dt.date(2026, 5, 1), "period_end": dt.date(2026, 5, 31)}
    contribution_create(user=None, commune=commune_a, money=1, **record)
    contribution_create(user=None, commune=other, money=2, **record)
    client, _user = as_role("leader")
    url = reverse("campaigns:contribution_list")

    html = client.get(url).content.decode()
    found = client.get(url, {"district_search": "mèo vạc"})

    assert 'name="district_search"' in html
    assert "Mèo Vạc" not in html
    assert [c.commune for c in found.context["contributions"]] == [other]
    assert (found.context["totals"].records, found.context["totals"].money) == (1, 2)
