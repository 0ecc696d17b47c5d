"""Awards: titles and forms kept apart, proposal → review → decision, the quota warning at its
boundary, pages, API and the permission matrix."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from campaigns import rules
from campaigns.models import Award, AwardForm, EmulationTitle
from campaigns.selectors.awards import award_quota
from campaigns.services.awards import award_decide, award_propose, award_review
from tests.campaigns.conftest import OTHER_ROLES
from tests.communes.factories import CommuneFactory
from tests.openapi import assert_documented

pytestmark = pytest.mark.django_db


@pytest.fixture
def flag():
    return EmulationTitle.objects.get(name="Cờ thi đua của UBND tỉnh")


@pytest.fixture
def merit():
    return AwardForm.objects.get(name="Bằng khen của Chủ tịch UBND tỉnh")


def propose(campaign, merit=None, flag=None, **extra):
    fields = {
        "recipient_kind": "collective",
        "recipient_name": "UBND xã Xuân Lạc",
        "reason": "Đạt chuẩn NTM năm 2026",
        **extra,
    }
    return award_propose(campaign=campaign, user=None, form=merit, title=flag, **fields)


def test_the_default_lists_keep_titles_and_forms_apart():
    assert EmulationTitle.objects.filter(name__startswith="Cờ thi đua").count() == 2
    assert not AwardForm.objects.filter(name__startswith="Cờ thi đua").exists()
    assert AwardForm.objects.filter(name="Bằng khen của Thủ tướng Chính phủ").exists()


def test_a_flag_is_for_a_collective_only(campaign, flag):
    with pytest.raises(ValidationError) as caught:
        propose(campaign, flag=flag, recipient_kind="individual", recipient_name="Ma Văn Tình")
    assert "chỉ xét cho đối tượng: tập thể" in caught.value.message_dict["title"][0]
    assert not Award.objects.exists()


def test_a_proposal_names_a_title_or_a_form_not_both(campaign, flag, merit):
    with pytest.raises(ValidationError):
        propose(campaign, merit=merit, flag=flag)
    with pytest.raises(ValidationError):
        propose(campaign)
    assert not Award.objects.exists()


def test_proposal_review_decision(campaign, merit, coordination_office):
    award = propose(campaign, merit=merit)
    award_review(award=award, user=coordination_office, expected_version=1, approve=True)
    award_decide(
        award=award,
        user=coordination_office,
        expected_version=2,
        decision_number="1234/QĐ-UBND",
        decision_date=dt.date(2026, 12, 20),
        signer="Chủ tịch UBND tỉnh",
    )
    award.refresh_from_db()
    assert award.status == Award.Status.DECIDED
    assert award.decision_number == "1234/QĐ-UBND"


@pytest.mark.parametrize(
    ("number", "date", "field"),
    [("", dt.date(2026, 12, 20), "decision_number"), ("12/QĐ", None, "decision_date")],
)
def test_a_decision_without_number_or_date_is_refused(campaign, merit, number, date, field):
    award = propose(campaign, merit=merit)
    award_review(award=award, user=None, expected_version=1, approve=True)
    with pytest.raises(ValidationError) as caught:
        award_decide(
            award=award, user=None, expected_version=2, decision_number=number, decision_date=date
        )
    assert field in caught.value.message_dict
    award.refresh_from_db()
    assert award.status == Award.Status.REVIEWED


def test_a_decision_needs_a_review_first(campaign, merit):
    award = propose(campaign, merit=merit)
    with pytest.raises(ValidationError):
        award_decide(
            award=award,
            user=None,
            expected_version=1,
            decision_number="1",
            decision_date=dt.date(2026, 1, 1),
        )


def test_turning_down_needs_a_reason(campaign, merit):
    award = propose(campaign, merit=merit)
    with pytest.raises(ValidationError) as caught:
        award_review(award=award, user=None, expected_version=1, approve=False)
    assert "review_note" in caught.value.message_dict


@pytest.mark.parametrize(
    ("reached", "allowed"), [(0, 0), (19, 0), (20, 1), (39, 1), (40, 2), (100, 5)]
)
def test_quota_is_5_percent_rounded_down(reached, allowed):
    assert rules.quota_allowed(reached=reached) == allowed
    assert rules.quota_exceeded(proposed=allowed, reached=reached) is False
    assert rules.quota_exceeded(proposed=allowed + 1, reached=reached) is True


def reach_standard(communes, user, campaign):
    from criteria.services import assessment_create  # noqa: PLC0415
    from tests.criteria.factories import ALL_MET  # noqa: PLC0415

    for commune in communes:
        assessment_create(
            commune=commune,
            period=dt.date(2026, 11, 1),
            stage="appraised",
            values=ALL_MET,
            entered_by=user,
        )


def test_quota_warning_at_its_boundary(as_role, criteria_set, campaign, merit, coordination_office):
    """20 communes reached the standard in the campaign: 1 may be proposed, the 2nd warns."""
    communes = [CommuneFactory() for _ in range(20)]
    reach_standard(communes, coordination_office, campaign)
    client, _user = as_role("coordination_office")
    url = reverse("campaigns:award_create", args=[campaign.pk])
    data = {
        "form": merit.pk,
        "recipient_kind": "collective",
        "recipient_name": "UBND xã",
        "reason": "Về đích",
    }
    response = client.post(url, {**data, "commune": communes[0].pk}, follow=True)
    assert "Vượt chỉ tiêu" not in response.content.decode()
    quota = award_quota(campaign=campaign)
    assert (quota.reached, quota.allowed, quota.proposed, quota.exceeded) == (20, 1, 1, False)
    assert "đề nghị thêm một xã sẽ vượt chỉ tiêu" in client.get(url).content.decode()
    response = client.post(url, {**data, "commune": communes[1].pk}, follow=True)
    page = response.content.decode()
    assert "Vượt chỉ tiêu: đã đề nghị 2 xã, trong khi chỉ được đề nghị tối đa 1 xã" in page
    assert Award.objects.count() == 2  # a warning, not a refusal


def test_decision_form_shows_translated_errors_and_saves_nothing(as_role, campaign, merit):
    award = propose(campaign, merit=merit)
    award_review(award=award, user=None, expected_version=1, approve=True)
    client, _user = as_role("coordination_office")
    response = client.post(
        reverse("campaigns:award_decide", args=[award.pk]),
        {"decision_number": "", "decision_date": "", "version": 2},
    )
    assert response.status_code == 400
    assert "Quyết định khen thưởng phải có số quyết định." in response.content.decode()
    award.refresh_from_db()
    assert award.status == Award.Status.REVIEWED


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_only_the_office_proposes_reviews_and_decides(as_role, campaign, merit, role):
    award = propose(campaign, merit=merit)
    client, _user = as_role(role)
    data = {"form": merit.pk, "recipient_kind": "collective", "recipient_name": "X", "reason": "x"}
    assert (
        client.post(reverse("campaigns:award_create", args=[campaign.pk]), data).status_code == 403
    )
    review = {"approve": "1", "version": 1}
    assert (
        client.post(reverse("campaigns:award_review", args=[award.pk]), review).status_code == 403
    )
    decide = {"decision_number": "1", "decision_date": "01/12/2026", "version": 1}
    assert (
        client.post(reverse("campaigns:award_decide", args=[award.pk]), decide).status_code == 403
    )
    assert Award.objects.get().status == Award.Status.PROPOSED
    assert Award.objects.count() == 1


def test_pages_queries_do_not_grow(as_role, campaign, merit, django_assert_max_num_queries):
    client, _user = as_role("leader")
    url = reverse("campaigns:award_list", args=[campaign.pk])
    for _ in range(3):
        propose(campaign, merit=merit, commune=CommuneFactory())
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for _ in range(27):
        propose(campaign, merit=merit, commune=CommuneFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


# API -------------------------------------------------------------------------------------


def test_api_proposal_review_decision(api_as, campaign, merit):
    api, _user = api_as("coordination_office")
    body = {
        "campaign": campaign.pk,
        "form": merit.pk,
        "recipient_kind": "individual",
        "recipient_name": "Ma Văn Tình",
        "reason": "Hiến đất",
    }
    response = api.post("/api/v1/awards/", body, format="json")
    assert response.status_code == 201, response.content
    assert_documented(response, "/api/v1/awards/")
    pk = response.json()["id"]
    assert (
        api.post(f"/api/v1/awards/{pk}/review/", {"approve": True}, format="json").status_code
        == 428
    )
    response = api.post(
        f"/api/v1/awards/{pk}/review/", {"approve": True}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert response.json()["status"] == "reviewed"
    refused = api.post(
        f"/api/v1/awards/{pk}/decide/",
        {"decision_number": "12/QĐ"},
        format="json",
        HTTP_IF_MATCH='"2"',
    )
    assert refused.status_code == 400
    assert "decision_date" in refused.json()
    decided = api.post(
        f"/api/v1/awards/{pk}/decide/",
        {
            "decision_number": "12/QĐ-UBND",
            "decision_date": "2026-12-20",
            "signer": "Chủ tịch UBND tỉnh",
        },
        format="json",
        HTTP_IF_MATCH='"2"',
    )
    assert decided.json()["status"] == "decided"
    assert_documented(decided, "/api/v1/awards/{id}/decide/")


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_api_writes_are_the_office_s_only(api_as, campaign, merit, role):
    award = propose(campaign, merit=merit)
    api, _user = api_as(role)
    body = {
        "campaign": campaign.pk,
        "form": merit.pk,
        "recipient_kind": "collective",
        "recipient_name": "X",
        "reason": "x",
    }
    assert api.post("/api/v1/awards/", body, format="json").status_code == 403
    response = api.post(
        f"/api/v1/awards/{award.pk}/review/", {"approve": True}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 403
    assert Award.objects.get().status == Award.Status.PROPOSED


def test_api_list_query_count_is_flat(api_as, campaign, merit, django_assert_max_num_queries):
    api, _user = api_as("leader")
    for _ in range(3):
        propose(campaign, merit=merit, commune=CommuneFactory())
    with django_assert_max_num_queries(10) as few:
        api.get("/api/v1/awards/")
    for _ in range(27):
        propose(campaign, merit=merit, commune=CommuneFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert api.get("/api/v1/awards/").json()["count"] == 30
