"""Reads of support activities, scoped by user, and their totals (one grouped query each).

Activities are public to every portal role: ``activity_list(user=…)`` is the single scoping
point used by the pages, the API, the exports and the panels. Who may *change* one is decided
by sponsorships.permissions, after the lookup.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Max, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.fields.tuple_lookups import Tuple, TupleLessThan
from django.db.models.functions import Coalesce, ExtractYear, TruncMonth
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.formats import number_format
from django.utils.translation import get_language

from communes.models import Village
from criteria.models import Criterion
from ntm_portal.permissions import PortalUser, has_portal_role
from sponsorships.models import Assignment, Evidence, SupportActivity
from sponsorships.permissions import can_view_evidence

ZERO_DAYS = Decimal("0")


def activity_list(*, user: PortalUser) -> QuerySet[SupportActivity]:
    """Every activity for a portal role, with what the lists show loaded up front."""
    if not has_portal_role(user):
        return SupportActivity.objects.none()
    return SupportActivity.objects.select_related(
        "assignment__agency", "assignment__commune__district", "village"
    ).prefetch_related("target_criteria")


def activity_get(*, user: PortalUser, pk: int) -> SupportActivity:
    """One activity (404 outside scope) with its evidence and its people."""
    queryset = (
        activity_list(user=user)
        .select_related("created_by", "updated_by")
        .prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.select_related("uploaded_by"))
        )
    )
    return get_object_or_404(queryset, pk=pk)


HISTORY_HIDDEN = ["version", "updated_by", "created_by", "is_sample"]


@dataclass(frozen=True)
class Change:
    field_label: str
    old_text: str
    new_text: str


def activity_history(*, activity: SupportActivity) -> list:
    """History records, newest first, each with ``changes`` (readable) since the one before."""
    records = list(
        activity.history.select_related("history_user").order_by("-history_date", "-history_id")
    )
    names = _history_names(records)
    # Bulk-loaded or imported activities have no history rows at all.
    for newer, older in zip(records, [*records[1:], None][: len(records)], strict=True):
        diff = newer.diff_against(older, excluded_fields=HISTORY_HIDDEN) if older else None
        newer.changes = [_change(c, names) for c in diff.changes] if diff else []
    return records


def _history_names(records: list) -> dict[tuple[str, int], str]:
    """Names of the villages and criteria the records mention (two queries at most)."""
    village_ids = {r.village_id for r in records if r.village_id}
    criterion_ids = {row.criterion_id for r in records for row in r.target_criteria.all()}
    names = {("village", v.pk): v.name for v in Village.objects.filter(pk__in=village_ids)}
    names |= {
        ("criterion", c.pk): str(c.number) for c in Criterion.objects.filter(pk__in=criterion_ids)
    }
    return names


def _change(change: object, names: dict[tuple[str, int], str]) -> Change:
    field = SupportActivity._meta.get_field(change.field)
    return Change(
        str(field.verbose_name), _text(field, change.old, names), _text(field, change.new, names)
    )


def _text(field: object, value: object, names: dict[tuple[str, int], str]) -> str:
    if value in (None, "", []):
        return "—"
    if field.many_to_many:
        return ", ".join(sorted(names.get(("criterion", row["criterion"]), "?") for row in value))
    if field.is_relation:
        return names.get(("village", value), str(value))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return (
        number_format(value, force_grouping=True)
        if isinstance(value, int | Decimal)
        else str(value)
    )


def evidence_get(*, user: PortalUser, pk: int) -> Evidence:
    """Evidence of a readable activity, for those who may see it; 404 for everyone else."""
    evidence = get_object_or_404(
        Evidence.objects.select_related("activity__assignment").filter(
            activity__in=activity_list(user=user).values("pk")
        ),
        pk=pk,
    )
    if not can_view_evidence(user, evidence.activity):
        raise Http404
    return evidence


@dataclass(frozen=True)
class Summary:
    count: int
    amount: int
    labour_days: Decimal
    agencies: int
    communes: int


@dataclass(frozen=True)
class TotalRow:
    key: object
    label: str
    count: int
    amount: int
    labour_days: Decimal


TOTALS = ("agency", "commune", "kind", "criterion", "month")

_GROUPS = {
    "agency": ("assignment__agency_id", "assignment__agency__name"),
    "commune": ("assignment__commune_id", "assignment__commune__name"),
    "kind": ("kind", "kind"),
    "criterion": ("target_criteria__number", "target_criteria__name_vi"),
    "month": ("month", "month"),
}


def _rows_of(queryset: QuerySet[SupportActivity]) -> QuerySet[SupportActivity]:
    """A clean base for aggregates, read in one pass over the filtered rows. Only a filter
    through a many-valued relation (a criterion: the list is then DISTINCT) needs the rows by
    id, or its join would restrict the criterion grouping and repeat rows in the sums."""
    if queryset.query.distinct:
        return SupportActivity.objects.filter(pk__in=queryset.order_by().values("pk")).order_by()
    return queryset.order_by()


def activity_summary(*, queryset: QuerySet[SupportActivity]) -> Summary:
    """Count, money, labour days, agencies and communes of the rows (one query)."""
    values = _rows_of(queryset).aggregate(
        count=Count("pk"),
        amount=Coalesce(Sum("amount"), 0),
        labour_days=Coalesce(Sum("labour_days"), ZERO_DAYS),
        agencies=Count("assignment__agency", distinct=True),
        communes=Count("assignment__commune", distinct=True),
    )
    return Summary(**values)


def activity_totals(*, queryset: QuerySet[SupportActivity], by: str) -> list[TotalRow]:
    """Totals of the rows grouped by agency, commune, kind, criterion or month (one query).

    An activity aimed at two criteria counts under both, so the criterion rows may add up to
    more than the grand total; activities without a criterion form their own row.
    """
    key, label = _GROUPS[by]
    if by == "criterion" and (get_language() or "vi").startswith("en"):
        label = "target_criteria__name_en"  # as Criterion.name: English names in English
    rows = _rows_of(queryset)
    if by == "month":
        rows = rows.annotate(month=TruncMonth("date"))
    # Each activity is one row of its group (a criterion at most once per activity): no
    # DISTINCT, which would sort every row.
    grouped = rows.values(key, label).annotate(
        n=Count("pk"),
        total=Coalesce(Sum("amount"), 0),
        days=Coalesce(Sum("labour_days"), ZERO_DAYS),
    )
    order = F(key).asc(nulls_last=True) if by in ("month", "criterion") else F("total").desc()
    return [_total_row(by, row, key, label) for row in grouped.order_by(order, label)]


def _total_row(by: str, row: dict, key: str, label: str) -> TotalRow:
    name = row[label]
    if by == "kind":
        name = SupportActivity.Kind(row[key]).label
    elif by == "criterion" and row[key] is not None:
        name = f"{row[key]}. {row[label]}"
    return TotalRow(
        key=row[key], label=name, count=row["n"], amount=row["total"], labour_days=row["days"]
    )


def agency_recent_activities(
    *, user: PortalUser, agency_id: int, limit: int
) -> list[SupportActivity]:
    """The agency's ``limit`` latest activities (2 queries, plus the list's prefetch)."""
    return newest_activities(
        queryset=activity_list(user=user).filter(assignment__agency_id=agency_id),
        count=limit,
        assignments=Assignment.objects.filter(agency_id=agency_id),
    )


def newest_activities(
    *,
    queryset: QuerySet[SupportActivity],
    count: int,
    assignments: QuerySet[Assignment],
    before: tuple[dt.date, int] | None = None,
) -> list[SupportActivity]:
    """The first ``count`` rows of ``queryset`` newest first, where every row belongs to one of
    ``assignments`` (an agency's, a district's: a filter through the assignment).

    Asked newest first with only such a filter, the database walks the country's activities
    newest first until it has met ``count`` of them (10,000 rows of other agencies at national
    size; every row for an agency with few). Bounded first by a day on or before the
    ``count``-th latest of the rows, it reads that stretch of the assignments' own rows."""
    queryset = queryset.order_by("-date", "-id")
    since = _day_before_newest(assignments=assignments, count=count, before=before)
    if since is None:  # no assignment has ``count`` rows: all of them are few
        return list(queryset)[:count]
    rows = list(queryset.filter(date__gte=since)[:count])
    # Other filters may leave fewer than ``count`` rows on or after the day: no bound then.
    return rows if len(rows) == count else list(queryset[:count])


def _day_before_newest(
    *, assignments: QuerySet[Assignment], count: int, before: tuple[dt.date, int] | None
) -> dt.date | None:
    """The latest of each assignment's ``count``-th latest activity day (before the cursor
    ``before``): the ``count`` latest rows are all on or after it (one assignment alone has
    ``count``)."""
    rows = SupportActivity.objects.filter(assignment=OuterRef("pk"))
    if before is not None:
        rows = rows.filter(TupleLessThan(Tuple(F("date"), F("id")), before))
    nth = rows.order_by("-date", "-id").values("date")[count - 1 : count]
    return assignments.annotate(nth=Subquery(nth)).aggregate(day=Max("nth"))["day"]


def agency_year_totals(*, user: PortalUser, agency_id: int) -> list[dict]:
    """Per year: activities, money and labour days of one agency (one query)."""
    return list(
        activity_list(user=user)
        .filter(assignment__agency_id=agency_id)
        .order_by()
        .annotate(year=ExtractYear("date"))
        .values("year")
        .annotate(
            count=Count("pk"),
            amount=Coalesce(Sum("amount"), 0),
            labour_days=Coalesce(Sum("labour_days"), ZERO_DAYS),
            communes=Count("assignment__commune", distinct=True),
        )
        .order_by("-year")
    )


def assignment_totals(*, assignment_ids: list[int]) -> dict[int, dict]:
    """Per assignment: activities and money (one query), for sponsor lists."""
    rows = (
        SupportActivity.objects.filter(assignment_id__in=assignment_ids)
        .order_by()
        .values("assignment_id")
        .annotate(count=Count("pk"), amount=Coalesce(Sum("amount"), 0), last_date=Max("date"))
    )
    return {row["assignment_id"]: row for row in rows}


def year_q(year: int) -> Q:
    return Q(date__gte=dt.date(year, 1, 1), date__lte=dt.date(year, 12, 31))


def assignment_criterion_totals(
    *, user: PortalUser, assignment_ids: list[int], year: int
) -> dict[tuple[int, int], dict]:
    """Per (assignment, criterion aimed at): activities and money of the year (one query)."""
    rows = (
        activity_list(user=user)
        .filter(year_q(year), assignment_id__in=assignment_ids, target_criteria__isnull=False)
        .order_by()
        .values("assignment_id", "target_criteria")
        .annotate(count=Count("pk", distinct=True), amount=Coalesce(Sum("amount"), 0))
    )
    return {(row["assignment_id"], row["target_criteria"]): row for row in rows}


@dataclass(frozen=True)
class KeysetPage:
    """One page of the list in its default order (newest first), found by the last row shown
    rather than by an offset: page 2,000 costs what page 1 does."""

    object_list: list[SupportActivity]
    after: str  # the cursor this page started after ("" for the first page)
    next_after: str | None


def activity_keyset_page(
    *,
    queryset: QuerySet[SupportActivity],
    after: str,
    size: int,
    assignments: QuerySet[Assignment] | None = None,
) -> KeysetPage:
    """The ``size`` activities after the cursor ``after`` ("2026-03-05.123", the date and id of
    the last row of the previous page; anything unreadable is the first page). ``assignments``:
    those every row belongs to, when a filter says so (see newest_activities)."""
    rows = activities_after(queryset=queryset, after=after)
    if assignments is None:
        rows = list(rows[: size + 1])
    else:
        rows = newest_activities(
            queryset=rows, count=size + 1, assignments=assignments, before=_cursor(after)
        )
    last = rows[size - 1] if len(rows) > size else None
    next_after = f"{last.date.isoformat()}.{last.pk}" if last else None
    return KeysetPage(rows[:size], after if _cursor(after) else "", next_after)


def activities_after(*, queryset: QuerySet[SupportActivity], after: str) -> QuerySet:
    """The rows older than the cursor, newest first."""
    queryset = queryset.order_by("-date", "-id")
    position = _cursor(after)
    if position is None:
        return queryset
    # A row comparison, (date, id) < (day, pk): read straight from the (-date, -id) index
    # (the same condition spelt with OR is a bitmap scan, then a sort of every older row).
    return queryset.filter(TupleLessThan(Tuple(F("date"), F("id")), position))


BIGINT_MAX = 2**63 - 1


def _cursor(after: str) -> tuple[dt.date, int] | None:
    """(date, id) from "YYYY-MM-DD.id"; None when unreadable or out of the id column's range
    (the database refuses an id past bigint, which was a 500)."""
    day, _, pk = (after or "").partition(".")
    try:
        position = dt.date.fromisoformat(day), int(pk)
    except ValueError:
        return None
    return position if 0 < position[1] <= BIGINT_MAX else None


def more_than(*, queryset: QuerySet, limit: int) -> bool:
    """Whether the rows number more than ``limit``, counting at most limit + 1 of them."""
    return queryset.order_by().values("pk")[: limit + 1].count() > limit
