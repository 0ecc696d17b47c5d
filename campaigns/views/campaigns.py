"""Campaign pages: the list, one campaign, and the coordination office's add / edit / delete."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from campaigns.filters import CampaignFilterSet
from campaigns.forms import CampaignForm, ConfirmDeleteForm
from campaigns.models import Campaign
from campaigns.permissions import (
    can_change_campaign,
    can_change_pledge,
    can_manage_campaigns,
    can_register_pledges,
)
from campaigns.selectors.campaigns import campaign_get, campaign_list, campaign_sprints
from campaigns.selectors.contributions import campaign_contribution_totals
from campaigns.selectors.exemplars import campaign_exemplars
from campaigns.selectors.pledges import campaign_pledges
from campaigns.services import campaigns as services
from ntm_portal import pagination
from sponsorships.views._access import add_service_errors, paginate, require, role_required

SHOWN = 25  # pledges, exemplars and awards of the campaign and results pages per page


@require_GET
@role_required
def campaign_list_view(request: HttpRequest) -> HttpResponse:
    filterset = CampaignFilterSet(request.GET, queryset=campaign_list(user=request.user))
    queryset = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    page = paginate(request, queryset)
    return render(
        request,
        "campaigns/campaign_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "campaigns": page.object_list,
            "can_manage": can_manage_campaigns(request.user),
        },
    )


@require_GET
@role_required
def campaign_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_get(user=request.user, pk=pk)
    # A national campaign can have a pledge from every commune and agency: a page of each.
    pledges_page = pagination.paginate(
        request, campaign_pledges(user=request.user, campaign=campaign), SHOWN, "pledges_page"
    )
    pledges = pledges_page.object_list
    exemplars = campaign_exemplars(user=request.user, campaign=campaign)
    exemplars_page = pagination.paginate(request, exemplars, SHOWN, "exemplars_page")
    return render(
        request,
        "campaigns/campaign_detail.html",
        {
            "campaign": campaign,
            "sprints": campaign_sprints(campaign=campaign),
            "pledges": pledges,
            "pledges_page": pledges_page,
            "exemplars": exemplars_page.object_list,
            "exemplars_page": exemplars_page,
            "contribution_totals": campaign_contribution_totals(
                user=request.user, campaign=campaign
            ),
            "withdrawable": {
                p.pledge.pk for p in pledges if can_change_pledge(request.user, p.pledge)
            },
            "can_register": can_register_pledges(request.user),
            "can_change": can_change_campaign(request.user, campaign),
        },
    )


@role_required
def campaign_create_view(request: HttpRequest) -> HttpResponse:
    require(can_manage_campaigns(request.user))
    initial = _initial_from_parent(request)
    form = CampaignForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(user=request.user, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm phong trào “%(name)s”.") % {"name": campaign})
            return redirect(campaign.get_absolute_url())
    return render(request, "campaigns/campaign_form.html", {"form": form})


def _initial_from_parent(request: HttpRequest) -> dict:
    """ "Add a sprint" from a campaign's page: the parent and its level already chosen."""
    parent = campaign_list(user=request.user).filter(pk=_int(request.GET.get("parent"))).first()
    if parent is None:
        return {}
    return {"parent": parent.pk, "kind": Campaign.Kind.SPRINT, "level": parent.level}


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 10 else None


@role_required
def campaign_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_get(user=request.user, pk=pk)
    require(can_change_campaign(request.user, campaign))
    form = CampaignForm(request.POST or None, campaign=campaign)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_update(
                campaign=campaign,
                user=request.user,
                expected_version=form.cleaned_data["version"] or 0,
                **form.service_kwargs(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            campaign = campaign_get(user=request.user, pk=pk)
            conflict = campaign if isinstance(exc, services.ConcurrentUpdateError) else None
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect(campaign.get_absolute_url())
    return render(
        request,
        "campaigns/campaign_form.html",
        {"form": form, "campaign": campaign, "conflict": conflict},
    )


@role_required
def campaign_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_get(user=request.user, pk=pk)
    require(can_change_campaign(request.user, campaign))
    form = ConfirmDeleteForm(request.POST or None, initial={"version": campaign.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_delete(
                campaign=campaign, user=request.user, expected_version=form.cleaned_data["version"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            campaign = campaign_get(user=request.user, pk=pk)
            form = _fresh_confirm(form, campaign)
        else:
            messages.success(request, _("Đã xóa phong trào “%(name)s”.") % {"name": campaign})
            return redirect("campaigns:campaign_list")
    return render(
        request, "campaigns/campaign_confirm_delete.html", {"form": form, "campaign": campaign}
    )


def _fresh_confirm(stale: ConfirmDeleteForm, current: Campaign) -> ConfirmDeleteForm:
    """Ask again, now against the version that is really there, keeping the message."""
    form = ConfirmDeleteForm(initial={"version": current.version})
    form._errors = stale.errors
    return form
