"""The NTM history of a commune formed by a merger (1/7/2025): its predecessors' assessments and
recognition, then its own. Reads the communes' succession links (communes.selectors)."""

from __future__ import annotations

from dataclasses import dataclass, field

from communes.models import Commune
from communes.selectors import commune_predecessors
from criteria.models import Assessment


@dataclass(frozen=True)
class UnitHistory:
    """One unit's assessments, newest first, and what they and the recognition say."""

    commune: Commune
    assessments: list[Assessment] = field(default_factory=list)

    @property
    def latest(self) -> Assessment | None:
        return self.assessments[0] if self.assessments else None

    @property
    def first_standard_year(self) -> int | None:
        """The year of the earliest assessment meeting the standard, if any."""
        years = [a.period.year for a in self.assessments if a.meets_standard]
        return min(years) if years else None


@dataclass(frozen=True)
class MergedHistory:
    commune: Commune
    own: UnitHistory
    predecessors: list[UnitHistory]

    @property
    def timeline(self) -> list[tuple[Commune, Assessment]]:
        """Every assessment of the commune and its predecessors, newest first."""
        rows = [(h.commune, a) for h in (self.own, *self.predecessors) for a in h.assessments]
        return sorted(rows, key=lambda row: (row[1].period, row[1].created_at), reverse=True)


def commune_merged_history(*, commune: Commune) -> MergedHistory | None:
    """None for a commune not formed by a merger (1 query); otherwise 3 to 4 queries."""
    predecessors = commune_predecessors(commune=commune)
    if not predecessors:
        return None
    by_commune: dict[int, list[Assessment]] = {}
    rows = Assessment.objects.filter(commune__in=[commune, *predecessors])
    for assessment in rows.select_related("criteria_set").order_by("-period", "-created_at"):
        by_commune.setdefault(assessment.commune_id, []).append(assessment)
    # Its own history starts with its validity: an earlier row would belong to a predecessor.
    own = [
        a
        for a in by_commune.get(commune.pk, [])
        if commune.valid_from is None or a.period >= commune.valid_from
    ]
    return MergedHistory(
        commune=commune,
        own=UnitHistory(commune, own),
        predecessors=[UnitHistory(unit, by_commune.get(unit.pk, [])) for unit in predecessors],
    )
