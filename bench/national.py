"""The national data set, written by the database itself (INSERT … SELECT over
generate_series): 34 provinces, their districts and communes, 8 quarterly assessments of every
commune with 19 criterion results each (indicator values for the current one), agencies with a
staff member each, an assignment for every commune but a share of the difficult ones, support
activities and a year of monthly reports (the current month open, its reminders due).

Only the rows are bulk; the criteria set goes through the product's import, the current
month's reports through ``monthly_reports_open``, the derived columns through
``link_previous`` and ``rebuild_summaries``, as after any bulk load.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from bench import sql
from communes.models import Region

PROVINCES = 34
PERIODS = 8
MONTHS = 12
CONTRIBUTIONS_PER_QUARTER = 3


@dataclass(frozen=True)
class Sizes:
    communes: int
    activities: int

    def tenth(self) -> Sizes:
        return Sizes(max(PROVINCES, self.communes // 10), max(1, self.activities // 10))

    @property
    def agencies(self) -> int:
        return max(10, self.communes // 15)


def reset() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        # The production server's planner setting (docker-compose.yml: SSD storage), for this
        # connection and every later one (the exports' children, gunicorn under wrk).
        name = connection.ops.quote_name(connection.settings_dict["NAME"])
        cursor.execute(f"ALTER DATABASE {name} SET random_page_cost = 1.1")
        cursor.execute("SET random_page_cost = 1.1")
    call_command("migrate", verbosity=0)


def build(sizes: Sizes) -> None:
    today = timezone.localdate()
    criteria_set = _criteria_set()
    office = _office()
    _run(sql.PROVINCES, count=PROVINCES, regions=list(Region.values))
    _run(sql.DISTRICTS, count=max(1, sizes.communes // (14 * PROVINCES)) * PROVINCES)
    _run(sql.COMMUNES, count=sizes.communes, year=today.year)
    _run(sql.ASSESSMENTS, periods=quarters(today), set_id=criteria_set.pk, office=office.pk)
    _run(sql.CRITERION_RESULTS, set_id=criteria_set.pk)
    _run(sql.INDICATOR_VALUES, set_id=criteria_set.pk)
    _run(sql.COMMUNE_STANDINGS)
    _agencies_and_staff(sizes.agencies)
    _run(sql.ASSIGNMENTS)
    _run(sql.ACTIVITIES, count=sizes.activities, today=today, kinds=_activity_kinds())
    _monthly_reports(today)
    _contributions(today)
    _derive()


def _activity_kinds() -> list[str]:
    from sponsorships.models import SupportActivity

    return list(SupportActivity.Kind.values)


def _run(statement: str, **params) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def quarters(today: dt.date) -> list[dt.date]:
    """The first month of each of the last PERIODS quarters, oldest first."""
    from ntm_portal import periods

    start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    return [periods.add_months(start, -3 * n) for n in reversed(range(PERIODS))]


def _criteria_set():
    from criteria.demo import DATA_FILE, _fill_sample_thresholds
    from criteria.services import criteria_set_import

    criteria_set = criteria_set_import(data=json.loads(DATA_FILE.read_text(encoding="utf-8")))
    for region in Region.values:
        _fill_sample_thresholds(criteria_set, classification_key=region)
    return criteria_set


def _office():
    """The coordination office, enrolled in a second factor as production requires."""
    from allauth.mfa.models import Authenticator

    from ntm_portal.models import User

    office = User.objects.create_user("bench_office", role=User.Role.COORDINATION_OFFICE)
    Authenticator.objects.create(user=office, type=Authenticator.Type.TOTP, data={"secret": "x"})
    return office


def _agencies_and_staff(count: int) -> None:
    from ntm_portal.models import User
    from sponsorships.models import Agency

    _run(sql.AGENCIES, count=count)
    password = make_password(None)
    User.objects.bulk_create(
        User(
            username=f"bench_staff_{agency.pk}",
            email=f"staff{agency.pk}@example.gov.vn",
            password=password,
            role=User.Role.AGENCY_STAFF,
            agency=agency,
        )
        for agency in Agency.objects.all()
    )


def _monthly_reports(today: dt.date) -> None:
    """Eleven months sent and accepted, then the current month opened as the scheduler does."""
    from ntm_portal import periods
    from sponsorships.services.monthly_reports import monthly_reports_open, period_due_at

    current = today.replace(day=1)
    for back in range(MONTHS - 1, 0, -1):
        period = periods.add_months(current, -back)
        _run(sql.PAST_REPORTS, period=period, due=period_due_at(period))
    monthly_reports_open(period=current)


def _contributions(today: dt.date) -> None:
    _run(sql.CONTRIBUTIONS, periods=quarters(today), per_quarter=CONTRIBUTIONS_PER_QUARTER)


def _derive() -> None:
    from criteria.services.storage import link_previous

    link_previous()
    call_command("rebuild_summaries", verbosity=0)  # the load bypassed the services
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def counts() -> dict[str, int]:
    tables = {
        "communes": "communes_commune",
        "assessments": "criteria_assessment",
        "criterion results": "criteria_criterionresult",
        "indicator values": "criteria_indicatorvalue",
        "assignments": "sponsorships_assignment",
        "activities": "sponsorships_supportactivity",
        "monthly reports": "sponsorships_monthlyreport",
        "contributions": "campaigns_contribution",
    }
    with connection.cursor() as cursor:
        found = {}
        for label, table in tables.items():
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 (fixed names)
            found[label] = cursor.fetchone()[0]
    return found
