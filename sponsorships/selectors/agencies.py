"""Reads of agencies and assignments, scoped by user (public to every portal role)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from communes.models import Commune
from criteria.models import Criterion
from criteria.selectors import commune_unmet_criteria, criteria_set_current
from ntm_portal.permissions import (
    PortalUser,
    has_portal_role,
    is_agency_staff,
    is_coordination_office,
)
from sponsorships.models import Agency, Assignment


def today() -> dt.date:
    return timezone.localdate()


def active_q(day: dt.date, prefix: str = "") -> Q:
    """Assignments running on ``day`` (open-ended ones included)."""
    return Q(**{f"{prefix}start_date__lte": day}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": day})
    )


def agency_list(*, user: PortalUser) -> QuerySet[Agency]:
    """Every agency for a portal role (nothing otherwise), with assignment counts."""
    if not has_portal_role(user):
        return Agency.objects.none()
    return (
        Agency.objects.select_related("parent")
        .order_by("name")
        .annotate(
            assignment_count=_assignment_count("agency"),
            active_assignment_count=_assignment_count("agency", active_q(today())),
        )
    )


def _assignment_count(owner: str, *conditions: Q) -> Coalesce:
    """The assignments of the row's ``owner`` (agency or commune) meeting ``conditions``,
    counted for each row a page shows: a join grouped every row's assignments in the country
    before the page was cut from them."""
    rows = (
        Assignment.objects.filter(*conditions, **{owner: OuterRef("pk")})
        .order_by()
        .values(owner)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)


def agency_get(*, user: PortalUser, pk: int) -> Agency:
    return get_object_or_404(agency_list(user=user), pk=pk)


def assignment_list(*, user: PortalUser) -> QuerySet[Assignment]:
    if not has_portal_role(user):
        return Assignment.objects.none()
    return Assignment.objects.select_related(
        "agency", "commune", "commune__district"
    ).prefetch_related("focus_criteria")


def assignment_get(*, user: PortalUser, pk: int) -> Assignment:
    return get_object_or_404(assignment_list(user=user), pk=pk)


def assignment_active_list(*, user: PortalUser, day: dt.date | None = None) -> QuerySet[Assignment]:
    return assignment_list(user=user).filter(active_q(day or today()))


def assignments_writable_by(*, user: PortalUser) -> QuerySet[Assignment]:
    """Assignments the user may record activities against (the add form's choices)."""
    queryset = assignment_list(user=user)
    if is_coordination_office(user):
        return queryset
    if is_agency_staff(user):
        return queryset.filter(agency_id=user.agency_id)
    return queryset.none()


def staff_assignments(*, user: PortalUser, day: dt.date | None = None) -> list[Assignment]:
    """ "My communes": the active assignments of an agency staff member's agency."""
    if not getattr(user, "agency_id", None):
        return []
    return list(
        assignment_active_list(user=user, day=day)
        .filter(agency_id=user.agency_id)
        .order_by("commune__name")
    )


def without_sponsor_q(day: dt.date) -> Q:
    """Difficult or especially difficult, and no assignment running on ``day``: a condition on
    communes, checked row by row (filters within a province need not read the country's)."""
    active = Assignment.objects.filter(active_q(day), commune=OuterRef("pk"))
    return ~Q(difficulty=Commune.Difficulty.NORMAL) & ~Exists(active)


def communes_without_sponsor(*, user: PortalUser, day: dt.date | None = None) -> QuerySet[Commune]:
    """Difficult and especially difficult communes that no agency is helping on ``day``."""
    if not has_portal_role(user):
        return Commune.objects.none()
    return (
        Commune.objects.select_related("district")
        .filter(without_sponsor_q(day or today()))
        .annotate(past_assignment_count=_assignment_count("commune"))
        .order_by("district__name", "name")
    )


def current_criteria(
    *, commune: Commune | None = None, day: dt.date | None = None
) -> QuerySet[Criterion]:
    """The criteria of the set in force (the commune's province's own set first)."""
    criteria_set = criteria_set_current(
        on=day or today(), province=commune.province_id if commune else None
    )
    if criteria_set is None:
        return Criterion.objects.none()
    return Criterion.objects.filter(criteria_set=criteria_set).order_by("number")


def unmet_criterion_ids(*, commune: Commune) -> set[int]:
    """The criteria the commune does not meet in its latest assessment (criteria decides)."""
    return set(commune_unmet_criteria(commune=commune).values_list("pk", flat=True))
