"""Drill-down pages and API: permissions per role, homes per role, URL filters, invalid filters,
payloads, query guards (the same count for 3 and 30 communes)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from criteria.models import Criterion, Indicator
from tests.communes.factories import CommuneFactory
from tests.criteria.factories import ALL_MET
from tests.dashboards.drilldown.conftest import enter
from tests.sponsorships.factories import AssignmentFactory, SupportActivityFactory

ROLES_200 = ["coordination_office", "leader", "commune_officer", "agency_staff"]


def page_urls(world):
    return [
        reverse("dashboards:district_detail", args=[world.cho_don.pk]),
        reverse("dashboards:criterion_detail", args=[world.tc1.pk]),
        reverse("dashboards:indicator_detail", args=[world.i12.pk]),
    ]


def api_urls(world):
    return [
        reverse("dashboards-api:district-detail", args=[world.cho_don.pk]),
        reverse("dashboards-api:criterion-detail", args=[world.tc1.pk]),
        reverse("dashboards-api:indicator-detail", args=[world.i12.pk]),
    ]


@pytest.mark.parametrize(
    ("role", "status"),
    [*[(r, 200) for r in ROLES_200], ("no_role_user", 404), ("anonymous", 302)],
)
def test_pages_per_role(as_role, world, role, status):
    client, _user = as_role(role)

    for url in page_urls(world):
        assert client.get(url).status_code == status, url


@pytest.mark.parametrize(
    ("role", "status"),
    [*[(r, 200) for r in ROLES_200], ("no_role_user", 403), ("anonymous", 401)],
)
def test_api_per_role(api_as, world, role, status):
    api, _user = api_as(role)

    for url in api_urls(world):
        assert api.get(url).status_code in {status, 403 if status == 401 else status}, url


def test_unknown_objects_are_404(as_role, api_as, world):
    client, _ = as_role("coordination_office")
    api, _ = api_as("coordination_office")

    for name in ("district_detail", "criterion_detail", "indicator_detail"):
        assert client.get(reverse(f"dashboards:{name}", args=[10**6])).status_code == 404
    assert api.get("/api/v1/dashboards/criteria/99999999999999999999/").status_code == 404


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("commune_officer", "COMMUNE"),
        ("agency_staff", "/sponsorships/home/"),
        ("coordination_office", "/dashboards/actions/"),
        ("leader", "/dashboards/"),
    ],
)
def test_home_sends_each_role_to_its_own_page(as_role, role, expected):
    client, user = as_role(role)
    if expected == "COMMUNE":
        expected = reverse("communes:commune_detail", args=[user.commune_id])

    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == expected


def test_home_without_a_role_says_so(as_role):
    client, _ = as_role("no_role_user")

    response = client.get("/")

    assert response.status_code == 200
    assert "chưa được phân vai trò" in response.content.decode()


def test_commune_officer_has_my_commune_in_the_menu(as_role):
    client, user = as_role("commune_officer")

    html = client.get(reverse("communes:commune_list")).content.decode()

    assert "Xã của tôi" in html
    assert reverse("communes:commune_detail", args=[user.commune_id]) in html


def test_invalid_page_filter_shows_the_error_and_lists_nothing(client, world):
    client.force_login(world.office)
    url = reverse("dashboards:criterion_detail", args=[world.tc1.pk])

    response = client.get(url, {"district": "abc"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Vui lòng sửa các lỗi" in html
    assert response.context.get("drilldown") is None
    assert reverse("communes:commune_detail", args=[world.a.pk]) not in html


@pytest.mark.parametrize("params", [{"district": "abc"}, {"province": "0"}, {"commune": "x"}])
def test_invalid_api_filter_is_400(world, params):
    api = APIClient()
    api.force_authenticate(world.office)

    response = api.get(reverse("dashboards-api:indicator-detail", args=[world.i12.pk]), params)

    assert response.status_code == 400
    assert set(response.json()) == set(params)


def test_empty_filter_values_mean_not_given(world):
    api = APIClient()
    api.force_authenticate(world.office)

    response = api.get(
        reverse("dashboards-api:criterion-detail", args=[world.tc1.pk]),
        {"province": "", "district": "", "commune": ""},
    )

    assert response.status_code == 200


def test_district_filter_in_the_url(client, world):
    client.force_login(world.office)
    url = reverse("dashboards:criterion_detail", args=[world.tc1.pk])

    response = client.get(url, {"district": world.ngan_son.pk})

    assert response.context["drilldown"].counts == {"met": 1, "not_met": 0, "not_assessed": 0}


def test_criterion_api_payload(world):
    api = APIClient()
    api.force_authenticate(world.office)

    body = api.get(reverse("dashboards-api:criterion-detail", args=[world.tc1.pk])).json()

    assert body["counts"] == {"met": 2, "not_met": 1, "not_assessed": 1}
    row_b = next(r for r in body["communes"] if r["commune"]["name"] == "Bình")
    assert row_b["result"] == "not_met"
    assert row_b["indicators"][1] == {
        "indicator_id": world.i12.pk,
        "code": "1.2",
        "value": 85.0,
        "threshold": 90.0,
        "result": "not_met",
        "shortfall": 5.0,
    }
    assert body["sponsors"] == [
        {
            "assignment_id": world.x.pk,
            "agency": {"id": world.x.agency_id, "name": "Sở X"},
            "commune": {"id": world.b.pk, "code": "10002", "name": "Bình"},
            "activities": 2,
            "amount": 15_000_000,
            "criterion_activities": 1,
            "criterion_amount": 10_000_000,
        }
    ]


def test_district_and_indicator_api_payloads(world):
    api = APIClient()
    api.force_authenticate(world.office)

    district = api.get(reverse("dashboards-api:district-detail", args=[world.cho_don.pk])).json()
    indicator = api.get(reverse("dashboards-api:indicator-detail", args=[world.i12.pk])).json()

    assert (district["communes"], district["xa"], district["meeting_standard"]) == (4, 3, 1)
    assert Decimal(str(district["average_criteria_met"])) == Decimal("2.5")
    assert [r["commune"]["name"] for r in indicator["communes"]] == ["Em", "Bình", "An", "Cao"]
    assert indicator["counts"] == {"met": 2, "not_met": 1, "not_assessed": 1}


def test_commune_page_is_sectioned_and_links_down(client, world):
    client.force_login(world.office)

    html = client.get(reverse("communes:commune_detail", args=[world.b.pk])).content.decode()

    for number in (1, 2, 3):
        assert f'href="#tc-{number}"' in html
        assert f'id="tc-{number}"' in html
    assert reverse("dashboards:criterion_detail", args=[world.tc1.pk]) in html
    assert reverse("dashboards:indicator_detail", args=[world.i12.pk]) in html
    assert "còn thiếu 5" in html  # 1.2: 85 % against ≥ 90 %
    assert "Số tiêu chí đạt qua các kỳ đánh giá" in html  # the history chart
    assert reverse("dashboards:district_detail", args=[world.cho_don.pk]) in html  # breadcrumb


def test_breadcrumbs_follow_the_path_from_the_commune(client, world):
    client.force_login(world.office)
    url = reverse("dashboards:indicator_detail", args=[world.i12.pk])

    html = client.get(url, {"commune": world.b.pk}).content.decode()

    crumbs = html[
        html.index('class="breadcrumbs"') : html.index("</nav>", html.index("breadcrumbs"))
    ]
    for text in ("Tổng quan", "Chợ Đồn", "Bình", "Tiêu chí 1", "Chỉ tiêu 1.2"):
        assert text in crumbs
    assert crumbs.index("Chợ Đồn") < crumbs.index("Bình") < crumbs.index("Tiêu chí 1")


def test_staff_home_lists_unmet_criteria_with_this_years_work(client, world):
    from ntm_portal.models import User
    from tests.factories import UserFactory

    staff = UserFactory(role=User.Role.AGENCY_STAFF, agency=world.x.agency)
    client.force_login(staff)

    html = client.get(reverse("sponsorships:staff_home")).content.decode()

    assert "Tiêu chí chưa đạt" in html
    assert "1. Quy hoạch" in html
    assert "1 hoạt động, 10.000.000" in html


def _grow(world, count, prefix):
    """``count`` more assessed xã in Chợ Đồn, each with an active sponsor focused on TC1."""
    for n in range(count):
        commune = CommuneFactory(
            name=f"{prefix} {n}", code=f"{prefix[0]}{n:04d}", district=world.cho_don
        )
        enter(commune, world.office, {**ALL_MET, "1.2": Decimal(80 + n % 20)})
        assignment = AssignmentFactory(commune=commune, start_date=dt.date(2025, 1, 1))
        assignment.focus_criteria.add(world.tc1)
        SupportActivityFactory(assignment=assignment, date=dt.date(2026, 2, 1), amount=1000)


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("surface", ["page", "api"])
def test_query_count_is_the_same_for_3_and_30_communes(client, world, surface):
    if surface == "api":
        client = APIClient()
        client.force_authenticate(world.office)
        urls = [*api_urls(world), reverse("communes-api:commune-list") + "?criterion=1"]
    else:
        client.force_login(world.office)
        urls = [
            *page_urls(world),
            reverse("communes:commune_list") + "?criterion=1",
            reverse("communes:commune_detail", args=[world.b.pk]),
        ]
    _grow(world, 1, "3")  # 3 assessed xã in Chợ Đồn
    small = [_queries(client, url) for url in urls]
    _grow(world, 27, "4")  # 30
    large = [_queries(client, url) for url in urls]

    assert small == large
    assert Criterion.objects.count() == 3
    assert Indicator.objects.count() == 4


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("district-detail", "/api/v1/dashboards/districts/{id}/"),
        ("criterion-detail", "/api/v1/dashboards/criteria/{id}/"),
        ("indicator-detail", "/api/v1/dashboards/indicators/{id}/"),
    ],
)
def test_api_responses_match_the_schema(world, name, path):
    from tests.openapi import assert_documented

    api = APIClient()
    api.force_authenticate(world.office)
    pk = {"district-detail": world.cho_don.pk, "criterion-detail": world.tc1.pk}.get(
        name, world.i12.pk
    )
    url = reverse(f"dashboards-api:{name}", args=[pk])

    assert_documented(api.get(url), path)
    assert_documented(api.get(url, {"district": "x"}), path)
    assert_documented(api.get(reverse(f"dashboards-api:{name}", args=[10**6])), path)
