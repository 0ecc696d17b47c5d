"""Activity pages that write: add (per assignment), edit, delete with confirmation, evidence.

Lookup first (404 outside scope), then the predicate (403), then the form, then the service.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sponsorships.forms.activities import ConfirmDeleteForm, SupportActivityForm
from sponsorships.models import Assignment, SupportActivity
from sponsorships.permissions import (
    can_add_activity,
    can_change_activity,
    can_delete_activity,
    can_record_activities,
)
from sponsorships.selectors.activities import activity_get, evidence_get
from sponsorships.selectors.agencies import active_q, assignment_get, assignments_writable_by, today
from sponsorships.services import activities as services
from sponsorships.views._access import add_service_errors, require, role_required


def new_activity_form(assignment: Assignment, data=None, files=None) -> SupportActivityForm:
    day = timezone.localdate()
    initial = {"date": day if assignment.covers(day) else None, "kind": SupportActivity.Kind.GOODS}
    return SupportActivityForm(data, files, assignment=assignment, initial=initial)


@role_required
def activity_choose_assignment_view(request: HttpRequest) -> HttpResponse:
    """Which commune is the new activity for? Straight to the form when there is one choice."""
    require(can_record_activities(request.user))
    assignments = list(
        assignments_writable_by(user=request.user)
        .filter(active_q(today()))
        .order_by("agency__name", "commune__name")
    )
    if len(assignments) == 1:
        return redirect("sponsorships:activity_create", assignment_pk=assignments[0].pk)
    return render(
        request, "sponsorships/activity_choose_assignment.html", {"assignments": assignments}
    )


@role_required
def activity_create_view(request: HttpRequest, assignment_pk: int) -> HttpResponse:
    assignment = assignment_get(user=request.user, pk=assignment_pk)
    require(can_add_activity(request.user, assignment))
    posted = request.method == "POST"
    form = new_activity_form(
        assignment, request.POST if posted else None, request.FILES if posted else None
    )
    if posted and form.is_valid():
        try:
            activity = services.activity_create(
                assignment=assignment, user=request.user, **form.service_kwargs()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Đã ghi nhận hoạt động “%(title)s”.") % {"title": activity.title}
            )
            return redirect("sponsorships:activity_detail", pk=activity.pk)
    return render(
        request, "sponsorships/activity_form.html", {"form": form, "assignment": assignment}
    )


@role_required
def activity_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    activity = activity_get(user=request.user, pk=pk)
    require(can_change_activity(request.user, activity))
    posted = request.method == "POST"
    form = SupportActivityForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        assignment=activity.assignment,
        initial=SupportActivityForm.initial_from(activity),
    )
    conflict = None
    if posted and form.is_valid():
        try:
            services.activity_update(
                activity=activity,
                user=request.user,
                expected_version=form.cleaned_data["version"] or 0,
                **form.service_kwargs(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            # The service set the unsaved values on ``activity``: the page shows the stored record.
            activity = activity_get(user=request.user, pk=pk)
            is_conflict = isinstance(exc, services.ConcurrentUpdateError)
            conflict = activity if is_conflict else None
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("sponsorships:activity_detail", pk=activity.pk)
    return render(
        request,
        "sponsorships/activity_form.html",
        {
            "form": form,
            "assignment": activity.assignment,
            "activity": activity,
            "conflict": conflict,
        },
    )


@role_required
def activity_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    activity = activity_get(user=request.user, pk=pk)
    require(can_delete_activity(request.user, activity))
    form = ConfirmDeleteForm(request.POST or None, initial={"version": activity.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_delete(
                activity=activity, user=request.user, expected_version=form.cleaned_data["version"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            form = _fresh_confirm(form, activity)
        else:
            messages.success(
                request, _("Đã xóa hoạt động “%(title)s”.") % {"title": activity.title}
            )
            return redirect("sponsorships:activity_list")
    return render(
        request, "sponsorships/activity_confirm_delete.html", {"form": form, "activity": activity}
    )


def _fresh_confirm(stale: ConfirmDeleteForm, current: SupportActivity) -> ConfirmDeleteForm:
    """Ask again, now against the version that is really there, keeping the conflict message."""
    form = ConfirmDeleteForm(initial={"version": current.version})
    form._errors = stale.errors
    return form


@require_POST
@role_required
def evidence_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = evidence_get(user=request.user, pk=pk)
    require(can_change_activity(request.user, evidence.activity))
    services.evidence_delete(evidence=evidence, user=request.user)
    messages.success(request, _("Đã xóa minh chứng “%(name)s”.") % {"name": evidence.original_name})
    return redirect("sponsorships:activity_detail", pk=evidence.activity_id)
