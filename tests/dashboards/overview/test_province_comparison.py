"""The overview shows the first districts of its comparison and links to the full table, which
lists every district a page at a time, sorted as its URL says, the overview's filters kept."""

import pytest
from django.urls import reverse

from dashboards.views import overview as views
from tests.dashboards.overview.pages import tables

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("dashboards:province_overview")
FULL = reverse("dashboards:province_comparison")


def district_names(html):
    return [row[0] for row in tables(html)["So sánh các huyện"]]


def test_the_overview_shows_the_first_districts_and_links_to_all(
    as_role, province_data, monkeypatch
):
    monkeypatch.setattr(views, "COMPARISON_SHOWN", 1)
    client, _user = as_role("leader")

    html = client.get(OVERVIEW, {"period": "quarter"}).content.decode()

    assert district_names(html) == ["Huyện Chợ Đồn"]
    assert f'href="{FULL}?period=quarter"' in html
    assert "Xem tất cả 2 huyện" in html


def test_a_short_comparison_has_no_link(as_role, province_data):
    client, _user = as_role("leader")

    html = client.get(OVERVIEW).content.decode()

    assert district_names(html) == ["Huyện Chợ Đồn", "Huyện Ba Bể"]
    assert FULL not in html


def test_the_full_comparison_is_paged_and_sorted_in_the_url(as_role, province_data, monkeypatch):
    monkeypatch.setattr(views, "COMPARISON_PER_PAGE", 1)
    client, _user = as_role("leader")

    first = client.get(FULL, {"sort": "-share"}).content.decode()
    second = client.get(FULL, {"sort": "-share", "page": 2}).content.decode()
    by_code = client.get(FULL, {"page": 2}).content.decode()

    assert district_names(first) == ["Huyện Ba Bể"]  # 0 % first
    assert district_names(second) == ["Huyện Chợ Đồn"]  # 50 %
    assert "?sort=-share&amp;page=2" in first
    assert district_names(by_code) == ["Huyện Ba Bể"]


def test_the_full_comparison_by_commune_group(as_role, province_data):
    client, _user = as_role("leader")

    response = client.get(FULL, {"group_by": "commune_group"})

    assert [row.label for row in response.context["page_obj"]][-1] == "Chưa xếp nhóm"


def test_the_full_comparison_needs_a_role(as_role, province_data):
    client, _user = as_role("no_role_user")

    response = client.get(FULL)

    assert "page_obj" not in response.context
