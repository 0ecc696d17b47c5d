"""Criterion and indicator pages list every xã of the scope a page at a time: each table on its
own page parameter, the scope kept in the links, the reader's commune on the page shown."""

import pytest
from django.urls import reverse

from dashboards.views import drilldown
from tests.communes.factories import DistrictFactory, ProvinceFactory


@pytest.fixture
def one_per_page(monkeypatch):
    monkeypatch.setattr(drilldown, "PER_PAGE", 1)


def test_indicator_rows_are_paged_keeping_the_scope(client, world, one_per_page):
    client.force_login(world.office)
    url = reverse("dashboards:indicator_detail", args=[world.i12.pk])

    first = client.get(url, {"district": world.cho_don.pk})
    second = client.get(url, {"district": world.cho_don.pk, "page": 2})

    assert len(first.context["page_obj"].object_list) == 1
    assert first.context["page_obj"].paginator.count == len(first.context["drilldown"].rows)
    assert f"?district={world.cho_don.pk}&amp;page=2#values-heading" in first.content.decode()
    assert first.context["page_obj"].object_list != second.context["page_obj"].object_list


def test_the_readers_commune_opens_on_its_page(client, world, one_per_page):
    client.force_login(world.office)
    url = reverse("dashboards:indicator_detail", args=[world.i12.pk])
    rows = client.get(url).context["drilldown"].rows
    last = rows[-1].commune

    response = client.get(url, {"commune": last.pk})

    assert [row.commune for row in response.context["page_obj"].object_list] == [last]
    assert 'class="highlight"' in response.content.decode()


def test_criterion_groups_are_paged_each_on_its_own(client, world, one_per_page):
    client.force_login(world.office)
    url = reverse("dashboards:criterion_detail", args=[world.tc1.pk])

    response = client.get(url, {"met_page": 2})

    pages = {result: page for result, _label, _rows, page in response.context["group_pages"]}
    groups = {result: count for result, _label, count in response.context["drilldown"].groups}
    assert groups["met"] == 2
    assert pages["met"].number == 2
    assert pages["not_met"].number == 1
    html = response.content.decode()
    assert "?met_page=1#group-met" in html
    # Links to the indicator pages keep the scope, not this page's page numbers.
    assert "met_page" not in response.context["path_query"]


def district_options(response) -> str:
    html = response.content.decode()
    start = html.index('name="district"')
    return html[start : html.index("</select>", start)]


def test_the_scope_offers_only_the_districts_of_the_province_shown(client, world):
    """Not the country's 700: the districts of the province in scope (any stays valid)."""
    far = ProvinceFactory(code="99", name="Tỉnh Xa")
    elsewhere = DistrictFactory(province=far, code="999", name="Xa Lắm")
    client.force_login(world.office)
    url = reverse("dashboards:criterion_detail", args=[world.tc1.pk])

    options = district_options(client.get(url))
    assert "Chợ Đồn" in options
    assert "Ngân Sơn" in options
    assert "Xa Lắm" not in options

    options = district_options(client.get(url, {"district": elsewhere.pk}))
    assert "Xa Lắm" in options
    assert "Chợ Đồn" not in options


def test_the_sponsors_are_paged_with_the_totals_of_the_page_shown(client, world, one_per_page):
    client.force_login(world.office)
    url = reverse("dashboards:criterion_detail", args=[world.tc1.pk])

    page = client.get(url).context["sponsors_page"]

    assert page.paginator.count == 1
    assert [(row.assignment, row.count, row.amount) for row in page.object_list] == [
        (world.x, 2, 15_000_000)
    ]
