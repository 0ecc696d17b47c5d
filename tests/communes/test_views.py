"""Pages: commune list, commune page — content, role matrix and query-count guards; the old
overview address redirects to the dashboards app."""

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communes.models import Commune
from ntm_portal import panels
from tests.communes.factories import (
    CommuneFactory,
    DistrictFactory,
    ProvinceFactory,
    VillageFactory,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("communes:province_overview")
DASHBOARD = reverse("dashboards:province_overview")
LIST = reverse("communes:commune_list")
ROLES_WITH_ACCESS = [
    "leader",
    "coordination_office",
    "commune_officer",
    "other_commune_officer",
    "agency_staff",
    "other_agency_staff",
]
TEST_TEMPLATES = Path(__file__).resolve().parent / "templates"


def detail_url(commune: Commune) -> str:
    return reverse("communes:commune_detail", args=[commune.pk])


@pytest.fixture
def echo_panels(monkeypatch, settings):
    """Replace the registered panels of the commune page with one that echoes its kwargs."""
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], TEST_TEMPLATES]}
    ]

    def context(**kwargs):
        return {"echo": " / ".join(f"{k}={v}" for k, v in sorted(kwargs.items()))}

    page = panels.COMMUNE_DETAIL
    monkeypatch.setitem(
        panels._registry, page, [panels.Panel(page, "tests/_echo_panel.html", context)]
    )


# --- overview (moved to the dashboards app; its tests are in tests/dashboards) ------------------


def test_old_overview_address_redirects_to_the_dashboard_keeping_the_filters(as_role):
    client, _user = as_role("leader")

    response = client.get(OVERVIEW, {"period": "quarter", "group_by": "commune_group"})

    assert response.status_code == 302
    assert response["Location"] == (
        reverse("dashboards:province_overview") + "?period=quarter&group_by=commune_group"
    )


# --- list ---------------------------------------------------------------------------------------


def test_list_searches_without_accents_and_shows_criteria_as_n_of_19(as_role):
    CommuneFactory(name="Xuân Lạc", criteria_met=12, criteria_total=19)
    CommuneFactory(name="Trung Hoà")
    client, _user = as_role("leader")

    response = client.get(LIST, {"q": "xuan lac"})

    html = response.content.decode()
    assert [c.name for c in response.context["communes"]] == ["Xuân Lạc"]
    assert "12/19" in html
    assert 'style="width: 63%"' in html
    assert "1 đơn vị" in html


def test_list_filters_and_sorts_with_aria_sort_on_the_sorted_column(as_role):
    district = DistrictFactory(name="Ngân Sơn")
    CommuneFactory(name="Trung Hoà", district=district, criteria_met=8)
    CommuneFactory(name="Đức Vân", district=district, criteria_met=19)
    CommuneFactory(name="Xuân Lạc", criteria_met=12)
    client, _user = as_role("leader")

    response = client.get(LIST, {"district": district.pk, "ordering": "-criteria_met"})

    html = response.content.decode()
    assert [c.name for c in response.context["communes"]] == ["Đức Vân", "Trung Hoà"]
    assert 'aria-sort="descending"' in html
    assert (
        f"?district={district.pk}&amp;ordering=criteria_met" in html
    )  # header toggles to ascending


def test_list_paginates_by_50(as_role):
    CommuneFactory.create_batch(51)
    client, _user = as_role("leader")

    first = client.get(LIST)
    second = client.get(LIST, {"page": 2})

    assert len(first.context["communes"]) == 50
    assert len(second.context["communes"]) == 1
    assert "Trang 1 / 2" in first.content.decode()


def test_list_with_invalid_filter_shows_the_error_on_the_field_and_no_rows(as_role):
    CommuneFactory(name="Xuân Lạc", criteria_met=12)
    client, _user = as_role("leader")

    response = client.get(LIST, {"criteria_met_min": "mười"})

    html = response.content.decode()
    assert response.status_code == 200
    assert list(response.context["communes"]) == []
    assert response.context["filterset"].errors == {"criteria_met_min": ["Nhập một số nguyên."]}
    assert "Bộ lọc chưa hợp lệ" in html


def test_list_has_an_empty_state(as_role):
    client, _user = as_role("leader")

    response = client.get(LIST, {"q": "không có"})

    assert "Không có xã nào khớp" in response.content.decode()


# --- detail -------------------------------------------------------------------------------------


def test_commune_page_shows_facts_villages_and_panels(as_role, echo_panels):
    district = DistrictFactory(name="Chợ Đồn", kind="Huyện")
    commune = CommuneFactory(
        name="Xuân Lạc",
        code="02023",
        district=district,
        ntm_level=Commune.Level.STANDARD,
        ntm_level_year=2020,
        target_year=2019,
        difficulty=Commune.Difficulty.DIFFICULT,
    )
    VillageFactory(commune=commune, name="Bản Ó")
    VillageFactory(commune=commune, name="Bản He")
    client, user = as_role("commune_officer")

    response = client.get(detail_url(commune))

    html = response.content.decode()
    assert "<h1>Xã Xuân Lạc</h1>" in html
    assert "Huyện Chợ Đồn" in html
    assert "Khó khăn" in html
    assert "Đạt chuẩn NTM (năm 2020)" in html
    assert "2: Bản He, Bản Ó" in html
    assert "commune=Xã Xuân Lạc / query=" in html
    assert f"/ user={user}" in html
    assert 'aria-current="page">Xã Xuân Lạc' in html


def test_missing_commune_is_404(as_role):
    client, _user = as_role("leader")

    assert client.get(reverse("communes:commune_detail", args=[999999])).status_code == 404


# --- role matrix (read-only pages: nothing to change, so no side effects to check) --------------


@pytest.mark.parametrize("role", ROLES_WITH_ACCESS)
def test_every_role_reads_every_page(as_role, role, commune_a):
    client, _user = as_role(role)

    for url in (DASHBOARD, LIST, detail_url(commune_a)):
        assert client.get(url).status_code == 200, url


def test_anonymous_is_sent_to_login(client, commune_a):
    for url in (OVERVIEW, LIST, detail_url(commune_a)):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


def test_user_without_role_sees_no_communes(as_role, commune_a):
    client, _user = as_role("no_role_user")

    assert list(client.get(LIST).context["communes"]) == []
    assert client.get(detail_url(commune_a)).status_code == 404


# --- query-count guards: the same count with 1 and with 20 communes -----------------------------


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def make_communes(province, n: int) -> list[Commune]:
    districts = DistrictFactory.create_batch(3, province=province)
    communes = [
        CommuneFactory(
            province=province, district=districts[i % 3], criteria_met=i % 20, criteria_total=19
        )
        for i in range(n)
    ]
    for commune in communes:
        VillageFactory.create_batch(2, commune=commune)
    return communes


# The overview's guard is in tests/dashboards/test_province_overview.py.
@pytest.mark.parametrize(("page", "max_queries"), [("list", 8), ("detail", 20)])
def test_page_query_count_does_not_grow_with_communes(
    as_role, settings, page, max_queries, django_assert_max_num_queries
):
    settings.PORTAL_PROVINCE_CODE = "06"
    province = ProvinceFactory(code="06")
    client, _user = as_role("leader")
    counts = []
    for n in (1, 20):
        communes = make_communes(province, n)
        url = {"list": LIST, "detail": detail_url(communes[0])}[page]
        with django_assert_max_num_queries(max_queries):
            counts.append(count_queries(client, url))
    assert counts[0] == counts[1], counts


# --- admin --------------------------------------------------------------------------------------


@pytest.mark.parametrize("model", ["province", "district", "commune", "village"])
def test_admin_lists_and_searches_units(client, model, commune_a):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))

    response = client.get(reverse(f"admin:communes_{model}_changelist"), {"q": "xuan"})

    assert response.status_code == 200
