"""Community contributions: the list with its totals, and a commune's add / edit / delete."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from campaigns.filters import ContributionFilterSet
from campaigns.forms import ContributionForm
from campaigns.permissions import can_change_commune_record, can_record_for_communes
from campaigns.selectors.contributions import (
    NO_TOTALS,
    contribution_get,
    contribution_list,
    contribution_totals,
)
from campaigns.services import contributions as services
from ntm_portal.pagination import Counted
from ntm_portal.permissions import is_commune_officer
from sponsorships.views._access import add_service_errors, paginate, require, role_required


@require_GET
@role_required
def contribution_list_view(request: HttpRequest) -> HttpResponse:
    filterset = ContributionFilterSet(request.GET, queryset=contribution_list(user=request.user))
    if filterset.is_valid():
        queryset = filterset.qs
        totals = contribution_totals(user=request.user, filters=filterset.form.cleaned_data)
    else:
        queryset, totals = filterset.queryset.none(), NO_TOTALS
    # The totals count the rows: the paginator need not count them again.
    page = paginate(request, Counted(queryset, totals.records))
    return render(
        request,
        "campaigns/contribution_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "contributions": page.object_list,
            "totals": totals,
            "can_record": can_record_for_communes(request.user),
        },
    )


def _own_commune(request: HttpRequest, data: dict) -> dict:
    if is_commune_officer(request.user):
        data["commune"] = request.user.commune
    return data


@role_required
def contribution_create_view(request: HttpRequest) -> HttpResponse:
    require(can_record_for_communes(request.user))
    form = ContributionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.contribution_create(
                user=request.user, **_own_commune(request, form.service_kwargs())
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi nhận đóng góp của cộng đồng."))
            return redirect("campaigns:contribution_list")
    return render(request, "campaigns/contribution_form.html", {"form": form})


@role_required
def contribution_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = contribution_get(user=request.user, pk=pk)
    require(can_change_commune_record(request.user, contribution))
    form = ContributionForm(request.POST or None, user=request.user, contribution=contribution)
    if request.method == "POST" and form.is_valid():
        try:
            services.contribution_update(
                contribution=contribution,
                user=request.user,
                **_own_commune(request, form.service_kwargs()),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            contribution = contribution_get(user=request.user, pk=pk)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("campaigns:contribution_list")
    context = {"form": form, "contribution": contribution}
    return render(request, "campaigns/contribution_form.html", context)


@role_required
def contribution_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = contribution_get(user=request.user, pk=pk)
    require(can_change_commune_record(request.user, contribution))
    if request.method == "POST":
        services.contribution_delete(contribution=contribution, user=request.user)
        messages.success(request, _("Đã xóa bản ghi đóng góp."))
        return redirect("campaigns:contribution_list")
    return render(
        request, "campaigns/contribution_confirm_delete.html", {"contribution": contribution}
    )
