"""Campaigns: the service rules, the pages, the API, the permission matrix and query guards."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from campaigns.models import Campaign
from campaigns.services.campaigns import (
    ConcurrentUpdateError,
    campaign_create,
    campaign_delete,
    campaign_update,
)
from tests.campaigns.conftest import OTHER_ROLES
from tests.campaigns.factories import CampaignFactory
from tests.openapi import assert_documented

pytestmark = pytest.mark.django_db

VALID = {
    "name": "100 ngày đêm lao động sáng tạo",
    "kind": "sprint",
    "level": "provincial",
    "launched_by": "UBND tỉnh",
    "decision_number": "12/QĐ-UBND",
    "decision_date": "02/03/2026",
    "start_date": "01/05/2026",
    "end_date": "08/08/2026",
    "goals": "Thêm 3 xã đạt chuẩn",
    "target_communes_standard": "3",
    "target_criteria_gained": "20",
    "target_money": "1.500.000.000",
}


def test_create_sets_every_field(coordination_office, campaign):
    sprint = campaign_create(
        user=coordination_office,
        name="100 ngày đêm",
        kind="sprint",
        level="provincial",
        parent=campaign,
        launched_by="UBND tỉnh",
        start_date=dt.date(2026, 5, 1),
        end_date=dt.date(2026, 8, 8),
        target_money=1_500_000_000,
    )
    assert sprint.parent == campaign
    assert sprint.created_by == coordination_office
    assert sprint.version == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"end_date": dt.date(2025, 1, 1)}, "end_date"),
        ({"kind": "sprint"}, "parent"),
        ({"target_money": -1}, "target_money"),
        ({"target_communes_standard": -3}, "target_communes_standard"),
        ({"name": ""}, "name"),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(coordination_office, change, field):
    fields = {
        "name": "Phong trào",
        "level": "provincial",
        "launched_by": "UBND tỉnh",
        "start_date": dt.date(2026, 1, 1),
        "end_date": dt.date(2026, 12, 31),
        **change,
    }
    with pytest.raises(ValidationError) as caught:
        campaign_create(user=coordination_office, **fields)
    assert field in caught.value.message_dict
    assert not Campaign.objects.exists()


def test_a_sprint_must_lie_inside_its_campaign(coordination_office, campaign):
    with pytest.raises(ValidationError) as caught:
        campaign_create(
            user=coordination_office,
            name="Đợt tràn ra ngoài",
            kind="sprint",
            level="provincial",
            parent=campaign,
            launched_by="UBND tỉnh",
            start_date=dt.date(2026, 12, 1),
            end_date=dt.date(2027, 1, 15),
        )
    assert "01/01/2026 – 31/12/2026" in caught.value.message_dict["start_date"][0]
    assert campaign.children.count() == 0


def test_a_campaign_cannot_sit_under_its_own_sprint(coordination_office, campaign):
    sprint = CampaignFactory(kind="sprint", parent=campaign)
    with pytest.raises(ValidationError) as caught:
        campaign_update(
            campaign=campaign, user=coordination_office, expected_version=1, parent=sprint
        )
    assert "parent" in caught.value.message_dict


def test_a_stale_edit_is_refused(coordination_office, campaign):
    campaign_update(campaign=campaign, user=coordination_office, expected_version=1, name="A")
    stale = Campaign.objects.get(pk=campaign.pk)
    stale.version = 1
    with pytest.raises(ConcurrentUpdateError):
        campaign_update(campaign=stale, user=coordination_office, expected_version=1, name="B")
    assert Campaign.objects.get(pk=campaign.pk).name == "A"


def test_a_campaign_with_a_sprint_is_not_deleted(coordination_office, campaign):
    CampaignFactory(kind="sprint", parent=campaign)
    with pytest.raises(ValidationError):
        campaign_delete(campaign=campaign, user=coordination_office, expected_version=1)
    assert Campaign.objects.filter(pk=campaign.pk).exists()


# Pages ------------------------------------------------------------------------------------


def test_office_creates_a_sprint_through_the_form(as_role, campaign):
    client, _user = as_role("coordination_office")
    response = client.get(reverse("campaigns:campaign_create"), {"parent": campaign.pk})
    assert response.context["form"].initial["kind"] == "sprint"
    response = client.post(reverse("campaigns:campaign_create"), {**VALID, "parent": campaign.pk})
    sprint = Campaign.objects.get(kind="sprint")
    assert response.status_code == 302
    assert sprint.target_money == 1_500_000_000
    assert sprint.decision_date == dt.date(2026, 3, 2)


def test_form_shows_translated_error_and_saves_nothing(as_role, campaign):
    client, _user = as_role("coordination_office")
    response = client.post(
        reverse("campaigns:campaign_create"),
        {**VALID, "parent": campaign.pk, "end_date": "01/01/2027"},
    )
    assert response.status_code == 200
    assert "Đợt thi đua phải nằm trong thời gian của phong trào" in response.content.decode()
    assert not Campaign.objects.filter(kind="sprint").exists()


def test_edit_conflict_shows_the_stored_version(as_role, campaign):
    client, _user = as_role("coordination_office")
    Campaign.objects.filter(pk=campaign.pk).update(version=2, name="Đã đổi tên")
    data = {**VALID, "kind": "campaign", "version": 1}
    response = client.post(reverse("campaigns:campaign_update", args=[campaign.pk]), data)
    assert response.context["conflict"].name == "Đã đổi tên"
    assert Campaign.objects.get(pk=campaign.pk).name == "Đã đổi tên"


def test_delete_with_confirmation(as_role, campaign):
    client, _user = as_role("coordination_office")
    url = reverse("campaigns:campaign_delete", args=[campaign.pk])
    assert "Xóa phong trào?" in client.get(url).content.decode()
    assert client.post(url, {"version": 1}).status_code == 302
    assert not Campaign.objects.exists()


def test_list_searches_filters_and_paginates(as_role, campaign):
    CampaignFactory(name="Ngành Công Thương chung sức", level="sector")
    CampaignFactory(name="Cả nước chung sức", level="national", end_date=dt.date(2030, 1, 1))
    client, _user = as_role("leader")
    url = reverse("campaigns:campaign_list")
    names = lambda r: [c.name for c in r.context["campaigns"]]  # noqa: E731
    assert names(client.get(url, {"level": "sector"})) == ["Ngành Công Thương chung sức"]
    assert names(client.get(url, {"q": "cả nước"})) == ["Cả nước chung sức"]
    assert names(client.get(url, {"year": "2029"})) == ["Cả nước chung sức"]
    for i in range(30):
        CampaignFactory(name=f"Đợt {i}")
    assert len(client.get(url).context["campaigns"]) == 25


@pytest.mark.parametrize("role", OTHER_ROLES)
@pytest.mark.parametrize("route", ["campaign_create", "campaign_update", "campaign_delete"])
def test_only_the_office_writes_campaigns(as_role, campaign, role, route):
    client, _user = as_role(role)
    args = [] if route == "campaign_create" else [campaign.pk]
    data = {**VALID, "kind": "campaign", "version": 1}
    response = client.post(reverse(f"campaigns:{route}", args=args), data)
    assert response.status_code == 403
    assert Campaign.objects.get().name == campaign.name


def test_anonymous_is_sent_to_login(client, campaign):
    response = client.post(reverse("campaigns:campaign_create"), VALID)
    assert response.status_code == 302
    assert Campaign.objects.count() == 1


@pytest.mark.parametrize("name", ["campaign_list", "campaign_detail"])
def test_pages_read_the_same_number_of_queries_for_3_or_30(
    as_role, campaign, name, django_assert_max_num_queries
):
    client, _user = as_role("leader")
    args = [] if name == "campaign_list" else [campaign.pk]
    for _ in range(2):
        CampaignFactory(kind="sprint", parent=campaign)
    with django_assert_max_num_queries(12) as few:
        assert client.get(reverse(f"campaigns:{name}", args=args)).status_code == 200
    for _ in range(27):
        CampaignFactory(kind="sprint", parent=campaign)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse(f"campaigns:{name}", args=args))


# API -------------------------------------------------------------------------------------

API_BODY = {
    "name": "Bắc Kạn chung sức 2026",
    "level": "provincial",
    "launched_by": "UBND tỉnh",
    "start_date": "2026-01-01",
    "end_date": "2026-12-31",
    "target_money": 75_000_000_000,
}


def test_api_create_read_update_delete(api_as):
    api, _user = api_as("coordination_office")
    response = api.post("/api/v1/campaigns/", API_BODY, format="json")
    assert response.status_code == 201, response.content
    assert_documented(response, "/api/v1/campaigns/")
    pk = response.json()["id"]
    response = api.get(f"/api/v1/campaigns/{pk}/")
    assert response["ETag"] == '"1"'
    assert api.patch(f"/api/v1/campaigns/{pk}/", {"name": "X"}, format="json").status_code == 428
    response = api.patch(
        f"/api/v1/campaigns/{pk}/", {"name": "X"}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 200
    assert response.json()["version"] == 2
    stale = api.delete(f"/api/v1/campaigns/{pk}/", HTTP_IF_MATCH='"1"')
    assert stale.status_code == 412
    assert api.delete(f"/api/v1/campaigns/{pk}/", HTTP_IF_MATCH='"2"').status_code == 204


def test_api_refuses_bad_input_with_a_message(api_as):
    api, _user = api_as("coordination_office")
    response = api.post("/api/v1/campaigns/", {**API_BODY, "end_date": "2025-01-01"}, format="json")
    assert response.status_code == 400
    assert "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu." in str(response.json())
    assert not Campaign.objects.exists()


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_api_writes_are_the_office_s_only(api_as, campaign, role):
    api, _user = api_as(role)
    assert api.post("/api/v1/campaigns/", API_BODY, format="json").status_code == 403
    response = api.delete(f"/api/v1/campaigns/{campaign.pk}/", HTTP_IF_MATCH='"1"')
    assert response.status_code == 403
    assert Campaign.objects.count() == 1


def test_api_list_query_count_is_flat(api_as, campaign, django_assert_max_num_queries):
    api, _user = api_as("leader")
    CampaignFactory.create_batch(2)
    with django_assert_max_num_queries(10) as few:
        assert api.get("/api/v1/campaigns/").status_code == 200
    CampaignFactory.create_batch(27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert api.get("/api/v1/campaigns/").json()["count"] == 30
