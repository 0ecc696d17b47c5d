"""The overview's content is cached (ntm_portal/versions.py), yet never stale: render, write
through each path (services, the ORM as the admin and commands write, the admin itself, raw
SQL as a bulk load, a management command), render again: the new figure shows. Cached pages
never cross scopes (role, agency, commune) or languages."""

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from communes.models import Commune, District, Province
from criteria.models import Criterion
from ntm_portal.versions import cache  # the page cache
from sponsorships.models import Agency, Assignment, MonthlyReport, SupportActivity
from sponsorships.services.report_summaries import report_counts_kept
from tests.communes.factories import CommuneFactory
from tests.criteria.factories import ALL_MET
from tests.dashboards.overview.conftest import assess
from tests.factories import UserFactory
from tests.sponsorships.factories import SupportActivityFactory

pytestmark = pytest.mark.django_db

URL = reverse("dashboards:province_overview")
ROLES = [
    "leader",
    "coordination_office",
    "commune_officer",
    "other_commune_officer",
    "agency_staff",
    "other_agency_staff",
    "no_role_user",
]


def main(client, **params) -> str:
    response = client.get(URL, params)
    assert response.status_code == 200
    return re.search(r"<main.*</main>", response.content.decode(), re.S).group(0)


def no_sponsor_count(html: str) -> str:
    return re.search(r'list=no_sponsor"><span class="value">(\d+)<', html).group(1)


def _assessment(data, agency):
    assess(data.c, dt.date(2026, 11, 1), ALL_MET, data.office)
    return 'data-figure="at_standard">0<'  # B and now C meet 3/3 (was −1)


def _activity(data, agency):
    assignment = Assignment.objects.get(commune=data.a)
    SupportActivityFactory(assignment=assignment, date=dt.date(2026, 11, 2), amount=7_000_000)
    return ">44.000.000 đồng"  # 37 + 7 million in 2026


def _report_state(data, agency):
    reports = MonthlyReport.objects.filter(assignment__commune=data.b)
    with report_counts_kept(reports):  # the ORM write, with the counts the services keep
        reports.update(
            status=MonthlyReport.Status.SUBMITTED,
            submitted_at=dt.datetime(2026, 11, 12, tzinfo=dt.UTC),
        )
    return '<span class="value">2/2</span>'


def _commune_update(data, agency):
    District.objects.filter(communes=data.a).update(name="Tân Thành Mới")
    return "Tân Thành Mới"


def _commune_bulk_create(data, agency):
    Commune.objects.bulk_create([CommuneFactory.build(province=data.province, district=None)])
    return "5 đơn vị cấp xã"


def _agency(data, agency):
    Agency.objects.filter(pk=agency.pk).update(name="Sở Tài chính")
    return "Sở Tài chính"


def _assignment(data, agency):
    Assignment.objects.filter(commune=data.a).update(end_date=dt.date(2026, 11, 1))
    return 'list=no_sponsor"><span class="value">1<'


def _criterion(data, agency):
    Criterion.objects.filter(criteria_set=data.criteria_set, number=2).update(name_vi="Nhà ở mới")
    return "Nhà ở mới"


def _raw_sql(data, agency):
    """As a bulk load or an import in SQL writes: no ORM, no signal."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE communes_province SET name = %s WHERE id = %s", ["Ba Bể Mới", data.province.pk]
        )
    return "Tổng quan tỉnh Ba Bể Mới"


def _command(data, agency):
    """A write around the services (summaries left behind), then the command that rebuilds
    them: the page shows the rebuilt total."""
    SupportActivity.objects.filter(amount=12_000_000).update(amount=13_000_000)
    call_command("rebuild_summaries", verbosity=0)
    return ">38.000.000 đồng"  # 21 + 4 + 13 million in 2026


def _admin(data, agency):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(admin)
    url = reverse("admin:sponsorships_agency_change", args=[agency.pk])
    form = client.get(url).context["adminform"].form
    fields = {name: form[name].value() for name in form.fields}
    fields = {name: value for name, value in fields.items() if value is not None}
    response = client.post(url, {**fields, "name": "Ban Dân tộc"})
    assert response.status_code == 302, response.content[:2000]
    return "Ban Dân tộc"


WRITES = {
    "assessment (service)": _assessment,
    "activity (service)": _activity,
    "monthly report state": _report_state,
    "district renamed (ORM)": _commune_update,
    "commune bulk-created": _commune_bulk_create,
    "agency renamed (ORM)": _agency,
    "assignment ended (ORM)": _assignment,
    "criterion renamed (ORM)": _criterion,
    "raw SQL": _raw_sql,
    "management command": _command,
    "admin": _admin,
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_a_write_through_any_path_shows_on_the_next_request(
    as_role, province_data, sponsorship_data, write
):
    client, _user = as_role("coordination_office")
    main(client)
    before = main(client)  # from the cache

    expected = write(province_data, sponsorship_data)
    after = main(client)

    assert expected not in before
    assert expected in after


def test_the_second_request_is_served_from_the_cache(
    as_role, province_data, sponsorship_data, django_assert_max_num_queries
):
    client, _user = as_role("coordination_office")
    main(client)

    # Session, user, data version, unread notifications: no figure is computed again.
    with django_assert_max_num_queries(4):
        main(client)


@pytest.mark.parametrize("first", ROLES)
def test_a_cached_page_never_reaches_another_scope(
    as_role, province_data, sponsorship_data, first, request, client
):
    """Each role's page after ``first`` filled the cache is the page it gets alone."""
    users = {role: request.getfixturevalue(role) for role in ROLES}  # their communes first
    alone = {}
    for role in ROLES:
        cache.clear()
        client.force_login(users[role])
        alone[role] = main(client)

    cache.clear()
    client.force_login(users[first])
    main(client)
    for role in ROLES:
        client.force_login(users[role])
        assert main(client) == alone[role], role


def test_the_office_sees_the_report_completeness_and_agency_staff_does_not(
    as_role, province_data, sponsorship_data
):
    office, _user = as_role("coordination_office")
    assert "completeness-heading" in main(office)

    staff, _user = as_role("agency_staff")
    assert "completeness-heading" not in main(staff)


def test_each_language_has_its_own_page(as_role, province_data, client):
    client, _user = as_role("leader")
    vietnamese = main(client)
    client.cookies["django_language"] = "en"
    english = main(client)

    assert "Số liệu chính" in vietnamese
    assert "Số liệu chính" not in english


def test_filters_have_their_own_page_and_unknown_parameters_share_one(
    as_role, province_data, sponsorship_data
):
    client, _user = as_role("leader")
    years = main(client)
    quarters = main(client, period="quarter")

    assert quarters != years
    assert main(client, utm="x") == years


def test_a_province_written_elsewhere_changes_the_version(province_data):
    from ntm_portal.versions import data_version

    before = data_version()
    Province.objects.filter(pk=province_data.province.pk).update(name="X")

    assert data_version() != before


def test_the_api_is_cached_and_current_too(api_as, province_data, sponsorship_data):
    api, _user = api_as("leader")
    url = reverse("dashboards-api:province")
    api.get(url)
    before = api.get(url).json()["figures"]["at_standard"]["value"]

    assess(province_data.c, dt.date(2026, 11, 1), ALL_MET, province_data.office)
    after = api.get(url).json()["figures"]["at_standard"]["value"]

    assert (before, after) == (1, 2)
    assert api.get(url, {"year": "x"}).status_code == 400  # an error is never cached
    staff, _user = api_as("agency_staff")
    assert staff.get(url).json()["completeness"] is None  # the leader's answer stays his
