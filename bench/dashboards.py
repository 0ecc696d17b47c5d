"""Dashboards at national size (issue 9): the province overview and its API over ~10,000
communes with years of assessment history, all in one province (the worst case).

    python bench/dashboards.py      # make bench runs it; BENCH_DATABASE_URL as for bench/run.py

BENCH_REUSE=1 times again on the data set the previous run left (no rebuild).
Sizes: BENCH_DASHBOARD_COMMUNES (10000), BENCH_DASHBOARD_YEARS of quarterly assessments (5;
each fourth quarter also has the province's appraisal), BENCH_ACTIVITIES (100000).
Criterion results are written with one INSERT … SELECT (each commune meets its own subset of
criteria); indicator values are not written: no dashboard reads them. Prints the median of
5 requests of each page and endpoint, with its query count.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
COMMUNES = int(os.environ.get("BENCH_DASHBOARD_COMMUNES", 10_000))
YEARS = int(os.environ.get("BENCH_DASHBOARD_YEARS", 5))
ACTIVITIES = int(os.environ.get("BENCH_ACTIVITIES", 100_000))
PAGES = [
    ("province overview /dashboards/", "/dashboards/"),
    (
        "province overview, quarters, commune groups",
        "/dashboards/?period=quarter&group_by=commune_group",
    ),
    ("API /api/v1/dashboards/province/", "/api/v1/dashboards/province/"),
    (
        "API /api/v1/dashboards/province/?period=quarter",
        "/api/v1/dashboards/province/?period=quarter",
    ),
    ("national overview /dashboards/national/", "/dashboards/national/"),
    ("API /api/v1/dashboards/national/", "/api/v1/dashboards/national/"),
]


def quarter_periods(today: dt.date, years: int) -> list[dt.date]:
    """The first month of each of the last ``years`` × 4 quarters, oldest first."""
    from ntm_portal import periods

    start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    return [periods.add_months(start, -3 * n) for n in reversed(range(years * 4))]


def history(rng: random.Random, count: int) -> list[int]:
    """Criteria met at each assessment: a slow climb to 19 with the odd loss."""
    met, values = rng.randint(3, 14), []
    for _ in range(count):
        met = max(0, min(19, met + rng.choice((-1, 0, 0, 1, 1, 1))))
        values.append(met)
    return values


def build_assessments(communes, criteria_set, office, rng) -> int:
    from communes.models import Commune
    from criteria.models import Assessment

    quarters = quarter_periods(dt.date.today(), YEARS)
    rows, cache = [], []
    for commune in communes:
        for index, (period, met) in enumerate(
            zip(quarters, history(rng, len(quarters)), strict=True)
        ):
            is_last = index == len(quarters) - 1
            stages = ["self_assessed", "appraised"] if period.month == 10 else ["self_assessed"]
            for stage in stages:
                rows.append(
                    Assessment(
                        commune=commune,
                        criteria_set=criteria_set,
                        period=period,
                        stage=stage,
                        entered_by=office,
                        criteria_met=met,
                        criteria_total=19,
                        meets_standard=met == 19,
                        is_current=is_last and stage == stages[-1],
                    )
                )
            if is_last:
                commune.criteria_met, commune.criteria_total = met, 19
                commune.meets_standard, commune.assessed_period = met == 19, period
                if met == 19:
                    commune.ntm_level = rng.choice(["standard"] * 8 + ["advanced", "model"])
                    commune.ntm_level_year = rng.randint(2021, 2025)
        cache.append(commune)
    Assessment.objects.bulk_create(rows, batch_size=5000)
    Commune.objects.bulk_update(
        cache,
        [
            "criteria_met",
            "criteria_total",
            "meets_standard",
            "assessed_period",
            "ntm_level",
            "ntm_level_year",
        ],
        batch_size=5000,
    )
    return len(rows)


def build_results(criteria_set) -> None:
    """19 results per assessment in one statement; commune c meets the criteria whose
    (7 × number + c) mod 19 is below its count, so each commune lacks different ones."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO criteria_criterionresult
                (assessment_id, criterion_id, result, indicators_met, indicators_total, is_current)
            SELECT a.id, c.id,
                   CASE WHEN (7 * c.number + a.commune_id) %% 19 < a.criteria_met
                        THEN 'met' ELSE 'not_met' END,
                   0, 1, a.is_current
            FROM criteria_assessment a CROSS JOIN criteria_criterion c
            WHERE c.criteria_set_id = %s
            """,
            [criteria_set.pk],
        )


def build():
    import json

    from django.core.management import call_command

    from bench import dataset
    from communes.models import Province, Region
    from criteria.demo import DATA_FILE
    from criteria.services import criteria_set_import
    from ntm_portal.models import User
    from sponsorships.models import Agency

    rng = random.Random(20261130)
    province = Province.objects.create(code="99", name="Tỉnh thử tải", region=Region.TDMNPB)
    criteria_set = criteria_set_import(
        data=json.loads(DATA_FILE.read_text(encoding="utf-8")), province=province
    )
    communes = dataset._communes(province, COMMUNES, rng)
    office = User.objects.create_user("bench_office", role=User.Role.COORDINATION_OFFICE)
    assessments = build_assessments(communes, criteria_set, office, rng)
    build_results(criteria_set)
    agencies = Agency.objects.bulk_create(
        Agency(name=f"Cơ quan thử tải {n}", short_name=f"CQ{n}", kind=Agency.Kind.DEPARTMENT)
        for n in range(300)
    )
    dataset._activities(dataset._assignments(communes, agencies), ACTIVITIES, rng)
    call_command("rebuild_summaries", verbosity=0)  # the load bypassed the services
    return office, assessments


def build_timed(connection):
    from bench import run

    run.reset_database()
    start = time.perf_counter()
    office, assessments = build()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"Data set built in {time.perf_counter() - start:.1f} s: {COMMUNES:,} communes, "
        f"{assessments:,} assessments, {assessments * 19:,} criterion results, "
        f"{ACTIVITIES:,} activities"
    )
    return office


def main() -> None:
    from django.db import connection
    from django.test import Client

    from bench import run  # sets the environment up and calls django.setup()

    run.setup_test_environment()
    print(f"Database: {connection.vendor}; communes {COMMUNES:,}, {YEARS} years of quarters")
    if os.environ.get("BENCH_REUSE"):  # time again on the data set of the previous run
        from ntm_portal.models import User

        office = User.objects.get(username="bench_office")
    else:
        office = build_timed(connection)
    client = Client()
    client.force_login(office)
    print("Dashboards (median of 5, coordination office):")
    for label, url in PAGES:
        run.timed(label, lambda url=url: client.get(url))


if __name__ == "__main__":
    main()
