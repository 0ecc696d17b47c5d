"""What needs action: the lists of communes the coordination office acts on, with their counts.

Every list is a condition on communes (xã: only rural communes are assessed against the NTM
criteria), read from the commune's cached current assessment and the criteria and sponsorships
selectors, so each figure is current the moment an assessment or assignment is saved:

  close       missing 1 to PORTAL_CLOSE_TO_STANDARD_MISSING criteria (default 2) by the
              current assessment; with exactly which criteria and indicators, and how far off
  lost        a criterion met by the previous assessment is not met by the current one;
              communes that lost a critical criterion (QĐ 18/2022) first
  no_longer   recognised as NTM (any level) but not 19/19 by the latest assessment; flagged
              when the revocation rule of QĐ 18/2022 would apply (criteria.rules)
  off_track   planned to reach the standard this year, not recognised yet, and either not
              assessed this year or still missing more than PORTAL_OFF_TRACK_MISSING_CRITERIA
  no_sponsor  difficult or especially difficult, with no active assignment (sponsorships)
  stale       never assessed, or last assessed more than ``months`` months ago

The counts are one aggregate query; a list page is one query for its rows plus a fixed number
for their details, whatever the number of communes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from communes.models import Commune, District, Province
from communes.selectors import commune_list
from criteria import rules
from criteria.models import Assessment
from criteria.selectors import (
    CriterionGap,
    LostCriterion,
    communes_gaps,
    communes_lost_criteria,
    lost_criterion_results,
)
from ntm_portal import periods
from ntm_portal.permissions import PortalUser
from sponsorships.selectors.agencies import without_sponsor_q

CAP = 10  # rows of each list on the page that shows every list
PER_PAGE = 25  # rows of one list (?list=key) per page, each with up to 19 criteria's gaps

XA = Q(kind=Commune.Kind.XA)


@dataclass(frozen=True)
class ActionFilters:
    province: Province | None
    district: District | None = None
    months: int = 12
    today: dt.date = field(default_factory=timezone.localdate)

    @property
    def stale_before(self) -> dt.date:
        """Periods before this one are more than ``months`` months old."""
        return periods.add_months(periods.period_start(self.today), -self.months)


@dataclass(frozen=True)
class ActionListSpec:
    key: str
    title: Any  # lazy text


ACTION_LISTS = (
    ActionListSpec("close", _("Xã sắp đạt chuẩn")),
    ActionListSpec("lost", _("Xã bị mất tiêu chí so với lần đánh giá trước")),
    ActionListSpec("no_longer", _("Xã đã được công nhận nhưng không còn đạt 19/19")),
    ActionListSpec("off_track", _("Xã phấn đấu đạt chuẩn năm nay nhưng chậm tiến độ")),
    ActionListSpec("no_sponsor", _("Xã khó khăn chưa có đơn vị giúp đỡ")),
    ActionListSpec("stale", _("Xã lâu chưa đánh giá")),
)
LIST_KEYS = tuple(item.key for item in ACTION_LISTS)


def list_rule(key: str, filters: ActionFilters) -> str:
    """The rule of a list in words, as the page and the API state it."""
    close = settings.PORTAL_CLOSE_TO_STANDARD_MISSING
    off_track = settings.PORTAL_OFF_TRACK_MISSING_CRITERIA
    texts = {
        "close": ngettext(
            "Còn thiếu 1 tiêu chí theo lần đánh giá mới nhất.",
            "Còn thiếu từ 1 đến %(count)d tiêu chí theo lần đánh giá mới nhất.",
            close,
        )
        % {"count": close},
        "lost": _(
            "Tiêu chí đạt ở lần đánh giá trước (kỳ trước gần nhất) nhưng chưa đạt ở lần mới "
            "nhất; xã mất tiêu chí quan trọng (thu nhập; môi trường và an toàn thực phẩm; "
            "quốc phòng và an ninh) đứng trước."
        ),
        "no_longer": _(
            "Đã có quyết định công nhận nhưng lần đánh giá mới nhất chưa đạt đủ tiêu chí. "
            "Theo QĐ 18/2022/QĐ-TTg, xã bị thu hồi công nhận khi từ 50 % số tiêu chí trở lên "
            "không đạt, hoặc từ 30 % đến dưới 50 % không đạt mà có tiêu chí quan trọng."
        ),
        "off_track": _(
            "Năm phấn đấu đạt chuẩn là %(year)d, chưa được công nhận, và chưa đánh giá trong "
            "năm %(year)d hoặc còn thiếu hơn %(count)d tiêu chí."
        )
        % {"year": filters.today.year, "count": off_track},
        "no_sponsor": _("Xã khó khăn hoặc đặc biệt khó khăn không có phân công giúp đỡ đang chạy."),
        "stale": _(
            "Chưa từng đánh giá, hoặc lần đánh giá mới nhất cách đây hơn %(months)d tháng "
            "(trước kỳ %(period)s)."
        )
        % {"months": filters.months, "period": f"{filters.stale_before:%m/%Y}"},
    }
    return str(texts[key])


# --- Conditions ---------------------------------------------------------------------------


def _missing() -> Any:
    return F("criteria_total") - F("criteria_met")


def _lost_since_previous() -> Exists:
    """The commune's current assessment lost a criterion (the criteria app keeps the count);
    per commune through the partial index criteria_assessment_lost."""
    return Exists(
        Assessment.objects.filter(is_current=True, criteria_lost__gt=0, commune_id=OuterRef("pk"))
    )


def _lost_exists(**extra: Any) -> Exists:
    return Exists(lost_criterion_results().filter(assessment__commune_id=OuterRef("pk"), **extra))


def _conditions(filters: ActionFilters) -> dict[str, Q]:
    assessed = Q(criteria_met__isnull=False, criteria_total__gt=0)
    year_start = dt.date(filters.today.year, 1, 1)
    return {
        "close": XA
        & assessed
        & Q(criteria_met__lt=F("criteria_total"))
        & Q(criteria_met__gte=F("criteria_total") - settings.PORTAL_CLOSE_TO_STANDARD_MISSING),
        "lost": XA & Q(_lost_since_previous()),
        "no_longer": XA
        & ~Q(ntm_level=Commune.Level.NONE)
        & Q(assessed_period__isnull=False, meets_standard=False),
        "off_track": XA
        & Q(ntm_level=Commune.Level.NONE, target_year=filters.today.year)
        & (
            Q(assessed_period__isnull=True)
            | Q(assessed_period__lt=year_start)
            | Q(criteria_met__lt=F("criteria_total") - settings.PORTAL_OFF_TRACK_MISSING_CRITERIA)
        ),
        "no_sponsor": without_sponsor_q(filters.today),
        "stale": XA
        & (Q(assessed_period__isnull=True) | Q(assessed_period__lt=filters.stale_before)),
    }


def _ordering(key: str) -> list[Any]:
    by_name = ["search_name", "code"]
    return {
        "close": [F("criteria_met").desc(), *by_name],
        "lost": [F("lost_critical").desc(), *by_name],
        "no_longer": ["criteria_met", *by_name],
        "off_track": [F("criteria_met").asc(nulls_first=True), *by_name],
        "no_sponsor": ["district__code", *by_name],
        "stale": [F("assessed_period").asc(nulls_first=True), *by_name],
    }[key]


def action_scope(*, user: PortalUser, filters: ActionFilters) -> QuerySet[Commune]:
    """The communes the lists are drawn from: the user's, in the province (and district)."""
    if filters.province is None:
        return Commune.objects.none()
    communes = commune_list(user=user).filter(province=filters.province)
    if filters.district is not None:
        communes = communes.filter(district=filters.district)
    return communes


def _list_queryset(
    scope: QuerySet[Commune], conditions: dict[str, Q], key: str
) -> QuerySet[Commune]:
    """The communes of one list, in the list's order."""
    communes = scope.filter(conditions[key])
    if key == "lost":
        communes = communes.annotate(lost_critical=_lost_exists(criterion__is_critical=True))
    if key == "no_sponsor":
        communes = communes.annotate(past_assignment_count=Count("assignments"))
    return communes.order_by(*_ordering(key))


def action_counts(*, user: PortalUser, filters: ActionFilters) -> dict[str, int]:
    """List key → number of communes, in one query."""
    conditions = _conditions(filters)
    return action_scope(user=user, filters=filters).aggregate(
        **{key: Count("id", filter=condition) for key, condition in conditions.items()}
    )


# --- Rows with their details ----------------------------------------------------------------


@dataclass(frozen=True)
class ActionRow:
    commune: Commune
    gaps: tuple[CriterionGap, ...] = ()
    lost: tuple[LostCriterion, ...] = ()
    months_since_assessed: int | None = None

    @property
    def missing(self) -> int | None:
        commune = self.commune
        if commune.criteria_met is None or commune.criteria_total is None:
            return None
        return commune.criteria_total - commune.criteria_met

    @property
    def critical_missing(self) -> bool:
        return any(gap.is_critical for gap in self.gaps)

    @property
    def revocation_applies(self) -> bool:
        """QĐ 18/2022: would the recognised commune lose its title (criteria.rules)?"""
        return rules.revocation_applies(
            criteria_total=self.commune.criteria_total or 0,
            below_standard=self.missing or 0,
            critical_below=self.critical_missing,
        )

    @property
    def has_lost_critical(self) -> bool:
        return any(item.is_critical for item in self.lost)


@dataclass(frozen=True)
class ActionList:
    key: str
    title: str
    rule: str
    count: int
    rows: list[ActionRow]
    page: int = 1
    num_pages: int = 1

    @property
    def is_capped(self) -> bool:
        return len(self.rows) < self.count


@dataclass(frozen=True)
class ActionCount:
    key: str
    title: str
    count: int


@dataclass(frozen=True)
class ActionBoard:
    filters: ActionFilters
    counts: dict[str, int]
    lists: list[ActionList]
    only: str | None = None

    @property
    def count_items(self) -> list[ActionCount]:
        return count_items(self.counts)


def count_items(counts: dict[str, int]) -> list[ActionCount]:
    """The counts in the lists' order, with their titles."""
    return [ActionCount(spec.key, str(spec.title), counts[spec.key]) for spec in ACTION_LISTS]


GAP_LISTS = {"close", "no_longer"}


def action_board(
    *, user: PortalUser, filters: ActionFilters, only: str | None = None, page: Any = 1
) -> ActionBoard:
    """Every list (its first CAP rows) or only one (PER_PAGE rows of ``page``), with the
    counts of all lists."""
    counts = action_counts(user=user, filters=filters)
    scope, conditions = action_scope(user=user, filters=filters), _conditions(filters)
    lists = []
    for spec in ACTION_LISTS:
        if only and spec.key != only:
            continue
        communes = _list_queryset(scope, conditions, spec.key)
        number, num_pages = 1, 1
        if only:
            number, num_pages = page_number(page, counts[spec.key])
            rows = communes[(number - 1) * PER_PAGE : number * PER_PAGE]
        else:
            rows = communes[:CAP]
        lists.append(
            ActionList(
                key=spec.key,
                title=str(spec.title),
                rule=list_rule(spec.key, filters),
                count=counts[spec.key],
                rows=_rows(spec.key, list(rows), filters.today),
                page=number,
                num_pages=num_pages,
            )
        )
    return ActionBoard(filters=filters, counts=counts, lists=lists, only=only)


def page_number(page: Any, count: int) -> tuple[int, int]:
    """(page shown, number of pages) of a list of ``count`` rows, as Paginator.get_page reads
    ``page`` (not a number: the first; past the end: the last), from the count already read
    instead of a second COUNT."""
    num_pages = max(1, -(-count // PER_PAGE))
    try:
        number = int(page)
    except (TypeError, ValueError):
        return 1, num_pages
    return min(max(number, 1), num_pages), num_pages


def _rows(key: str, communes: list[Commune], today: dt.date) -> list[ActionRow]:
    ids = [commune.pk for commune in communes]
    gaps = (
        communes_gaps(commune_ids=ids, with_indicators=key == "close")
        if ids and key in GAP_LISTS
        else {}
    )
    lost = communes_lost_criteria(commune_ids=ids) if ids and key == "lost" else {}
    return [
        ActionRow(
            commune=c,
            gaps=gaps.get(c.pk, ()),
            lost=lost.get(c.pk, ()),
            months_since_assessed=months_since(c.assessed_period, today),
        )
        for c in communes
    ]


def months_since(period: dt.date | None, today: dt.date) -> int | None:
    """Whole months from an assessed period to the current one (None when never assessed)."""
    if period is None:
        return None
    current = periods.period_start(today)
    return (current.year - period.year) * 12 + current.month - period.month
