"""Demo of the 2025 reform for criteria: a few 2026 assessments of the new Thái Nguyên communes
against the 2026–2030 set (code ``ntm-xa-2026-2030``, shipped by the set import as a skeleton).

Only when that set exists and has no indicators does the demo add one sample indicator per
criterion, with a threshold per commune group: sample data ("dữ liệu mẫu"), not verified, each
with a note saying so, never the official indicators. Without the set the demo skips, saying so.
Deterministic (seeded by commune code) and safe to run twice.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils.translation import gettext as _

from communes.models import Commune, CommuneGroup, Province
from criteria.demo import _office_user, _sample_values
from criteria.models import Assessment, CriteriaSet, Indicator, Threshold
from criteria.selectors import criteria_set_current, criteria_with_thresholds, criterion_rules
from criteria.services import AssessmentEntry, assessments_create_many

SET_CODE = "ntm-xa-2026-2030"
SAMPLE_NOTE = (
    "Dữ liệu mẫu — chưa kiểm chứng: chỉ tiêu và ngưỡng minh hoạ cho bản demo, "
    "không phải chỉ tiêu chính thức của Bộ tiêu chí 2026–2030."
)
SAMPLE_THRESHOLDS = {
    CommuneGroup.GROUP_1: Decimal(90),
    CommuneGroup.GROUP_2: Decimal(80),
    CommuneGroup.GROUP_3: Decimal(70),
}
PERIOD = dt.date(2026, 9, 1)  # the third quarter's appraisal
ASSESSED_COMMUNES = 6


def load(*, province: Province) -> str:
    """Assess a few of ``province``'s communes for 09/2026; returns what was done, or why not."""
    criteria_set = CriteriaSet.objects.filter(code=SET_CODE).first()
    if criteria_set is None:
        return _("Bỏ qua đánh giá năm 2026: chưa có bộ tiêu chí %(code)s.") % {"code": SET_CODE}
    if not Indicator.objects.filter(criterion__criteria_set=criteria_set).exists():
        _add_sample_indicators(criteria_set)
    period_end = dt.date(PERIOD.year, PERIOD.month, 30)
    if criteria_set_current(on=period_end, province=province) != criteria_set:
        return _(
            "Bỏ qua đánh giá năm 2026: bộ tiêu chí %(code)s chưa có hiệu lực kỳ %(period)s."
        ) % {
            "code": SET_CODE,
            "period": f"{PERIOD:%m/%Y}",
        }
    communes = Commune.objects.filter(province=province, kind=Commune.Kind.XA).order_by("code")
    chosen = list(communes[:ASSESSED_COMMUNES])
    if not Assessment.objects.filter(commune__in=chosen, criteria_set=criteria_set).exists():
        entries = [_entry(commune, criteria_set) for commune in chosen]
        if not all(any(v is not None for v in entry.values.values()) for entry in entries):
            message = _("Bỏ qua đánh giá năm 2026: bộ tiêu chí %(code)s chưa có ngưỡng cho các xã.")
            return message % {"code": SET_CODE}
        assessments_create_many(entries=entries, entered_by=_office_user())
    return _("Đánh giá năm 2026 (dữ liệu mẫu): %(count)s xã của tỉnh %(province)s.") % {
        "count": len(chosen),
        "province": province.name,
    }


def _add_sample_indicators(criteria_set: CriteriaSet) -> None:
    for criterion in criteria_set.criteria.all():
        indicator = Indicator.objects.create(
            criterion=criterion,
            code=f"{criterion.number}.1",
            name_vi=f"Chỉ tiêu mẫu của tiêu chí {criterion.number} (dữ liệu mẫu)",
            name_en=f"Sample indicator of criterion {criterion.number} (sample data)",
            kind=Indicator.Kind.PERCENT,
            comparator=Indicator.Comparator.GTE,
            unit="%",
            is_verified=False,
            note=SAMPLE_NOTE,
        )
        Threshold.objects.bulk_create(
            Threshold(
                indicator=indicator,
                classification_key=group,
                value=value,
                is_verified=False,
                note=SAMPLE_NOTE,
            )
            for group, value in SAMPLE_THRESHOLDS.items()
        )


def _entry(commune: Commune, criteria_set: CriteriaSet) -> AssessmentEntry:
    key = commune.classification_key(criteria_set.classification_scheme)
    engine_rules = criterion_rules(
        criteria_with_thresholds(criteria_set=criteria_set, classification_key=key),
        year=PERIOD.year,
    )
    rng = random.Random(f"ntm-demo-2026-{commune.code}")
    numbers = [criterion.number for criterion in engine_rules if criterion.indicators]
    unmet = set(rng.sample(numbers, min(len(numbers), rng.randint(0, 4))))
    return AssessmentEntry(
        commune=commune,
        period=PERIOD,
        stage=Assessment.Stage.APPRAISED,
        values=_sample_values(engine_rules, unmet, rng),
        note=_("Dữ liệu mẫu (demo)."),
    )
