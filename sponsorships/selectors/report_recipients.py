"""Who a monthly report's reminders can reach, and the open reports they cannot reach.

A report's *agency side* is the active staff of its agency and the active officers of its
commune: those who write it and get its reminders. A *reachable recipient* is one of them with
an e-mail address. The reminder send, "remind now" and the three pages that flag "không có
người nhận" (agency, commune, completeness) all read these definitions from here, so a page
never flags a report that the sender would reach, or the other way round.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db.models import Exists, OuterRef, Q, QuerySet

from ntm_portal.models import User
from ntm_portal.permissions import PortalUser
from sponsorships.models import OPEN_REPORT_STATUSES, Assignment, MonthlyReport
from sponsorships.selectors.monthly_reports import monthly_report_list


def agency_side_q(*, agency_id: object, commune_id: object, lookup: str = "") -> Q:
    """Active agency staff of ``agency_id`` and commune officers of ``commune_id`` (values or
    OuterRefs; collections with ``lookup="__in"``)."""
    return Q(is_active=True) & (
        Q(role=User.Role.AGENCY_STAFF, **{f"agency_id{lookup}": agency_id})
        | Q(role=User.Role.COMMUNE_OFFICER, **{f"commune_id{lookup}": commune_id})
    )


def agency_side_users_of(assignments: Iterable[Assignment]) -> Callable[[Assignment], list]:
    """The agency side of many assignments in one query: a function giving each one's users."""
    assignments = list(assignments)
    users = User.objects.filter(
        agency_side_q(
            agency_id={a.agency_id for a in assignments},
            commune_id={a.commune_id for a in assignments},
            lookup="__in",
        )
    )
    staff, officers = defaultdict(list), defaultdict(list)
    for user in users:
        if user.role == User.Role.AGENCY_STAFF:
            staff[user.agency_id].append(user)
        else:
            officers[user.commune_id].append(user)
    return lambda assignment: staff[assignment.agency_id] + officers[assignment.commune_id]


def has_reachable_recipient() -> Exists:
    """For a MonthlyReport queryset: some agency-side account of the report has an e-mail."""
    outer = {
        "agency_id": OuterRef("assignment__agency_id"),
        "commune_id": OuterRef("assignment__commune_id"),
    }
    return Exists(User.objects.filter(agency_side_q(**outer)).exclude(email=""))


def no_reachable_recipient() -> Q:
    """For a MonthlyReport queryset: ``~has_reachable_recipient()``, split into the agency's
    staff and the commune's officers, so that PostgreSQL runs two hashed anti-joins over the
    period's reports instead of probing the users once per report."""
    reachable = User.objects.filter(is_active=True).exclude(email="")
    # Never NULL (the roles' check constraints), which NOT IN would turn into "unknown".
    staff = reachable.filter(role=User.Role.AGENCY_STAFF, agency_id__isnull=False)
    officers = reachable.filter(role=User.Role.COMMUNE_OFFICER, commune_id__isnull=False)
    staff, officers = staff.values("agency_id"), officers.values("commune_id")
    return ~Q(assignment__agency_id__in=staff) & ~Q(assignment__commune_id__in=officers)


def monthly_reports_without_recipient(
    *,
    user: PortalUser,
    period: dt.date | None = None,
    agency_id: int | None = None,
    commune_id: int | None = None,
) -> QuerySet[MonthlyReport]:
    """The open reports in the user's scope that no reminder can reach, in one query.

    Narrowed to a period, an agency or a commune when given; oldest period first.
    """
    narrow = {
        "period": period,
        "assignment__agency_id": agency_id,
        "assignment__commune_id": commune_id,
    }
    return (
        monthly_report_list(user=user)
        .filter(status__in=OPEN_REPORT_STATUSES)
        .filter(**{name: value for name, value in narrow.items() if value is not None})
        .filter(no_reachable_recipient())
        .order_by("period", "assignment__agency__name", "assignment__commune__name", "pk")
    )
