"""Action predicates for agencies, assignments and support activities.

Reading is public to every portal role (selectors scope it; no role → nothing). Writing:

  coordination office  manages agencies and assignments; may also record, correct and delete
                       any activity (it compiles the province's figures and fixes mistakes)
  agency staff         records, edits and deletes activities of their own agency's assignments
  leader, commune      read only
  officer

Evidence (photos, scanned lists of beneficiary households) may carry personal data, so it is
narrower than the activity: the office, leaders, the agency's own staff and the helped
commune's officers see it; for anyone else it does not exist (404).

An object the user can read but not change gives 403; one the user cannot read gives 404
(the selectors decide that, before these predicates run).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ntm_portal.permissions import (
    PortalUser,
    is_agency_staff,
    is_commune_officer,
    is_coordination_office,
    is_leader,
)

if TYPE_CHECKING:
    from sponsorships.models import Assignment, SupportActivity


def can_manage_agencies(user: PortalUser) -> bool:
    return is_coordination_office(user)


def can_manage_assignments(user: PortalUser) -> bool:
    return is_coordination_office(user)


def can_record_activities(user: PortalUser) -> bool:
    """May open the add-activity form at all (which assignments: see can_add_activity)."""
    return is_coordination_office(user) or is_agency_staff(user)


def can_add_activity(user: PortalUser, assignment: Assignment) -> bool:
    if is_coordination_office(user):
        return True
    return is_agency_staff(user) and assignment.agency_id == user.agency_id


def can_change_activity(user: PortalUser, activity: SupportActivity) -> bool:
    return can_add_activity(user, activity.assignment)


def can_delete_activity(user: PortalUser, activity: SupportActivity) -> bool:
    return can_add_activity(user, activity.assignment)


def can_change_agency(user: PortalUser, agency: object) -> bool:
    return can_manage_agencies(user)


def can_change_assignment(user: PortalUser, assignment: object) -> bool:
    return can_manage_assignments(user)


def can_view_evidence(user: PortalUser, activity: SupportActivity) -> bool:
    assignment = activity.assignment
    if is_coordination_office(user) or is_leader(user):
        return True
    if is_agency_staff(user):
        return assignment.agency_id == user.agency_id
    return is_commune_officer(user) and assignment.commune_id == user.commune_id
