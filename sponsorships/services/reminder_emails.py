"""The reminder e-mails: one per report and stage, and the office's escalation digest.

Rendering only (no sending, no database writes); every message carries an ``X-NTM-Reminder``
header (report:stage:key) so an operator can trace a delivered e-mail back to its outbox row.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from ntm_portal import periods
from sponsorships.models import MonthlyReport, ReminderLog
from sponsorships.services.report_messages import (
    latest_return,
    province_tz,
    reminder_due_day,
    report_url,
)

HEADER = "X-NTM-Reminder"


@dataclass(frozen=True)
class ReminderMessage:
    subject: str
    lead: str
    email: EmailMultiAlternatives


def _return_reason(report: MonthlyReport) -> str:
    event = latest_return(report)
    return event.reason if event else ""


def reminder_lead(*, report: MonthlyReport, stage: str, due_day: dt.date, days_late: int) -> str:
    """The one sentence that says why this reminder comes now (also the notification's body)."""
    values = {
        "period": f"{report.period:%m/%Y}",
        "report": report.assignment,
        "due": f"{due_day:%d/%m/%Y}",
        "days": days_late,
    }
    if stage == ReminderLog.Stage.RETURNED:
        values["reason"] = _return_reason(report)
    return _leads()[stage] % values


def _leads() -> dict[str, str]:
    return {
        ReminderLog.Stage.BEFORE_DUE: _(
            "Báo cáo tháng %(period)s (%(report)s) đến hạn ngày %(due)s. "
            "Vui lòng hoàn thành và gửi trước hạn."
        ),
        ReminderLog.Stage.DUE: _(
            "Hôm nay, %(due)s, là hạn gửi báo cáo tháng %(period)s (%(report)s)."
        ),
        ReminderLog.Stage.OVERDUE: _(
            "Báo cáo tháng %(period)s (%(report)s) đã quá hạn %(due)s mà chưa được gửi."
        ),
        ReminderLog.Stage.ESCALATION: _(
            "Báo cáo tháng %(period)s (%(report)s) đã quá hạn %(days)s ngày "
            "(hạn %(due)s) mà cơ quan giúp đỡ chưa gửi."
        ),
        ReminderLog.Stage.MANUAL: _(
            "Văn phòng điều phối nhắc: báo cáo tháng %(period)s (%(report)s) chưa được gửi "
            "(hạn %(due)s)."
        ),
        ReminderLog.Stage.NO_RECIPIENT: _(
            "Không ai nhận được nhắc nhở về báo cáo tháng %(period)s (%(report)s, hạn %(due)s): "
            "cơ quan giúp đỡ và xã không có tài khoản nào đang hoạt động có thư điện tử."
        ),
        ReminderLog.Stage.RETURNED: _(
            "Văn phòng điều phối đã trả lại báo cáo tháng %(period)s (%(report)s). "
            "Lý do: %(reason)s. Vui lòng sửa và gửi lại trước hết ngày %(due)s."
        ),
    }


OFFICE_EMAILS = {
    ReminderLog.Stage.ESCALATION: "monthly_report_escalation",
    ReminderLog.Stage.NO_RECIPIENT: "monthly_report_no_recipient",
}


def build_reminder_email(
    *, report: MonthlyReport, stage: str, users: list, now: dt.datetime, key: str = ""
) -> ReminderMessage:
    """One email per report and stage, to every recipient who has an address, in Vietnamese."""
    name = OFFICE_EMAILS.get(stage, "monthly_report_reminder")
    due_day = reminder_due_day(report)
    days_late = (periods.local_date(now, province_tz()) - due_day).days
    with translation.override("vi"):
        context = {
            "report": report,
            "stage": stage,
            "due_day": due_day,
            "lead": reminder_lead(report=report, stage=stage, due_day=due_day, days_late=days_late),
            "url": report_url(report, absolute=True),
        }
        subject = " ".join(render_to_string(f"emails/{name}_subject.txt", context).split())
        text = render_to_string(f"emails/{name}_body.txt", context)
        html = render_to_string(f"emails/{name}_body.html", context)
    recipients = sorted({user.email for user in users if user.email})
    email = EmailMultiAlternatives(
        subject=subject, body=text, to=recipients, headers={HEADER: f"{report.pk}:{stage}:{key}"}
    )
    email.attach_alternative(html, "text/html")
    return ReminderMessage(subject=subject, lead=context["lead"], email=email)


@dataclass(frozen=True)
class DigestAgency:
    name: str
    reports: list


def build_escalation_digest(*, reports: list[MonthlyReport], users: list, now: dt.datetime):
    """One e-mail to the office listing every late report of this sweep, grouped by agency."""
    tz = province_tz()
    today = periods.local_date(now, tz)
    groups: dict[str, list] = defaultdict(list)
    for report in reports:
        report.days_late = (today - reminder_due_day(report)).days
        report.absolute_url = report_url(report, absolute=True)
        groups[report.assignment.agency.name].append(report)
    agencies = [DigestAgency(name, rows) for name, rows in sorted(groups.items())]
    context = {"agencies": agencies, "count": len(reports), "url": _completeness_url()}
    with translation.override("vi"):
        subject = " ".join(
            render_to_string("emails/monthly_report_escalation_digest_subject.txt", context).split()
        )
        text = render_to_string("emails/monthly_report_escalation_digest_body.txt", context)
        html = render_to_string("emails/monthly_report_escalation_digest_body.html", context)
    recipients = sorted({user.email for user in users if user.email})
    header = {HEADER: f"digest:escalation:{len(reports)}"}
    email = EmailMultiAlternatives(subject=subject, body=text, to=recipients, headers=header)
    email.attach_alternative(html, "text/html")
    return ReminderMessage(subject=subject, lead=subject, email=email)


def _completeness_url() -> str:
    path = reverse("sponsorships:monthly_report_completeness")
    return f"{settings.PORTAL_BASE_URL.rstrip('/')}{path}"
