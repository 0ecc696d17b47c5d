"""One province's synthetic data set, written with bulk inserts (bench/documents.py uses it;
the national data set of `make bench` is bench/national.py).

Assessment results come from the same engine as the product (criteria.rules.evaluate over
criteria.selectors.criterion_rules); only the row writing is bulk, because entering tens of
thousands of assessments one by one through the service would take the benchmark's whole budget.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from communes.models import Commune, District, Province, Region
from criteria import rules
from criteria.demo import DATA_FILE, _fill_sample_thresholds
from criteria.models import Assessment, CriteriaSet, CriterionResult, IndicatorValue
from criteria.selectors import criteria_with_thresholds, criterion_rules
from criteria.services import criteria_set_import
from criteria.services.storage import link_previous
from ntm_portal import periods
from ntm_portal.models import User
from ntm_portal.text import fold
from sponsorships.models import Agency, Assignment, MonthlyReport, SupportActivity

BATCH = 5000


@dataclass
class Dataset:
    province: Province
    criteria_set: CriteriaSet
    office_user: User
    staff_user: User
    sample_commune: Commune
    sample_agency: Agency
    period: dt.date

    def summary(self) -> str:
        counts = {
            "communes": Commune.objects.count(),
            "assessments": Assessment.objects.count(),
            "criterion results": CriterionResult.objects.count(),
            "indicator values": IndicatorValue.objects.count(),
            "assignments": Assignment.objects.count(),
            "activities": SupportActivity.objects.count(),
            "monthly reports": MonthlyReport.objects.count(),
        }
        return ", ".join(f"{value:,} {name}" for name, value in counts.items())


def build(*, communes: int, months: int, activities: int, reports: int) -> Dataset:
    rng = random.Random(20261121)
    province = Province.objects.create(code="99", name="Tỉnh thử tải", region=Region.TDMNPB)
    criteria_set = criteria_set_import(
        data=json.loads(DATA_FILE.read_text(encoding="utf-8")), province=province
    )
    _fill_sample_thresholds(criteria_set, classification_key=province.region)
    commune_rows = _communes(province, communes, rng)
    office = User.objects.create_user("bench_office", role=User.Role.COORDINATION_OFFICE)
    _assessments(commune_rows, criteria_set, months, office, rng)
    link_previous()  # what the service does after each write (the rows above are bulk)
    agencies = Agency.objects.bulk_create(
        Agency(name=f"Cơ quan thử tải {n}", short_name=f"CQ{n}", kind=Agency.Kind.DEPARTMENT)
        for n in range(300)
    )
    assignments = _assignments(commune_rows[:reports], agencies)
    _activities(assignments, activities, rng)
    period = periods.current_period(timezone.now(), periods_tz())
    from sponsorships.services.monthly_reports import monthly_reports_open

    monthly_reports_open(period=period)
    staff = User.objects.create_user("bench_staff", role=User.Role.AGENCY_STAFF, agency=agencies[0])
    return Dataset(province, criteria_set, office, staff, commune_rows[0], agencies[0], period)


def periods_tz():
    from zoneinfo import ZoneInfo

    from django.conf import settings

    return ZoneInfo(settings.TIME_ZONE)


def _communes(province: Province, count: int, rng: random.Random) -> list[Commune]:
    districts = District.objects.bulk_create(
        District(province=province, code=f"D{n:04d}", name=f"Huyện {n}", kind="Huyện")
        for n in range(max(1, count // 14))
    )
    difficulties = list(Commune.Difficulty.values)
    return Commune.objects.bulk_create(
        (
            Commune(
                province=province,
                district=districts[n % len(districts)],
                code=f"C{n:05d}",
                name=f"Xã thử tải {n}",
                search_name=fold(f"Xã thử tải {n}"),
                kind=Commune.Kind.XA,
                region=Region.TDMNPB,
                difficulty=rng.choice(difficulties),
            )
            for n in range(count)
        ),
        batch_size=BATCH,
    )


def _assessments(communes, criteria_set, months, office, rng) -> None:
    criteria = criteria_with_thresholds(criteria_set=criteria_set, classification_key="tdmnpb")
    criterion_ids = {item.criterion.number: item.criterion.pk for item in criteria}
    indicator_ids = {e.indicator.code: e.indicator.pk for item in criteria for e in item.indicators}
    recent = periods.recent_periods(timezone.now(), periods_tz(), months)
    for month_index, period in enumerate(recent):
        is_current = month_index == len(recent) - 1
        engine_input = criterion_rules(criteria, year=period.year)
        for start in range(0, len(communes), BATCH):
            chunk = communes[start : start + BATCH]
            evaluations = [rules.evaluate(engine_input, _values(engine_input, rng)) for _ in chunk]
            saved = Assessment.objects.bulk_create(
                Assessment(
                    commune=commune,
                    criteria_set=criteria_set,
                    period=period,
                    stage=Assessment.Stage.SELF_ASSESSED,
                    entered_by=office,
                    criteria_met=ev.criteria_met,
                    criteria_total=ev.criteria_total,
                    criteria_not_assessed=ev.criteria_not_assessed,
                    meets_standard=ev.meets_standard,
                    is_current=is_current,
                )
                for commune, ev in zip(chunk, evaluations, strict=True)
            )
            _results(saved, evaluations, criterion_ids, indicator_ids, is_current)
            if is_current:
                for commune, ev in zip(chunk, evaluations, strict=True):
                    commune.criteria_met, commune.criteria_total = (
                        ev.criteria_met,
                        ev.criteria_total,
                    )
                    commune.meets_standard, commune.assessed_period = ev.meets_standard, period
                Commune.objects.bulk_update(
                    chunk, ["criteria_met", "criteria_total", "meets_standard", "assessed_period"]
                )


def _values(engine_input, rng) -> dict[str, Decimal]:
    values = {}
    for criterion in engine_input:
        fails = rng.random() < 0.35
        for rule in criterion.indicators:
            if rule.kind == rules.BOOLEAN:
                values[rule.code] = Decimal(0 if fails and rng.random() < 0.5 else 1)
            else:
                base = rule.threshold or Decimal(50)
                delta = Decimal(rng.randint(-10, 10))
                values[rule.code] = max(Decimal(0), min(Decimal(100), base + delta))
    return values


def _results(saved, evaluations, criterion_ids, indicator_ids, is_current) -> None:
    CriterionResult.objects.bulk_create(
        (
            CriterionResult(
                assessment=assessment,
                criterion_id=criterion_ids[outcome.number],
                result=outcome.result,
                indicators_met=outcome.indicators_met,
                indicators_total=len(outcome.indicators),
                is_current=is_current,
            )
            for assessment, ev in zip(saved, evaluations, strict=True)
            for outcome in ev.criteria
        ),
        batch_size=BATCH,
    )
    IndicatorValue.objects.bulk_create(
        (
            IndicatorValue(
                assessment=assessment,
                indicator_id=indicator_ids[ind.code],
                value=ind.value,
                threshold_value=ind.threshold,
                result=ind.result,
            )
            for assessment, ev in zip(saved, evaluations, strict=True)
            for outcome in ev.criteria
            for ind in outcome.indicators
        ),
        batch_size=BATCH,
    )


def _assignments(communes, agencies) -> list[Assignment]:
    return Assignment.objects.bulk_create(
        (
            Assignment(
                agency=agencies[n % len(agencies)],
                commune=commune,
                start_date=dt.date(2025, 1, 1),
                decision_number=f"{n}/QĐ-UBND",
            )
            for n, commune in enumerate(communes)
        ),
        batch_size=BATCH,
    )


def _activities(assignments, count, rng) -> None:
    kinds = list(SupportActivity.Kind.values)
    today = timezone.localdate()
    SupportActivity.objects.bulk_create(
        (
            SupportActivity(
                assignment=assignments[n % len(assignments)],
                date=today - dt.timedelta(days=rng.randint(0, 365)),
                kind=rng.choice(kinds),
                title=f"Hoạt động thử tải {n}",
                amount=rng.randint(0, 200) * 500_000,
                funding_source=SupportActivity.FundingSource.AGENCY_BUDGET,
            )
            for n in range(count)
        ),
        batch_size=BATCH,
    )
