"""Writes of agencies and assignments (the coordination office's job).

Callers check permission first (sponsorships.permissions); these functions validate and save,
recording the acting user in the history.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from criteria.models import Criterion
from ntm_portal.models import User
from sponsorships.models import Agency, Assignment, MonthlyReport
from sponsorships.services._history import save_with_history
from sponsorships.services.report_summaries import report_counts_kept

AGENCY_FIELDS = (
    "name",
    "short_name",
    "kind",
    "parent",
    "contact_name",
    "phone",
    "email",
    "address",
)
ASSIGNMENT_FIELDS = (
    "agency",
    "commune",
    "start_date",
    "end_date",
    "decision_number",
    "decision_date",
    "decision_issuer",
    "goals",
)


def _save(instance: Any, *, user: User | None) -> None:
    instance._history_user = user
    instance.full_clean()
    instance.save()


def _check_parent(agency: Agency) -> None:
    ancestor, seen = agency.parent, set()
    while ancestor is not None and ancestor.pk not in seen:
        if agency.pk is not None and ancestor.pk == agency.pk:
            raise ValidationError(
                {
                    "parent": [
                        _(
                            "Cơ quan cấp trên không được là chính cơ quan này "
                            "hoặc đơn vị trực thuộc của nó."
                        )
                    ]
                }
            )
        seen.add(ancestor.pk)
        ancestor = ancestor.parent


@transaction.atomic
def agency_create(*, user: User | None, **fields: Any) -> Agency:
    agency = Agency(**{name: fields[name] for name in AGENCY_FIELDS if name in fields})
    _save(agency, user=user)
    return agency


@transaction.atomic
def agency_update(*, agency: Agency, user: User | None, **fields: Any) -> Agency:
    for name in AGENCY_FIELDS:
        if name in fields:
            setattr(agency, name, fields[name])
    _check_parent(agency)
    _save(agency, user=user)
    return agency


@transaction.atomic
def agency_delete(*, agency: Agency, user: User | None) -> None:
    if agency.assignments.exists() or agency.staff.exists() or agency.children.exists():
        raise ValidationError(
            _("Không thể xóa cơ quan đã có phân công, tài khoản cán bộ hoặc đơn vị trực thuộc."),
            code="protected",
        )
    agency._history_user = user
    agency.delete()


def _check_period(assignment: Assignment) -> None:
    """End before start is refused on the end date; activities must stay inside the period."""
    start, end = assignment.start_date, assignment.end_date
    if start and end and end < start:
        raise ValidationError({"end_date": [_("Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.")]})
    if assignment.pk is None or start is None:
        return
    outside = assignment.activities.filter(date__lt=start)
    if end is not None:
        outside = outside | assignment.activities.filter(date__gt=end)
    first = outside.order_by("date").first()
    if first is not None:
        raise ValidationError(
            {
                "start_date" if first.date < start else "end_date": [
                    _("Hoạt động “%(title)s” ngày %(date)s sẽ nằm ngoài thời gian phân công.")
                    % {"title": first.title, "date": date_format(first.date, "SHORT_DATE_FORMAT")}
                ]
            }
        )


def _check_parties_kept(assignment: Assignment, fields: dict[str, Any]) -> None:
    """Activities and reports were done by this agency for this commune (and the summaries
    count them so): once there are any, a change of either is a new assignment."""
    moved = [
        name
        for name in ("agency", "commune")
        if name in fields
        and getattr(fields[name], "pk", fields[name]) != getattr(assignment, f"{name}_id")
    ]
    if moved and (assignment.activities.exists() or assignment.monthly_reports.exists()):
        message = _(
            "Phân công đã có hoạt động hoặc báo cáo tháng: không đổi được cơ quan hay xã; hãy "
            "đặt ngày kết thúc và tạo phân công mới."
        )
        raise ValidationError({name: [message] for name in moved}, code="protected")


@transaction.atomic
def assignment_create(
    *, user: User | None, focus_criteria: Iterable[Criterion] = (), **fields: Any
) -> Assignment:
    assignment = Assignment(**{name: fields[name] for name in ASSIGNMENT_FIELDS if name in fields})
    _check_period(assignment)
    assignment.full_clean()
    save_with_history(assignment, user=user, m2m={"focus_criteria": focus_criteria})
    return assignment


@transaction.atomic
def assignment_update(
    *,
    assignment: Assignment,
    user: User | None,
    focus_criteria: Iterable[Criterion] | None = None,
    **fields: Any,
) -> Assignment:
    _check_parties_kept(assignment, fields)
    for name in ASSIGNMENT_FIELDS:
        if name in fields:
            setattr(assignment, name, fields[name])
    _check_period(assignment)
    assignment.full_clean()
    # Its reports are counted under its agency and its commune's district and province.
    with report_counts_kept(MonthlyReport.objects.filter(assignment=assignment)):
        save_with_history(assignment, user=user, m2m={"focus_criteria": focus_criteria})
    return assignment


@transaction.atomic
def assignment_delete(*, assignment: Assignment, user: User | None) -> None:
    if assignment.activities.exists() or assignment.monthly_reports.exists():
        raise ValidationError(
            _("Không thể xóa phân công đã có hoạt động hoặc báo cáo tháng; hãy đặt ngày kết thúc."),
            code="protected",
        )
    assignment._history_user = user
    assignment.delete()
