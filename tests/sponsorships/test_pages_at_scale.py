"""Detail pages, forms and lists at national size (issue 11): the district picker keeps the lists'
HTML flat, the agency's and a filtered list's newest activities are the true newest however they
are read, a list filtered to a million rows is not summed on each visit, and each page's query
count does not grow with the data."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communes.models import District
from sponsorships.models import SupportActivity
from sponsorships.selectors.activities import agency_recent_activities
from tests.communes.factories import CommuneFactory, DistrictFactory, ProvinceFactory
from tests.sponsorships.factories import AgencyFactory, AssignmentFactory, SupportActivityFactory

pytestmark = pytest.mark.django_db

LISTS = ["communes:commune_list", "sponsorships:activity_list", "sponsorships:assignment_list"]


def add_districts(count: int) -> None:
    province = ProvinceFactory()
    District.objects.bulk_create(
        District(province=province, code=f"9{n:04d}", name=f"Huyện Mới {n}", kind="Huyện")
        for n in range(District.objects.count(), count)
    )


@pytest.mark.parametrize("url_name", LISTS)
def test_html_does_not_grow_with_the_districts(client, coordination_office, url_name):
    client.force_login(coordination_office)
    add_districts(5)
    small = len(client.get(reverse(url_name)).content)
    add_districts(700)
    large = len(client.get(reverse(url_name)).content)

    assert District.objects.count() == 700
    assert large - small < 200, (small, large)


@pytest.mark.parametrize("url_name", LISTS)
def test_district_search_box_works_without_javascript(client, coordination_office, url_name):
    client.force_login(coordination_office)
    district = DistrictFactory(name="Chợ Đồn", code="064")
    DistrictFactory(name="Bạch Thông", code="065")

    for text in ("Chợ Đồn", "064", "Đồn"):
        context = client.get(reverse(url_name), {"district_search": text}).context
        form = (context.get("filter") or context["filterset"]).form
        assert form.cleaned_data["district"] == district, text

    html = client.get(reverse(url_name)).content.decode()
    assert 'data-picker-url="/api/v1/districts/?every_period=true"' in html
    assert 'name="district_search"' in html


def test_district_api_searches_every_period_for_the_picker(api_as):
    api, _user = api_as("leader")
    current = DistrictFactory(name="Chợ Mới", code="066")
    abolished = DistrictFactory(name="Chợ Đồn", code="064", valid_to=dt.date(2025, 6, 30))
    url = reverse("communes-api:district-list")

    def found(**params):
        return [row["id"] for row in api.get(url, params).json()["results"]]

    assert found(q="Chợ") == [current.pk]
    assert found(q="Chợ", every_period="true") == [abolished.pk, current.pk]
    assert found(q="064", every_period="true") == [abolished.pk]


@pytest.fixture
def busy_agency(db):
    """An agency with one busy assignment and two with a few activities, dates interleaved;
    another agency's activities are the newest of all."""
    agency, other = AgencyFactory(), AgencyFactory()
    busy, few, fewer = (AssignmentFactory(agency=agency) for _ in range(3))
    for day in range(40):
        SupportActivityFactory(assignment=busy, date=dt.date(2026, 1, 1) + dt.timedelta(day))
    for day in (3, 25, 39, 60):
        SupportActivityFactory(assignment=few, date=dt.date(2026, 1, 1) + dt.timedelta(day))
    SupportActivityFactory(assignment=fewer, date=dt.date(2026, 3, 1))
    for day in range(20):
        SupportActivityFactory(
            assignment=AssignmentFactory(agency=other), date=dt.date(2026, 6, 1) + dt.timedelta(day)
        )
    return agency


def newest(queryset, count):
    return list(queryset.order_by("-date", "-id").values_list("pk", flat=True)[:count])


@pytest.mark.parametrize("limit", [1, 3, 15, 100])
def test_agency_recent_activities_are_its_newest(busy_agency, leader, limit):
    rows = agency_recent_activities(user=leader, agency_id=busy_agency.pk, limit=limit)

    expected = newest(SupportActivity.objects.filter(assignment__agency=busy_agency), limit)
    assert [row.pk for row in rows] == expected


def test_agency_without_activities_has_none(leader):
    assert agency_recent_activities(user=leader, agency_id=AgencyFactory().pk, limit=15) == []


def keyset_rows(client, params):
    response = client.get(reverse("sponsorships:activity_list"), params)
    page = response.context["keyset_page"]
    return [row.pk for row in page.object_list], page.next_after


@pytest.mark.parametrize("extra", [{}, {"kind": SupportActivity.Kind.WORKS}])
def test_list_filtered_by_agency_pages_through_its_newest(
    client, coordination_office, busy_agency, extra
):
    client.force_login(coordination_office)
    some = SupportActivity.objects.filter(assignment__agency=busy_agency).order_by("date")
    SupportActivity.objects.filter(pk__in=list(some.values_list("pk", flat=True)[:30])).update(
        kind=SupportActivity.Kind.WORKS
    )
    filtered = SupportActivity.objects.filter(assignment__agency=busy_agency, **extra)
    expected, shown, after = newest(filtered, 1000), [], ""
    while True:
        rows, after = keyset_rows(client, {"agency": busy_agency.pk, **extra, "after": after})
        shown += rows
        if not after:
            break

    assert shown == expected


def test_list_filtered_by_district_shows_its_newest(client, coordination_office, busy_agency):
    client.force_login(coordination_office)
    district = SupportActivity.objects.filter(assignment__agency=busy_agency).first()
    district = district.assignment.commune.district

    rows, _after = keyset_rows(client, {"district": district.pk})

    filtered = SupportActivity.objects.filter(assignment__commune__district=district)
    assert rows
    assert rows == newest(filtered, len(rows))


def test_a_filter_keeping_many_rows_is_summed_on_the_totals_page(
    client, coordination_office, busy_agency, settings
):
    client.force_login(coordination_office)
    url = reverse("sponsorships:activity_list")
    settings.EXPORT_SYNC_MAX_ROWS = 10

    few = client.get(url, {"agency": busy_agency.pk, "year": 2025})
    many = client.get(url, {"year": 2026})

    assert few.context["summary"].count == 0
    assert many.context["summary"] is None
    html = many.content.decode()
    assert "Hơn 10 hoạt động khớp bộ lọc" in html
    assert reverse("sponsorships:activity_totals") + "?year=2026" in html


def grow(count: int) -> None:
    """``count`` more communes, each with an agency, an assignment and two activities."""
    for _ in range(count):
        assignment = AssignmentFactory(commune=CommuneFactory())
        SupportActivityFactory(assignment=assignment)
        SupportActivityFactory(assignment=assignment, date=dt.date(2025, 3, 1))


PAGES = [
    ("communes:commune_detail", "commune"),
    ("sponsorships:agency_detail", "agency"),
    ("sponsorships:assignment_detail", "assignment"),
    ("sponsorships:activity_detail", "activity"),
    ("sponsorships:activity_create", "assignment"),
    ("sponsorships:assignment_create", None),
    ("sponsorships:activity_list", None),
    ("sponsorships:assignment_list", None),
    ("communes:commune_list", None),
]


@pytest.mark.parametrize(("url_name", "arg"), PAGES, ids=[name for name, _ in PAGES])
def test_query_count_does_not_grow_with_the_data(client, coordination_office, url_name, arg):
    client.force_login(coordination_office)
    assignment = AssignmentFactory()
    activity = SupportActivityFactory(assignment=assignment)
    objects = {
        "commune": assignment.commune,
        "agency": assignment.agency,
        "assignment": assignment,
        "activity": activity,
    }
    url = reverse(url_name, args=[objects[arg].pk] if arg else [])
    grow(3)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    grow(40)
    for _ in range(5):  # the same commune and agency, busier
        SupportActivityFactory(assignment=assignment)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200

    assert len(large) == len(small), [q["sql"][:90] for q in large.captured_queries]
