"""Action predicates for monthly reports.

Who sees which report is decided by the selector (monthly_report_list): the coordination office
and leaders see every report, agency staff their agency's, commune officers their commune's;
anything else is a 404. These predicates then decide the action (403 when false):

  edit the draft      the agency's staff and the commune's officer
  submit              the agency's staff (the agency reports to the province)
  review              the coordination office (accept, or return with a reason)
  completeness page   the coordination office and leaders (who read everything)
  "remind now"        the coordination office

Predicates look at the role and the scope only; whether the report's *state* allows the action
(a submitted report cannot be edited) is checked by the service, which says why.
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
    from sponsorships.models import MonthlyReport


def is_report_agency_staff(user: PortalUser, report: MonthlyReport) -> bool:
    return is_agency_staff(user) and report.assignment.agency_id == user.agency_id


def is_report_commune_officer(user: PortalUser, report: MonthlyReport) -> bool:
    return is_commune_officer(user) and report.assignment.commune_id == user.commune_id


def can_edit_monthly_report(user: PortalUser, report: MonthlyReport) -> bool:
    return is_report_agency_staff(user, report) or is_report_commune_officer(user, report)


def can_submit_monthly_report(user: PortalUser, report: MonthlyReport) -> bool:
    return is_report_agency_staff(user, report)


def can_review_monthly_report(user: PortalUser, report: MonthlyReport) -> bool:
    return is_coordination_office(user)


def can_view_report_completeness(user: PortalUser) -> bool:
    return is_coordination_office(user) or is_leader(user)


def can_send_report_reminders(user: PortalUser) -> bool:
    return is_coordination_office(user)
