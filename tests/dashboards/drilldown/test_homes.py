"""Role homes: the commune officer's page (this month's reports, history chart), the agency
staff home's unmet criteria with this year's work; fixed query counts."""

import datetime as dt
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from criteria.models import Assessment
from criteria.panels import history_chart
from ntm_portal.models import User
from tests.communes.factories import CommuneFactory
from tests.criteria.factories import ALL_MET
from tests.dashboards.drilldown.conftest import enter
from tests.factories import UserFactory
from tests.sponsorships.factories import (
    AgencyFactory,
    AssignmentFactory,
    MonthlyReportFactory,
    SupportActivityFactory,
)


def test_commune_officer_finds_this_months_report_on_their_commune(client, world):
    officer = UserFactory(role=User.Role.COMMUNE_OFFICER, commune=world.b)
    report = MonthlyReportFactory(
        assignment=world.x,
        period=dt.date(2026, 11, 1),
        due_at=dt.datetime(2026, 11, 20, 10, tzinfo=dt.UTC),
    )
    MonthlyReportFactory(assignment=world.x, period=dt.date(2026, 10, 1))  # last month's
    client.force_login(officer)

    response = client.get("/", follow=True)

    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("communes:commune_detail", args=[world.b.pk])
    assert "Việc của xã tháng 11/2026" in html
    assert reverse("sponsorships:monthly_report_detail", args=[report.pk]) in html
    assert html.count("Báo cáo tháng ") == 1
    assert "Nhập đánh giá" in html


def test_a_commune_without_reports_links_to_what_it_can_do(client, world):
    officer = UserFactory(role=User.Role.COMMUNE_OFFICER, commune=world.c)
    client.force_login(officer)

    html = client.get(reverse("communes:commune_detail", args=[world.c.pk])).content.decode()

    assert "Tháng này xã chưa có báo cáo tháng nào" in html
    month = html[html.find('id="month-h"') :][:1500]
    assert f"{reverse('sponsorships:activity_list')}?commune={world.c.pk}" in html, month


def test_other_roles_do_not_get_the_communes_month_section(client, world):
    client.force_login(world.office)

    html = client.get(reverse("communes:commune_detail", args=[world.b.pk])).content.decode()

    assert "Việc của xã" not in html


def test_history_chart_shows_the_latest_entry_of_each_period(world):
    b = world.b
    enter(b, world.office, ALL_MET, period=dt.date(2026, 9, 1))
    enter(b, world.office, {**ALL_MET, "2.1": Decimal(50)}, period=dt.date(2026, 10, 1))
    history = list(Assessment.objects.filter(commune=b))  # newest first, as the panel reads

    chart = history_chart(history)

    # 09/2026: 3 met; 10/2026: 2 (TC2 missed); 11/2026: 2 (TC1 missed, entered first).
    assert chart.labels == ("09/2026", "10/2026", "11/2026")
    assert chart.series[0].values == (3, 2, 2)
    assert [values for _label, values in chart.rows] == [["3"], ["2"], ["2"]]


def _staff_home_queries(client):
    with CaptureQueriesContext(connection) as context:
        assert client.get(reverse("sponsorships:staff_home")).status_code == 200
    return len(context.captured_queries)


def _help(world, agency, count, prefix):
    for n in range(count):
        commune = CommuneFactory(name=f"{prefix}{n}", code=f"{prefix}{n:04d}")
        enter(commune, world.office, {**ALL_MET, "1.2": Decimal(80)})
        assignment = AssignmentFactory(agency=agency, commune=commune)
        activity = SupportActivityFactory(assignment=assignment, date=dt.date(2026, 4, 1))
        activity.target_criteria.add(world.tc1)


def test_staff_home_query_count_is_the_same_for_3_and_30_communes(client, world):
    agency = AgencyFactory()
    client.force_login(UserFactory(role=User.Role.AGENCY_STAFF, agency=agency))
    _help(world, agency, 3, "7")
    small = _staff_home_queries(client)
    _help(world, agency, 27, "8")

    assert _staff_home_queries(client) == small
