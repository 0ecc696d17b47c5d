"""Assignment pages: the list, one assignment, the office's add / edit / delete, and the
difficult communes that no agency is helping."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ntm_portal.filters import filtered_queryset
from sponsorships.filters import AssignmentFilterSet
from sponsorships.forms.agencies import AssignmentForm
from sponsorships.permissions import can_add_activity, can_change_assignment, can_manage_assignments
from sponsorships.selectors.activities import activity_list, activity_summary
from sponsorships.selectors.agencies import (
    assignment_get,
    assignment_list,
    communes_without_sponsor,
    today,
)
from sponsorships.services import agencies as services
from sponsorships.views._access import add_service_errors, paginate, require, role_required

RECENT_ACTIVITIES = 20


@require_GET
@role_required
def assignment_list_view(request: HttpRequest) -> HttpResponse:
    filterset = AssignmentFilterSet(request.GET, queryset=assignment_list(user=request.user))
    queryset = filtered_queryset(filterset)
    page = paginate(request, queryset, per_page=50)
    return render(
        request,
        "sponsorships/assignment_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "today": today(),
            "assignments": page.object_list,
            "can_manage": can_manage_assignments(request.user),
        },
    )


@require_GET
@role_required
def assignment_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = assignment_get(user=request.user, pk=pk)
    activities = activity_list(user=request.user).filter(assignment=assignment)
    recent = list(activities[:RECENT_ACTIVITIES])
    return render(
        request,
        "sponsorships/assignment_detail.html",
        {
            "assignment": assignment,
            "is_active": assignment.covers(today()),
            "summary": activity_summary(queryset=activities),
            "recent_activities": recent,
            "has_sample": any(a.is_sample for a in recent),
            "can_manage": can_manage_assignments(request.user),
            "can_add_activity": can_add_activity(request.user, assignment),
        },
    )


@role_required
def assignment_create_view(request: HttpRequest) -> HttpResponse:
    require(can_manage_assignments(request.user))
    form = AssignmentForm(request.POST or None, initial=request.GET.dict() or None)
    if request.method == "POST" and form.is_valid():
        try:
            assignment = services.assignment_create(user=request.user, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm phân công %(name)s.") % {"name": assignment})
            return redirect(assignment)
    return render(request, "sponsorships/assignment_form.html", {"form": form})


@role_required
def assignment_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = assignment_get(user=request.user, pk=pk)
    require(can_change_assignment(request.user, assignment))
    form = AssignmentForm(request.POST or None, assignment=assignment)
    if request.method == "POST" and form.is_valid():
        try:
            services.assignment_update(
                assignment=assignment, user=request.user, **form.service_kwargs()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            assignment = assignment_get(user=request.user, pk=pk)  # as stored, not as typed
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect(assignment)
    return render(
        request, "sponsorships/assignment_form.html", {"form": form, "assignment": assignment}
    )


@role_required
def assignment_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = assignment_get(user=request.user, pk=pk)
    require(can_change_assignment(request.user, assignment))
    error = None
    if request.method == "POST":
        try:
            services.assignment_delete(assignment=assignment, user=request.user)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, _("Đã xóa phân công %(name)s.") % {"name": assignment})
            return redirect("sponsorships:assignment_list")
    return render(
        request,
        "sponsorships/confirm_delete.html",
        {
            "object": assignment,
            "error": error,
            "cancel_url": assignment.get_absolute_url(),
            "title": _("Xóa phân công"),
        },
    )


@require_GET
@role_required
def communes_without_sponsor_view(request: HttpRequest) -> HttpResponse:
    communes = communes_without_sponsor(user=request.user)
    page = paginate(request, communes, per_page=100)
    return render(
        request,
        "sponsorships/communes_without_sponsor.html",
        {
            "page_obj": page,
            "communes": page.object_list,
            "today": today(),
            "can_manage": can_manage_assignments(request.user),
        },
    )
