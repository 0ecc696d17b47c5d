"""Pledges: registration rules, progress from real data checked by hand, pages, API, matrix."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from campaigns import rules
from campaigns.models import Pledge
from campaigns.selectors.pledges import campaign_pledges
from campaigns.selectors.progress import agency_support, commune_progress
from campaigns.services.pledges import pledge_create

pytestmark = pytest.mark.django_db


def test_criteria_gained_between_the_start_and_end_assessments(
    summer, assessed, commune_a, commune_b
):
    progress = commune_progress(campaign=summer)
    assert progress[commune_a.pk].gained == ["TC02", "TC03"]
    assert progress[commune_a.pk].reached_standard is True
    assert progress[commune_b.pk].gained == []
    assert progress[commune_b.pk].reached_standard is False


def test_agency_support_counts_activities_inside_the_period(
    summer, activities, agency_a, agency_b, leader
):
    support = agency_support(user=leader, campaign=summer)
    assert (support[agency_a.pk].activities, support[agency_a.pk].amount) == (2, 61_000_000)
    assert support[agency_a.pk].amount_until(dt.date(2026, 6, 30)) == 21_000_000
    assert support[agency_b.pk].amount == 25_000_000


def test_pledge_progress_against_real_data(
    summer, assessed, activities, agency_a, agency_b, commune_a, commune_b, leader
):
    due = dt.date(2026, 6, 30)
    pledge_create(
        campaign=summer,
        user=None,
        agency=agency_a,
        content="20 triệu",
        due_date=due,
        target_amount=20_000_000,
    )
    pledge_create(
        campaign=summer,
        user=None,
        agency=agency_b,
        content="30 triệu",
        due_date=dt.date(2026, 8, 31),
        target_amount=30_000_000,
    )
    pledge_create(
        campaign=summer,
        user=None,
        commune=commune_a,
        content="Thêm 2 tiêu chí",
        due_date=dt.date(2026, 8, 31),
        target_criteria_gained=2,
    )
    pledge_create(
        campaign=summer,
        user=None,
        commune=commune_b,
        content="Thêm 1 tiêu chí",
        due_date=dt.date(2026, 8, 31),
        target_criteria_gained=1,
    )
    rows = campaign_pledges(user=leader, campaign=summer, today=dt.date(2026, 9, 15))
    assert [(r.measured, r.status) for r in rows] == [
        (21_000_000, rules.KEPT),
        (25_000_000, rules.NOT_KEPT),
        (2, rules.KEPT),
        (0, rules.NOT_KEPT),
    ]
    running = campaign_pledges(user=leader, campaign=summer, today=dt.date(2026, 8, 1))
    assert running[1].status == rules.RUNNING


@pytest.mark.parametrize(
    ("target", "measured", "today", "expected"),
    [
        (None, 5, dt.date(2026, 1, 1), rules.UNMEASURED),
        (3, 3, dt.date(2026, 1, 1), rules.KEPT),
        (3, 2, dt.date(2026, 6, 30), rules.RUNNING),
        (3, 2, dt.date(2026, 7, 1), rules.NOT_KEPT),
    ],
)
def test_pledge_status_rule(target, measured, today, expected):
    status = rules.pledge_status(
        target=target, measured=measured, due=dt.date(2026, 6, 30), today=today
    )
    assert status == expected


@pytest.mark.parametrize("due", [dt.date(2026, 4, 30), dt.date(2026, 9, 1)])
def test_a_pledge_outside_the_period_is_refused(summer, agency_a, due):
    with pytest.raises(ValidationError) as caught:
        pledge_create(campaign=summer, user=None, agency=agency_a, content="x", due_date=due)
    assert "01/05/2026 – 31/08/2026" in caught.value.message_dict["due_date"][0]
    assert not Pledge.objects.exists()


def test_a_pledge_on_the_last_day_is_accepted(summer, agency_a):
    pledge_create(
        campaign=summer, user=None, agency=agency_a, content="x", due_date=dt.date(2026, 8, 31)
    )
    assert Pledge.objects.count() == 1


# Pages ------------------------------------------------------------------------------------

FORM = {"content": "Hỗ trợ 50 triệu đồng", "due_date": "30/06/2026", "target_amount": "50.000.000"}


def test_agency_registers_for_itself(as_role, summer, agency_a, agency_b):
    client, _user = as_role("agency_staff")
    url = reverse("campaigns:pledge_create", args=[summer.pk])
    assert "agency" not in client.get(url).context["form"].fields
    response = client.post(url, {**FORM, "agency": agency_b.pk})
    assert response.status_code == 302
    pledge = Pledge.objects.get()
    assert pledge.agency == agency_a
    assert pledge.target_amount == 50_000_000
    page = client.get(summer.get_absolute_url()).content.decode()
    assert "Hỗ trợ 50 triệu đồng" in page
    assert "Rút đăng ký" in page


def test_commune_registers_for_itself(as_role, summer, commune_a):
    client, _user = as_role("commune_officer")
    data = {
        "content": "Đạt thêm 2 tiêu chí",
        "due_date": "31/08/2026",
        "target_criteria_gained": "2",
    }
    client.post(reverse("campaigns:pledge_create", args=[summer.pk]), data)
    assert Pledge.objects.get().commune == commune_a


def test_form_refuses_a_due_date_outside_and_saves_nothing(as_role, summer):
    client, _user = as_role("agency_staff")
    response = client.post(
        reverse("campaigns:pledge_create", args=[summer.pk]), {**FORM, "due_date": "01/09/2026"}
    )
    assert "Thời hạn cam kết phải nằm trong thời gian của phong trào" in response.content.decode()
    assert not Pledge.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [("no_role_user", 403), ("leader", 403), ("coordination_office", 200)],
)
def test_who_may_register(as_role, summer, role, status):
    client, _user = as_role(role)
    response = client.post(reverse("campaigns:pledge_create", args=[summer.pk]), FORM)
    assert response.status_code == status
    assert not Pledge.objects.exists()  # the office must name an agency or a commune


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("no_role_user", False),
        ("leader", False),
        ("commune_officer", False),
        ("other_agency_staff", False),
        ("agency_staff", True),
        ("coordination_office", True),
    ],
)
def test_who_may_withdraw_an_agency_pledge(as_role, summer, agency_a, role, allowed):
    pledge = pledge_create(
        campaign=summer, user=None, agency=agency_a, content="x", due_date=dt.date(2026, 6, 1)
    )
    client, _user = as_role(role)
    response = client.post(reverse("campaigns:pledge_delete", args=[pledge.pk]))
    assert response.status_code == (302 if allowed else 403)
    assert Pledge.objects.exists() is not allowed


def test_detail_page_queries_do_not_grow_with_pledges(
    as_role, summer, assessed, activities, agency_a, commune_a, django_assert_max_num_queries
):
    client, _user = as_role("leader")
    day = dt.date(2026, 6, 1)
    for _ in range(3):
        pledge_create(
            campaign=summer, user=None, agency=agency_a, content="a", due_date=day, target_amount=1
        )
        pledge_create(
            campaign=summer,
            user=None,
            commune=commune_a,
            content="c",
            due_date=day,
            target_criteria_gained=1,
        )
    with django_assert_max_num_queries(25) as few:
        assert client.get(summer.get_absolute_url()).status_code == 200
    for _ in range(27):
        pledge_create(
            campaign=summer, user=None, agency=agency_a, content="a", due_date=day, target_amount=1
        )
        pledge_create(
            campaign=summer,
            user=None,
            commune=commune_a,
            content="c",
            due_date=day,
            target_criteria_gained=1,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(summer.get_absolute_url())


# API -------------------------------------------------------------------------------------


def body(campaign, **extra):
    return {"campaign": campaign.pk, "content": "Cam kết", "due_date": "2026-06-30", **extra}


def test_api_agency_staff_pledge_for_their_agency(api_as, summer, agency_a, agency_b):
    api, _user = api_as("agency_staff")
    response = api.post("/api/v1/pledges/", body(summer, target_amount=5), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["agency"]["id"] == agency_a.pk
    other = api.post("/api/v1/pledges/", body(summer, agency=agency_b.pk), format="json")
    assert other.status_code == 403
    assert Pledge.objects.count() == 1


def test_api_refuses_a_pledge_outside_the_period(api_as, summer):
    api, _user = api_as("agency_staff")
    response = api.post("/api/v1/pledges/", body(summer, due_date="2027-01-01"), format="json")
    assert response.status_code == 400
    assert "due_date" in response.json()
    assert not Pledge.objects.exists()


@pytest.mark.parametrize("role", ["leader", "no_role_user"])
def test_api_readers_cannot_pledge(api_as, summer, agency_a, role):
    api, _user = api_as(role)
    response = api.post("/api/v1/pledges/", body(summer, agency=agency_a.pk), format="json")
    assert response.status_code == 403
    assert not Pledge.objects.exists()


def test_api_other_agency_cannot_withdraw(api_as, summer, agency_a):
    pledge = pledge_create(
        campaign=summer, user=None, agency=agency_a, content="x", due_date=dt.date(2026, 6, 1)
    )
    api, _user = api_as("other_agency_staff")
    assert api.delete(f"/api/v1/pledges/{pledge.pk}/").status_code == 403
    api, _user = api_as("agency_staff")
    assert api.delete(f"/api/v1/pledges/{pledge.pk}/").status_code == 204


def test_api_list_query_count_is_flat(api_as, summer, agency_a, django_assert_max_num_queries):
    api, _user = api_as("leader")
    day = dt.date(2026, 6, 1)
    for _ in range(3):
        pledge_create(campaign=summer, user=None, agency=agency_a, content="x", due_date=day)
    with django_assert_max_num_queries(10) as few:
        api.get("/api/v1/pledges/", {"campaign": summer.pk})
    for _ in range(27):
        pledge_create(campaign=summer, user=None, agency=agency_a, content="x", due_date=day)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert api.get("/api/v1/pledges/", {"campaign": summer.pk}).json()["count"] == 30
