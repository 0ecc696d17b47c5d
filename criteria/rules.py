"""The evaluation engine: pure functions over plain data, no database.

An indicator is met against the threshold for the commune's own classification key.
A criterion is met when all its indicators are met. A missing value or a missing threshold is
"not assessed": never "met", and never silently "not met". A commune meets the standard when
every criterion of the set is met (19/19 for the 2021–2025 set).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol, TypeVar

MET = "met"
NOT_MET = "not_met"
NOT_ASSESSED = "not_assessed"

BOOLEAN = "boolean"
PERCENT = "percent"
NUMBER = "number"

GTE = "gte"
LTE = "lte"
EQ = "eq"


@dataclass(frozen=True)
class IndicatorRule:
    """What an indicator asks for, with the threshold already chosen for one commune."""

    code: str
    kind: str
    comparator: str
    threshold: Decimal | None


@dataclass(frozen=True)
class CriterionRule:
    number: int
    indicators: Sequence[IndicatorRule]


@dataclass(frozen=True)
class IndicatorOutcome:
    code: str
    value: Decimal | None
    threshold: Decimal | None
    result: str


@dataclass(frozen=True)
class CriterionOutcome:
    number: int
    result: str
    indicators: tuple[IndicatorOutcome, ...]

    @property
    def indicators_met(self) -> int:
        return sum(1 for outcome in self.indicators if outcome.result == MET)


@dataclass(frozen=True)
class Evaluation:
    criteria: tuple[CriterionOutcome, ...]
    criteria_total: int
    criteria_met: int = field(init=False)
    criteria_not_assessed: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "criteria_met", sum(1 for c in self.criteria if c.result == MET))
        object.__setattr__(
            self, "criteria_not_assessed", sum(1 for c in self.criteria if c.result == NOT_ASSESSED)
        )

    @property
    def meets_standard(self) -> bool:
        return self.criteria_total > 0 and self.criteria_met == self.criteria_total


def indicator_result(rule: IndicatorRule, value: Decimal | None) -> str:
    """Met, not met, or not assessed (value or threshold missing)."""
    if value is None or rule.threshold is None:
        return NOT_ASSESSED
    if rule.kind == BOOLEAN:
        return MET if (value != 0) == (rule.threshold != 0) else NOT_MET
    if rule.comparator == GTE:
        return MET if value >= rule.threshold else NOT_MET
    if rule.comparator == LTE:
        return MET if value <= rule.threshold else NOT_MET
    if rule.comparator == EQ:
        return MET if value == rule.threshold else NOT_MET
    raise ValueError(f"Unknown comparator {rule.comparator!r} for indicator {rule.code}")


def criterion_result(indicator_results: Iterable[str]) -> str:
    """All met → met; any not met → not met (it cannot become met); otherwise not assessed.

    A criterion without indicators has nothing to be met against: not assessed.
    """
    results = list(indicator_results)
    if not results:
        return NOT_ASSESSED
    if NOT_MET in results:
        return NOT_MET
    if NOT_ASSESSED in results:
        return NOT_ASSESSED
    return MET


def evaluate(criteria: Sequence[CriterionRule], values: Mapping[str, Decimal | None]) -> Evaluation:
    """Evaluate every criterion of a set against the values entered, keyed by indicator code."""
    outcomes = []
    for criterion in criteria:
        indicator_outcomes = tuple(
            IndicatorOutcome(
                code=rule.code,
                value=values.get(rule.code),
                threshold=rule.threshold,
                result=indicator_result(rule, values.get(rule.code)),
            )
            for rule in criterion.indicators
        )
        outcomes.append(
            CriterionOutcome(
                number=criterion.number,
                result=criterion_result(o.result for o in indicator_outcomes),
                indicators=indicator_outcomes,
            )
        )
    return Evaluation(criteria=tuple(outcomes), criteria_total=len(criteria))


def value_error(kind: str, value: Decimal) -> str | None:
    """Why a value cannot be right for an indicator of this kind, or None. (Message keys.)"""
    if not value.is_finite():
        return "not_finite"
    if kind == BOOLEAN and value not in (Decimal(0), Decimal(1)):
        return "boolean"
    if kind == PERCENT and not (Decimal(0) <= value <= Decimal(100)):
        return "percent"
    if kind == NUMBER and value < 0:
        return "negative"
    return None


class ThresholdRow(Protocol):
    """Anything with a classification key and an optional year (a Threshold row, a tuple row)."""

    @property
    def classification_key(self) -> str: ...

    @property
    def year(self) -> int | None: ...


RowT = TypeVar("RowT", bound=ThresholdRow)


def applicable_threshold(rows: Iterable[RowT], key: str, year: int) -> RowT | None:
    """The row that applies to a classification key in a year, or None.

    A year on a row means "from this year on", so the row with the latest year not after
    ``year`` applies (the exact year if there is one). A row without a year is the general
    value, used when no year-specific row has started yet. Rows of other keys never apply.
    """
    general: RowT | None = None
    latest: RowT | None = None
    for row in rows:
        if row.classification_key != key:
            continue
        if row.year is None:
            general = general or row
        elif row.year <= year and (latest is None or row.year > (latest.year or 0)):
            latest = row
    return latest if latest is not None else general


@dataclass(frozen=True)
class _TupleRow:
    classification_key: str
    year: int | None
    value: Decimal | None


def choose_threshold(
    thresholds: Iterable[tuple[str, int | None, Decimal | None]], key: str, year: int
) -> Decimal | None:
    """The threshold value for a key and year from (key, year, value) rows.

    See applicable_threshold for which row applies.
    """
    row = applicable_threshold((_TupleRow(*t) for t in thresholds), key, year)
    return row.value if row is not None else None


def shortfall(value: Decimal | None, threshold: Decimal | None, comparator: str) -> Decimal | None:
    """How far a value is from meeting its threshold: 0 when met, positive when short
    (≥ 95 with 93,5 → 1,5; ≤ 10 with 12 → 2; = 1 with 0 → 1); None when either is missing.
    The sign-free "distance to the threshold" of the drill-down and action lists."""
    if value is None or threshold is None:
        return None
    if comparator == GTE:
        return max(threshold - value, Decimal(0))
    if comparator == LTE:
        return max(value - threshold, Decimal(0))
    return abs(value - threshold)


def margin(value: Decimal | None, threshold: Decimal | None, comparator: str) -> Decimal | None:
    """Signed distance: negative when short of the threshold, positive when beyond it (so a
    list sorted by it shows the closest misses and the narrowest passes next to each other)."""
    if value is None or threshold is None:
        return None
    if comparator == GTE:
        return value - threshold
    if comparator == LTE:
        return threshold - value
    return -abs(value - threshold)


def revocation_applies(*, criteria_total: int, below_standard: int, critical_below: bool) -> bool:
    """QĐ 18/2022/QĐ-TTg: would a recognised commune lose its NTM title?

    Yes when 50 % or more of its criteria are below standard, or when 30 % up to 50 % are and
    at least one of them is a critical criterion (income; environment and food safety; defence
    and security). For 19 criteria: 10 or more, or 6 to 9 with a critical one.
    """
    if criteria_total <= 0:
        return False
    share = Decimal(below_standard) / Decimal(criteria_total)
    if share >= Decimal("0.5"):
        return True
    return share >= Decimal("0.3") and critical_below
