"""Registering for a campaign with a pledge, and withdrawing one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from campaigns.forms import PledgeForm
from campaigns.permissions import can_change_pledge, can_register_pledges, participant_of
from campaigns.selectors.campaigns import campaign_get
from campaigns.selectors.pledges import pledge_get
from campaigns.services import pledges as services
from sponsorships.views._access import add_service_errors, require, role_required


@role_required
def pledge_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_get(user=request.user, pk=pk)
    require(can_register_pledges(request.user))
    form = PledgeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.service_kwargs()
        try:
            services.pledge_create(
                campaign=campaign, user=request.user, **participant_of(request.user, data), **data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã đăng ký tham gia phong trào."))
            return redirect(campaign.get_absolute_url() + "#pledges")
    return render(request, "campaigns/pledge_form.html", {"form": form, "campaign": campaign})


@role_required
def pledge_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    pledge = pledge_get(user=request.user, pk=pk)
    require(can_change_pledge(request.user, pledge))
    if request.method == "POST":
        services.pledge_delete(pledge=pledge, user=request.user)
        messages.success(request, _("Đã rút đăng ký."))
        return redirect(pledge.campaign.get_absolute_url() + "#pledges")
    return render(request, "campaigns/pledge_confirm_delete.html", {"pledge": pledge})
