"""A criteria set as a table: every indicator's thresholds for every region (or commune group)."""

from __future__ import annotations

from dataclasses import dataclass

from communes.models import CommuneGroup, Region
from criteria.models import ClassificationScheme, CriteriaSet, Criterion, Indicator, Threshold

KEY_LABELS = {**dict(Region.choices), **dict(CommuneGroup.choices)}


@dataclass(frozen=True)
class IndicatorThresholds:
    indicator: Indicator
    cells: tuple[tuple[Threshold, ...], ...]  # one cell per key, rows ordered by year


@dataclass(frozen=True)
class CriterionThresholds:
    criterion: Criterion
    indicators: tuple[IndicatorThresholds, ...]


@dataclass(frozen=True)
class CriteriaSetTable:
    criteria_set: CriteriaSet
    keys: tuple[tuple[str, str], ...]  # (key, label), in the choices' order
    criteria: tuple[CriterionThresholds, ...]


def criteria_set_table(*, criteria_set: CriteriaSet) -> CriteriaSetTable:
    """Build the table from a set loaded by ``criteria_set_get`` (no further queries)."""
    criteria = list(criteria_set.criteria.all())
    used = {
        t.classification_key
        for c in criteria
        for i in c.indicators.all()
        for t in i.thresholds.all()
    }
    if criteria_set.classification_scheme == ClassificationScheme.COMMUNE_GROUP:
        used |= set(CommuneGroup.values)  # three columns: always show them all
    keys = tuple((key, str(label)) for key, label in KEY_LABELS.items() if key in used)
    keys += tuple((key, key) for key in sorted(used - set(KEY_LABELS)))
    return CriteriaSetTable(
        criteria_set=criteria_set,
        keys=keys,
        criteria=tuple(
            CriterionThresholds(criterion, tuple(_row(i, keys) for i in criterion.indicators.all()))
            for criterion in criteria
        ),
    )


def _row(indicator: Indicator, keys: tuple[tuple[str, str], ...]) -> IndicatorThresholds:
    rows = sorted(indicator.thresholds.all(), key=lambda t: t.year or 0)
    return IndicatorThresholds(
        indicator=indicator,
        cells=tuple(tuple(t for t in rows if t.classification_key == key) for key, _label in keys),
    )
