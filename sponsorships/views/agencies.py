"""Agency pages: the list, one agency (assignments, activities, totals per year), and the
coordination office's add / edit / delete."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ntm_portal.filters import filtered_queryset
from sponsorships.filters import AgencyFilterSet
from sponsorships.forms.agencies import AgencyForm
from sponsorships.permissions import can_change_agency, can_manage_agencies, can_manage_assignments
from sponsorships.selectors.activities import (
    agency_recent_activities,
    agency_year_totals,
    assignment_totals,
)
from sponsorships.selectors.agencies import agency_get, agency_list, assignment_list, today
from sponsorships.selectors.report_recipients import monthly_reports_without_recipient
from sponsorships.services import agencies as services
from sponsorships.views._access import add_service_errors, paginate, require, role_required

RECENT_ACTIVITIES = 15


@require_GET
@role_required
def agency_list_view(request: HttpRequest) -> HttpResponse:
    filterset = AgencyFilterSet(request.GET, queryset=agency_list(user=request.user))
    queryset = filtered_queryset(filterset)
    page = paginate(request, queryset, per_page=50)
    return render(
        request,
        "sponsorships/agency_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "agencies": page.object_list,
            "can_manage": can_manage_agencies(request.user),
        },
    )


@require_GET
@role_required
def agency_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    agency = agency_get(user=request.user, pk=pk)
    assignments = list(assignment_list(user=request.user).filter(agency=agency))
    totals = assignment_totals(assignment_ids=[a.pk for a in assignments])
    recent = agency_recent_activities(
        user=request.user, agency_id=agency.pk, limit=RECENT_ACTIVITIES
    )
    no_recipient = list(monthly_reports_without_recipient(user=request.user, agency_id=agency.pk))
    return render(
        request,
        "sponsorships/agency_detail.html",
        {
            "agency": agency,
            "assignments": [(a, totals.get(a.pk), a.covers(today())) for a in assignments],
            "year_totals": agency_year_totals(user=request.user, agency_id=agency.pk),
            "recent_activities": recent,
            "has_sample": any(a.is_sample for a in recent),
            "no_recipient_reports": no_recipient,
            "no_recipient_ids": {report.assignment_id for report in no_recipient},
            "can_manage": can_manage_agencies(request.user),
            "can_manage_assignments": can_manage_assignments(request.user),
        },
    )


@role_required
def agency_create_view(request: HttpRequest) -> HttpResponse:
    require(can_manage_agencies(request.user))
    form = AgencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agency = services.agency_create(user=request.user, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm cơ quan “%(name)s”.") % {"name": agency.name})
            return redirect("sponsorships:agency_detail", pk=agency.pk)
    return render(request, "sponsorships/agency_form.html", {"form": form})


@role_required
def agency_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    agency = agency_get(user=request.user, pk=pk)
    require(can_change_agency(request.user, agency))
    form = AgencyForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            services.agency_update(agency=agency, user=request.user, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
            agency = agency_get(user=request.user, pk=pk)  # as stored, not as typed
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("sponsorships:agency_detail", pk=agency.pk)
    return render(request, "sponsorships/agency_form.html", {"form": form, "agency": agency})


@role_required
def agency_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    agency = agency_get(user=request.user, pk=pk)
    require(can_change_agency(request.user, agency))
    error = None
    if request.method == "POST":
        try:
            services.agency_delete(agency=agency, user=request.user)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, _("Đã xóa cơ quan “%(name)s”.") % {"name": agency.name})
            return redirect("sponsorships:agency_list")
    return render(
        request,
        "sponsorships/confirm_delete.html",
        {
            "object": agency,
            "error": error,
            "cancel_url": agency.get_absolute_url(),
            "title": _("Xóa cơ quan"),
        },
    )
