"""The criteria summary tables (CriterionCount, MetCount), kept on every assessment write.

storage.store calls :func:`summaries_move` in its transaction when assessments become current:
the results of the assessment they replace are taken away and theirs added, as deltas on the
rows of the commune's province and district. :func:`summaries_rebuild` computes the same rows
from scratch (``manage.py rebuild_summaries``, the migration that created the tables).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import groupby

from django.db import transaction
from django.db.models import Count, Q

from communes.models import Commune
from criteria.models import (
    Assessment,
    CriterionCount,
    CriterionResult,
    MetCount,
    Result,
    StandingChange,
)
from criteria.models_current_rule import CurrentRule
from criteria.selectors.assessments import current_rule
from criteria.standing_rules import Entry, changes_by_set, difference
from ntm_portal.summaries import add_deltas, lock_for_rebuild, merge

COUNT_KEYS = ("province", "district_key", "criterion")
COUNT_VALUES = ("met", "not_met", "not_assessed")
MET_KEYS = ("province", "district_key", "criteria_met", "criteria_total")
STANDING_KEYS = ("province", "district_key", "commune_group", "month", "criteria_total")
STANDING_VALUES = ("assessed", "at_standard", "criteria_met")
ENTRY_FIELDS = (
    "period",
    "stage",
    "created_at",
    "id",
    "meets_standard",
    "criteria_met",
    "criteria_total",
)
RESULT_INDEX = {Result.MET: 0, Result.NOT_MET: 1, Result.NOT_ASSESSED: 2}


def _place(commune: Commune) -> tuple[int, int]:
    return commune.province_id, commune.district_id or 0


def _one_hot(result: str, sign: int) -> list[int]:
    delta = [0, 0, 0]
    delta[RESULT_INDEX[Result(result)]] = sign
    return delta


def summaries_move(
    *,
    communes: dict[int, Commune],
    retired: Sequence[Assessment],
    winners: Sequence[Assessment],
    results: Iterable[CriterionResult],
) -> None:
    """Take the ``retired`` assessments out of the summaries and put the ``winners`` in."""
    counts: dict[tuple, list] = {}
    commune_of = {a.pk: a.commune_id for a in retired}
    old = CriterionResult.objects.filter(assessment_id__in=commune_of).values_list(
        "assessment_id", "criterion_id", "result"
    )
    for assessment_id, criterion_id, result in old:
        place = _place(communes[commune_of[assessment_id]])
        merge(counts, (*place, criterion_id), _one_hot(result, -1))
    for row in results:
        place = _place(communes[row.assessment.commune_id])
        merge(counts, (*place, row.criterion_id), _one_hot(row.result, 1))
    add_deltas(CriterionCount, keys=COUNT_KEYS, values=COUNT_VALUES, deltas=counts)
    mets: dict[tuple, list] = {}
    for sign, assessments in ((-1, retired), (1, winners)):
        for assessment in assessments:
            commune = communes[assessment.commune_id]
            if commune.kind == Commune.Kind.XA:
                key = (*_place(commune), assessment.criteria_met, assessment.criteria_total)
                merge(mets, key, [sign])
    add_deltas(MetCount, keys=MET_KEYS, values=("communes",), deltas=mets)


@transaction.atomic
def summaries_rebuild() -> None:
    """Empty the criteria summaries and compute them again from the current assessments."""
    lock_for_rebuild(CriterionCount, MetCount, StandingChange)
    CriterionCount.objects.all().delete()
    MetCount.objects.all().delete()
    StandingChange.objects.all().delete()
    place = ("assessment__commune__province_id", "assessment__commune__district_id")
    rows = (
        CriterionResult.objects.filter(is_current=True)
        .values(*place, "criterion_id")
        .annotate(
            met=Count("id", filter=Q(result=Result.MET)),
            not_met=Count("id", filter=Q(result=Result.NOT_MET)),
            not_assessed=Count("id", filter=Q(result=Result.NOT_ASSESSED)),
        )
        .order_by()
    )
    CriterionCount.objects.bulk_create(
        CriterionCount(
            province_id=row[place[0]],
            district_key=row[place[1]] or 0,
            criterion_id=row["criterion_id"],
            **{name: row[name] for name in COUNT_VALUES},
        )
        for row in rows
    )
    _rebuild_met()
    _rebuild_standings()


def _rebuild_met() -> None:
    place = ("commune__province_id", "commune__district_id")
    rows = (
        Assessment.objects.filter(is_current=True, commune__kind=Commune.Kind.XA)
        .values(*place, "criteria_met", "criteria_total")
        .annotate(n=Count("id"))
        .order_by()
    )
    MetCount.objects.bulk_create(
        MetCount(
            province_id=row[place[0]],
            district_key=row[place[1]] or 0,
            criteria_met=row["criteria_met"],
            criteria_total=row["criteria_total"],
            communes=row["n"],
        )
        for row in rows
    )


def standings_move(*, communes: dict[int, Commune], new_ids: set[int], rule: str) -> None:
    """Move StandingChange by what the new assessments (``new_ids``, saved) change in their
    communes' standings over time: one read of those communes' history, one upsert."""
    xa = {pk: c for pk, c in communes.items() if c.kind == Commune.Kind.XA}
    if not xa:
        return
    history: dict[int, list[Entry]] = defaultdict(list)
    rows = Assessment.objects.filter(commune_id__in=xa).values_list("commune_id", *ENTRY_FIELDS)
    for commune_id, *fields in rows.order_by():
        history[commune_id].append(Entry(*fields))
    deltas: dict[tuple, list] = {}
    standing_changes = _standing_changes(rule)
    for commune_id, entries in history.items():
        commune = xa[commune_id]
        before = standing_changes(entry for entry in entries if entry.id not in new_ids)
        for (month, total), delta in difference(before, standing_changes(entries)).items():
            merge(deltas, (*_place(commune), commune.commune_group, month, total), delta)
    add_deltas(StandingChange, keys=STANDING_KEYS, values=STANDING_VALUES, deltas=deltas)


def _standing_changes(rule: str):
    """``changes_by_set`` under the office's rule of which assessment counts."""
    appraised_first = rule == CurrentRule.APPRAISED_FIRST
    return lambda entries: changes_by_set(entries, appraised_first=appraised_first)


def _rebuild_standings() -> None:
    place = ("commune__province_id", "commune__district_id", "commune__commune_group")
    rows = (
        Assessment.objects.filter(commune__kind=Commune.Kind.XA)
        .values_list("commune_id", *place, *ENTRY_FIELDS)
        .order_by("commune_id")
    )
    deltas: dict[tuple, list] = {}
    standing_changes = _standing_changes(current_rule())
    for _commune, group in groupby(rows.iterator(chunk_size=5000), key=lambda row: row[0]):
        group = list(group)
        province, district, commune_group = group[0][1:4]
        for (month, total), delta in standing_changes(Entry(*row[4:]) for row in group).items():
            merge(deltas, (province, district or 0, commune_group, month, total), delta)
    StandingChange.objects.bulk_create(
        (
            StandingChange(
                province_id=key[0],
                district_key=key[1],
                commune_group=key[2],
                month=key[3],
                criteria_total=key[4],
                **dict(zip(STANDING_VALUES, delta, strict=True)),
            )
            for key, delta in deltas.items()
            if any(delta)
        ),
        batch_size=5000,
    )
