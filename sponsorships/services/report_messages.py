"""Who hears about a monthly report, and the in-app notifications they get.

Shared by the review services and the reminders: the agency's staff and the commune's officers
for everything the agency must act on, the coordination office for submissions and escalations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from ntm_portal import periods
from ntm_portal.models import Notification, User
from sponsorships.models import MonthlyReport, MonthlyReportEvent
from sponsorships.selectors.report_recipients import agency_side_q


def province_tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def reminder_policy() -> periods.ReminderPolicy:
    return periods.ReminderPolicy(
        remind_days_before=settings.MONTHLY_REPORT_REMIND_DAYS_BEFORE,
        escalate_days_after=settings.MONTHLY_REPORT_ESCALATE_DAYS_AFTER,
    )


def report_due_day(report: MonthlyReport):
    """The local due date of a report (its due moment is the end of that day)."""
    return periods.local_date(report.due_at, province_tz())


def return_due_day(returned_at: dt.datetime) -> dt.date:
    """A returned report is due again MONTHLY_REPORT_RETURN_DAYS after its return (local)."""
    days = dt.timedelta(days=settings.MONTHLY_REPORT_RETURN_DAYS)
    return periods.local_date(returned_at, province_tz()) + days


def reminder_due_day(report: MonthlyReport) -> dt.date:
    """The local due date the report's current reminder schedule counts from: its due date,
    or while it is returned, the date it was given to be sent again (one query then)."""
    if report.status != MonthlyReport.Status.RETURNED:
        return report_due_day(report)
    event = latest_return(report)
    return return_due_day(event.created_at) if event else report_due_day(report)


RETURNS_PREFETCHED = "returned_events"


def returns_prefetch() -> Prefetch:
    """Every return of a batch's reports in one query (read by ``latest_return``)."""
    returns = MonthlyReportEvent.objects.filter(action=MonthlyReportEvent.Action.RETURNED)
    return Prefetch(
        "events", queryset=returns.order_by("-created_at", "-pk"), to_attr=RETURNS_PREFETCHED
    )


def latest_return(report: MonthlyReport) -> MonthlyReportEvent | None:
    """The report's latest return: from ``returns_prefetch`` if loaded, else one query."""
    if hasattr(report, RETURNS_PREFETCHED):
        return next(iter(getattr(report, RETURNS_PREFETCHED)), None)
    returns = report.events.filter(action=MonthlyReportEvent.Action.RETURNED)
    return returns.order_by("-created_at", "-pk").first()


def report_url(report: MonthlyReport, *, absolute: bool = False) -> str:
    path = reverse("sponsorships:monthly_report_detail", args=[report.pk])
    return f"{settings.PORTAL_BASE_URL.rstrip('/')}{path}" if absolute else path


def agency_side_users(report: MonthlyReport) -> QuerySet[User]:
    """The agency's staff and the commune's officers: those who write the report."""
    assignment = report.assignment
    return User.objects.filter(
        agency_side_q(agency_id=assignment.agency_id, commune_id=assignment.commune_id)
    )


def office_users() -> QuerySet[User]:
    return User.objects.filter(is_active=True, role=User.Role.COORDINATION_OFFICE)


def notify(users: Iterable[User], *, title: str, body: str, url: str) -> int:
    """One unread notification per user (one INSERT for all of them)."""
    rows = notifications(users, title=title, body=body, url=url)
    Notification.objects.bulk_create(rows)
    return len(rows)


def notifications(users: Iterable[User], *, title: str, body: str, url: str) -> list:
    """Unsaved notifications, so a batch of messages is written in one INSERT."""
    return [Notification(user=user, title=title[:255], body=body, url=url) for user in users]
