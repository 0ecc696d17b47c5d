"""Write a parsed criteria set (from the JSON file or the spreadsheet) in one transaction.

Rows named are created or updated to the given values; nothing is deleted. A threshold the
office corrected in the admin is kept unless the caller says to overwrite it (the spreadsheet
import shows it in its preview and asks).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from criteria.models import CriteriaSet, Criterion, EnteredVia, Indicator, Threshold
from ntm_portal.models import User


@dataclass(frozen=True)
class ThresholdSpec:
    classification_key: str
    year: int | None
    value: Decimal | None
    is_verified: bool
    source: str = ""


@dataclass
class IndicatorSpec:
    code: str
    fields: dict[str, Any]
    thresholds: list[ThresholdSpec] = field(default_factory=list)


@dataclass
class CriterionSpec:
    number: int
    fields: dict[str, Any]
    indicators: list[IndicatorSpec] = field(default_factory=list)
    critical: bool | None = None  # the criterion's own "critical" flag, if the file gives one


@dataclass(frozen=True)
class Provenance:
    """How and by whom the thresholds are entered."""

    entered_via: str
    entered_by: User | None = None
    overwrite_corrected: bool = False


@transaction.atomic
def write_criteria_set(
    set_fields: dict[str, Any],
    criteria: list[CriterionSpec],
    *,
    entered_via: str,
    entered_by: User | None = None,
    overwrite_corrected: bool = False,
) -> CriteriaSet:
    fields = dict(set_fields)
    code = fields.pop("code")
    criteria_set, _created = CriteriaSet.objects.update_or_create(code=code, defaults=fields)
    criteria_set.full_clean()
    wanted: list[tuple[Indicator, ThresholdSpec]] = []
    for spec in criteria:
        criterion, _created = Criterion.objects.update_or_create(
            criteria_set=criteria_set, number=spec.number, defaults=spec.fields
        )
        for indicator_spec in spec.indicators:
            indicator, _created = Indicator.objects.update_or_create(
                criterion=criterion, code=indicator_spec.code, defaults=indicator_spec.fields
            )
            wanted.extend((indicator, threshold) for threshold in indicator_spec.thresholds)
    provenance = Provenance(entered_via, entered_by, overwrite_corrected)
    _write_thresholds(criteria_set, wanted, provenance)
    return criteria_set


def _write_thresholds(
    criteria_set: CriteriaSet,
    wanted: list[tuple[Indicator, ThresholdSpec]],
    provenance: Provenance,
) -> None:
    existing = {
        (t.indicator_id, t.classification_key, t.year): t
        for t in Threshold.objects.filter(indicator__criterion__criteria_set=criteria_set)
    }
    to_create, to_update = [], []
    for indicator, spec in wanted:
        row = existing.get((indicator.pk, spec.classification_key, spec.year))
        if row is None:
            row = Threshold(indicator=indicator, classification_key=spec.classification_key)
            row.year = spec.year
            to_create.append(_fill(row, spec, provenance))
        elif _should_update(row, spec, provenance):
            to_update.append(_fill(row, spec, provenance))
    Threshold.objects.bulk_create(to_create)
    Threshold.objects.bulk_update(to_update, [*WRITTEN_FIELDS])


WRITTEN_FIELDS = ("value", "is_verified", "source", "entered_via", "entered_by", "entered_at")


def _should_update(row: Threshold, spec: ThresholdSpec, provenance: Provenance) -> bool:
    if row.entered_via == EnteredVia.ADMIN and not provenance.overwrite_corrected:
        return False  # the office's correction survives a reload unless it chose otherwise
    return (row.value, row.is_verified, row.source) != (spec.value, spec.is_verified, spec.source)


def _fill(row: Threshold, spec: ThresholdSpec, provenance: Provenance) -> Threshold:
    row.value, row.is_verified, row.source = spec.value, spec.is_verified, spec.source
    row.entered_via, row.entered_by = provenance.entered_via, provenance.entered_by
    row.entered_at = timezone.now()
    return row
