"""The agency staff home: my communes, their criteria status, the latest activities and a
one-page form to add an activity for the chosen commune."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from criteria.selectors.drilldown import communes_unmet_criteria
from ntm_portal.permissions import is_agency_staff
from sponsorships.selectors.activities import (
    activity_list,
    activity_summary,
    assignment_criterion_totals,
    year_q,
)
from sponsorships.selectors.agencies import staff_assignments, today
from sponsorships.views._access import require, role_required
from sponsorships.views.activity_edit import new_activity_form

RECENT_ACTIVITIES = 10


@require_GET
@role_required
def staff_home_view(request: HttpRequest) -> HttpResponse:
    require(is_agency_staff(request.user))
    assignments = staff_assignments(user=request.user)
    attach_unmet_criteria(request.user, assignments, today().year)
    selected = _selected(assignments, request.GET.get("assignment"))
    mine = activity_list(user=request.user).filter(assignment__agency_id=request.user.agency_id)
    recent = list(mine[:RECENT_ACTIVITIES])
    return render(
        request,
        "sponsorships/staff_home.html",
        {
            "agency": request.user.agency,
            "assignments": assignments,
            "selected": selected,
            "form": new_activity_form(selected) if selected else None,
            "recent_activities": recent,
            "has_sample": any(a.is_sample for a in recent),
            "year": today().year,
            "year_summary": activity_summary(queryset=mine.filter(year_q(today().year))),
        },
    )


def _selected(assignments: list, wanted: str | None):
    for assignment in assignments:
        if str(assignment.pk) == wanted:
            return assignment
    return assignments[0] if assignments else None


def attach_unmet_criteria(user, assignments: list, year: int) -> None:
    """Sets ``unmet_criteria`` on each assignment: (criterion, the agency's activities for it
    this year) per criterion the commune does not meet yet (2 queries in all)."""
    unmet = communes_unmet_criteria(commune_ids=[a.commune_id for a in assignments])
    totals = assignment_criterion_totals(
        user=user, assignment_ids=[a.pk for a in assignments], year=year
    )
    empty = {"count": 0, "amount": 0}
    for a in assignments:
        a.unmet_criteria = [
            (c, totals.get((a.pk, c.pk), empty)) for c in unmet.get(a.commune_id, [])
        ]
