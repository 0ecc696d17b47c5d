"""/dashboards/actions/ and /api/v1/dashboards/actions/: roles, filters, page = API, queries."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dashboards.selectors import actions
from tests.dashboards import fixtures
from tests.openapi import assert_documented

PAGE = reverse("dashboards:action_list")
API = reverse("dashboards-api:action-board")
SCHEMA_PATH = "/api/v1/dashboards/actions/"


@pytest.fixture
def province(criteria_set):
    return fixtures.build(criteria_set)


READERS = ["leader", "coordination_office", "commune_officer", "agency_staff"]


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("no_role_user", 403)] + [(role, 200) for role in READERS],
)
def test_page_is_read_by_every_portal_role(as_role, province, role, status):
    client, _user = as_role(role)

    response = client.get(PAGE)

    assert response.status_code == status
    if status == 200:
        assert "Xã sắp đạt chuẩn" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 401), ("no_role_user", 403)] + [(role, 200) for role in READERS],
)
def test_api_is_read_by_every_portal_role(api_as, province, role, status):
    api, _user = api_as(role)

    response = api.get(API)

    assert response.status_code == status
    assert_documented(response, SCHEMA_PATH)


def test_page_shows_the_gap_as_value_over_threshold_and_links(as_role, province):
    client, _user = as_role("coordination_office")

    html = " ".join(client.get(PAGE, {"list": "close"}).content.decode().split())

    assert "3.1:</span> 40 triệu đồng / ≥ 48 triệu đồng" in html
    assert "1.2:</span> 88 % / ≥ 90 %" in html
    an = province.communes["An"]
    assert reverse("communes:commune_detail", args=[an.pk]) in html
    income = fixtures.Criterion.objects.get(number=3)
    assert reverse("dashboards:criterion_detail", args=[income.pk]) in html


def test_page_flags_the_revocation_and_the_critical_loss(as_role, province):
    client, _user = as_role("leader")

    html = client.get(PAGE).content.decode()

    assert "Thuộc diện thu hồi (QĐ 18/2022)" in html
    assert "quan trọng" in html
    assert "Năm phấn đấu đạt chuẩn là 2026" in html  # the off-track rule is stated


def _ids(board_lists):
    return {item.key: [row.commune.pk for row in item.rows] for item in board_lists}


@pytest.mark.parametrize("params", [{}, {"list": "stale", "months": "24"}, {"list": "lost"}])
def test_api_equals_the_page(as_role, api_as, province, params):
    client, _user = as_role("coordination_office")
    api, _user = api_as("coordination_office")

    page = client.get(PAGE, params).context["board"]
    data = api.get(API, params).json()

    assert data["counts"] == page.counts
    assert {
        item["key"]: [row["commune"]["id"] for row in item["results"]] for item in data["lists"]
    } == _ids(page.lists)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"months": "abc"}, "months"),
        ({"months": "0"}, "months"),
        ({"list": "everything"}, "list"),
        ({"province": "XX"}, "province"),
        ({"page": "0"}, "page"),
    ],
)
def test_invalid_filter_shows_the_error_and_lists_nothing(as_role, api_as, province, params, field):
    client, _user = as_role("coordination_office")
    api, _user = api_as("coordination_office")

    response = client.get(PAGE, params)
    api_response = api.get(API, params)

    assert response.status_code == 200
    assert response.context["board"] is None
    assert response.context["form"].errors[field]
    assert "Bộ lọc chưa hợp lệ" in response.content.decode()
    assert api_response.status_code == 400
    assert field in api_response.json()
    assert_documented(api_response, SCHEMA_PATH)


def test_a_district_of_another_province_is_an_error(as_role, api_as, province):
    other = fixtures.DistrictFactory(province=fixtures.ProvinceFactory(code="19"))
    api, _user = api_as("coordination_office")

    response = api.get(API, {"district": other.pk})

    assert response.status_code == 400
    assert response.json() == {"district": ["Huyện này không thuộc tỉnh đã chọn."]}


def test_the_counts_tag_links_each_count_to_its_list(coordination_office, province):
    request = RequestFactory().get("/")
    request.user = coordination_office

    template = Template('{% include "dashboards/_action_counts.html" with province=province %}')
    html = template.render(Context({"request": request, "province": province.province}))

    counts = {"close": 3, "lost": 2, "no_longer": 1, "off_track": 1, "no_sponsor": 1, "stale": 2}
    for key, count in counts.items():
        assert (
            f'href="{PAGE}?province=06&amp;list={key}"><span class="value">{count}</span>' in html
        )


def test_the_counts_tag_shows_nothing_without_a_role(no_role_user, province):
    request = RequestFactory().get("/")
    request.user = no_role_user
    template = Template('{% include "dashboards/_action_counts.html" with province=province %}')

    html = template.render(Context({"request": request, "province": province.province}))

    assert html.strip() == ""


LIST_KEYS = ["close", "lost", "no_longer", "off_track", "no_sponsor", "stale"]


@pytest.mark.parametrize(
    "url", [PAGE, API] + [f"{base}?list={key}" for base in (PAGE, API) for key in LIST_KEYS]
)
def test_queries_do_not_grow_with_the_communes(
    as_role, criteria_set, django_assert_num_queries, url
):
    client, _user = as_role("coordination_office")
    fixtures.many(criteria_set, 3)
    client.get(url)  # warm the session and caches
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    fixtures.many_more(criteria_set, 27)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    assert len(small.captured_queries) < 30


def test_a_portal_without_units_lists_nothing(as_role, api_as, db):
    client, _user = as_role("coordination_office")
    api, _user = api_as("coordination_office")

    response = client.get(PAGE)
    data = api.get(API).json()

    assert "Chưa có dữ liệu đơn vị hành chính" in response.content.decode()
    assert (data["province"], data["lists"][0]["results"]) == (None, [])
    assert set(data["counts"].values()) == {0}


@pytest.mark.parametrize("key", LIST_KEYS + [""])
def test_html_does_not_grow_with_the_communes(as_role, criteria_set, key, monkeypatch):
    # full pages at both sizes (2 rows a list; 1 on the page of every list): what grows is
    # only the counts
    monkeypatch.setattr(actions, "PER_PAGE", 2)
    monkeypatch.setattr(actions, "CAP", 1)
    client, _user = as_role("coordination_office")
    fixtures.many(criteria_set, 3)
    small = client.get(PAGE, {"list": key})
    fixtures.many_more(criteria_set, 12)
    large = client.get(PAGE, {"list": key})

    # after the filters (the factory gives each commune its own district: the options grow)
    assert len(lists(large)) <= len(lists(small)) * 1.02
    assert len(large.content) < 100 * 1024


def lists(response) -> bytes:
    after_filters = response.content.split(b'class="filters action-filters"', 1)[1]
    return after_filters.split(b"</form>", 1)[1]


def test_the_district_filter_offers_only_the_province_districts(as_role, province):
    other = fixtures.DistrictFactory(province=fixtures.ProvinceFactory(code="19"), name="Xa Lắm")
    client, _user = as_role("coordination_office")

    response = client.get(PAGE)

    districts = response.context["form"].fields["district"].queryset
    assert list(districts) == list(province.province.districts.order_by("code"))
    assert other.name not in response.content.decode()


def test_links_reversed_once_follow_the_script_prefix():
    from django.urls import set_script_prefix

    from dashboards.templatetags.dashboard_actions import url_of

    plain = reverse("communes:commune_detail", args=[5])
    assert url_of("communes:commune_detail", 5) == plain
    set_script_prefix("/ntm/")
    try:
        assert url_of("communes:commune_detail", 5) == "/ntm" + plain
    finally:
        set_script_prefix("/")
