"""Demo data: the 2021–2025 set as the province's own copy, and six months of assessments.

Sample data, labelled as such in the UI. Thresholds the public sources did not give (null in
the JSON) are filled for the province's region with plausible values marked unverified, so
the demo shows communes meeting all 19 criteria without ever counting a missing threshold as
met. Assessments go through ``assessments_create_many``: the same checks and engine as the form
and the API, with bulk writes.
Deterministic (seeded by commune code) and safe to run twice.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from communes.models import Commune, Province
from criteria import rules
from criteria.models import Assessment, CriteriaSet, Threshold
from criteria.selectors import CriterionWithIndicators, criteria_with_thresholds, criterion_rules
from criteria.services import AssessmentEntry, assessments_create_many, criteria_set_import
from ntm_portal import periods
from ntm_portal.models import User

DATA_FILE = Path(__file__).resolve().parent / "data" / "criteria_2021_2025.json"
SAMPLE_NOTE = "Giá trị minh họa cho dữ liệu mẫu — chưa kiểm chứng"
MONTHS = 6
# Plausible values for thresholds not recovered from public sources (sample data, unverified).
SAMPLE_THRESHOLDS = {
    "2.2": 70,
    "2.3": 70,
    "2.4": 60,
    "3.1": 70,
    "5": 70,
    "9.2": 75,
    "10": 45,
    "11": 13,
    "12.2": 25,
    "14.2": 70,
    "14.3": 25,
    "15.1": 85,
    "15.3": 31,
    "17.1": 85,
    "17.6": 70,
    "17.8": 60,
    "17.9": 60,
    "17.11": 30,
    "17.12": 50,
}
# How likely each criterion is to be the one a commune has not met yet (criterion 7, rural
# markets, was met by few communes; income, poverty and environment are the hardest).
UNMET_WEIGHTS = {7: 8, 10: 4, 11: 4, 17: 4, 13: 3, 2: 3, 5: 2, 12: 2, 14: 2, 15: 2, 3: 2, 9: 2}
AT_STANDARD = {Commune.Level.STANDARD, Commune.Level.ADVANCED, Commune.Level.MODEL}
# A few communes with a story, so each list of "what needs action" has someone in it: unmet
# criteria of the earlier months, then of the latest month (commune code → (earlier, latest)).
STORIES: dict[str, tuple[set[int], set[int]]] = {
    "01990": ({4, 7, 10}, {4}),  # Lục Bình: 18/19, close to the standard
    "02011": ({7, 10, 13}, {7, 10}),  # Mỹ Thanh: 17/19, close
    "01993": ({7, 13}, {7, 13, 17}),  # Tân Tú: lost criterion 17 (environment, critical)
    "02005": (set(), {17}),  # Quân Hà, recognised in 2020; lost 17: no longer 19/19
    "01999": (
        set(),
        {2, 5, 7, 10, 11, 13, 17},
    ),  # Nguyên Phúc, recognised 2019: 7 of 19 below incl. income (revocation rule)
}
# Communes whose last assessment is older than a year (they stopped entering them).
STALE_MONTHS_BACK = {"02089": 14, "02098": 20}  # Tân Sơn, Hoà Mục


def load(*, province: Province) -> CriteriaSet:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    criteria_set = criteria_set_import(data=data, province=province)
    _fill_sample_thresholds(criteria_set, classification_key=province.region)
    if not Assessment.objects.filter(commune__province=province).exists():
        _assess_communes(province, criteria_set)
    return criteria_set


def _fill_sample_thresholds(criteria_set: CriteriaSet, *, classification_key: str) -> None:
    missing = Threshold.objects.filter(
        indicator__criterion__criteria_set=criteria_set,
        classification_key=classification_key,
        value__isnull=True,
    ).select_related("indicator")
    filled = []
    for threshold in missing:
        value = SAMPLE_THRESHOLDS.get(threshold.indicator.code)
        if value is not None:
            threshold.value, threshold.is_verified, threshold.note = (
                Decimal(value),
                False,
                SAMPLE_NOTE,
            )
            filled.append(threshold)
    Threshold.objects.bulk_update(filled, ["value", "is_verified", "note"])


def _assess_communes(province: Province, criteria_set: CriteriaSet) -> None:
    tz = ZoneInfo(settings.TIME_ZONE)
    now = timezone.now()
    # An ended set, or a province ended by the 2025 reform: the last months both existed.
    ends = [day for day in (criteria_set.valid_to, province.valid_to) if day is not None]
    if ends:
        now = min(now, periods.start_of_local_day(min(ends), tz))
    recent = periods.recent_periods(now, tz, MONTHS)
    loaded: dict[str, list[CriterionWithIndicators]] = {}
    entries = []
    communes = Commune.objects.filter(province=province, kind=Commune.Kind.XA).order_by("code")
    for commune in communes:
        key = commune.classification_key(criteria_set.classification_scheme)
        if key not in loaded:
            loaded[key] = criteria_with_thresholds(
                criteria_set=criteria_set, classification_key=key
            )
        numbers = [item.criterion.number for item in loaded[key]]
        rng = random.Random(f"ntm-demo-{commune.code}")
        plan = _unmet_plan(commune, numbers, len(recent), rng)
        back = STALE_MONTHS_BACK.get(commune.code, 0)
        for period, unmet in zip([periods.add_months(p, -back) for p in recent], plan, strict=True):
            values = _sample_values(criterion_rules(loaded[key], year=period.year), unmet, rng)
            entries.append(
                AssessmentEntry(commune=commune, period=period, stage=_stage(period), values=values)
            )
    assessments_create_many(entries=entries, entered_by=_office_user())


def _stage(period: dt.date) -> str:
    """Communes self-assess monthly; the province appraises at the end of each quarter."""
    if period.month % 3 == 0:
        return Assessment.Stage.APPRAISED
    return Assessment.Stage.SELF_ASSESSED


def _office_user() -> User:
    user, _created = User.objects.get_or_create(
        username="vpdp",
        defaults={
            "role": User.Role.COORDINATION_OFFICE,
            "first_name": "Văn phòng",
            "last_name": "điều phối",
            # No password: ntm_portal.demo decides by environment whether demo logins get one.
            "password": make_password(None),
        },
    )
    return user


def _unmet_plan(
    commune: Commune, numbers: Sequence[int], months: int, rng: random.Random
) -> list[set[int]]:
    """Unmet criteria per month, oldest first: a commune only gains criteria over the months,
    except the few with a story (STORIES)."""
    if commune.code in STORIES:
        earlier, latest = STORIES[commune.code]
        return [set(earlier) for _month in range(months - 1)] + [set(latest)]
    if commune.ntm_level in AT_STANDARD:
        return [set() for _month in range(months)]
    met_now = min(17, max(8, round(rng.gauss(11.5, 2.3))))
    unmet = _weighted_sample(numbers, len(numbers) - met_now, rng)
    plan = [set(unmet)]
    for _month in range(months - 1):
        if rng.random() < 0.4:
            unmet = unmet | _weighted_sample([n for n in numbers if n not in unmet], 1, rng)
        plan.append(set(unmet))
    return list(reversed(plan))


def _weighted_sample(numbers: Sequence[int], count: int, rng: random.Random) -> set[int]:
    remaining, chosen = list(numbers), set()
    while remaining and len(chosen) < count:
        pick = rng.choices(remaining, weights=[UNMET_WEIGHTS.get(n, 1) for n in remaining])[0]
        chosen.add(pick)
        remaining.remove(pick)
    return chosen


def _sample_values(
    engine_rules: Sequence[rules.CriterionRule], unmet: set[int], rng: random.Random
) -> dict[str, Decimal | None]:
    values: dict[str, Decimal | None] = {}
    for criterion in engine_rules:
        failing = rng.choice(criterion.indicators).code if criterion.number in unmet else None
        for rule in criterion.indicators:
            values[rule.code] = _sample_value(rule, meets=rule.code != failing, rng=rng)
    return values


def _sample_value(rule: rules.IndicatorRule, *, meets: bool, rng: random.Random) -> Decimal | None:
    """A plausible value on the right (or wrong) side of the threshold, to one decimal."""
    if rule.threshold is None:
        return None
    if rule.kind == rules.BOOLEAN:
        return Decimal(int(meets))
    threshold = float(rule.threshold)
    ceiling = 100.0 if rule.kind == rules.PERCENT else threshold * 1.5 + 1
    if rule.comparator == rules.EQ:
        value = threshold if meets else threshold + 1
    elif rule.comparator == rules.GTE:
        value = (
            rng.uniform(threshold, min(ceiling, threshold * 1.25))
            if meets
            else rng.uniform(threshold * 0.6, threshold * 0.95)
        )
    else:
        value = (
            rng.uniform(threshold * 0.4, threshold)
            if meets
            else rng.uniform(threshold * 1.1, min(ceiling, threshold * 1.8))
        )
    return Decimal(f"{value:.1f}")
