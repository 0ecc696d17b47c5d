"""Awards of a campaign: the list with the quota, a proposal, its review and its decision
(the coordination office writes; everyone with a role reads)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from campaigns.forms import AwardDecisionForm, AwardProposalForm, AwardReviewForm
from campaigns.models import Award
from campaigns.permissions import can_change_award, can_manage_awards
from campaigns.selectors.awards import award_get, award_list, award_quota
from campaigns.selectors.campaigns import campaign_get
from campaigns.services import awards as services
from sponsorships.views._access import add_service_errors, require, role_required


@require_GET
@role_required
def award_list_view(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_get(user=request.user, pk=pk)
    context = {
        "campaign": campaign,
        "awards": award_list(user=request.user).filter(campaign=campaign),
        "quota": award_quota(campaign=campaign),
        "can_manage": can_manage_awards(request.user),
    }
    return render(request, "campaigns/award_list.html", context)


def _warn_quota(request: HttpRequest, award: Award) -> None:
    quota = award_quota(campaign=award.campaign)
    if award.commune_id and quota.exceeded:
        messages.warning(request, quota_message(quota))


def quota_message(quota) -> str:
    return _(
        "Vượt chỉ tiêu: đã đề nghị %(proposed)s xã, trong khi chỉ được đề nghị tối đa %(allowed)s "
        "xã (%(percent)s%% của %(reached)s xã đạt chuẩn trong thời gian phong trào)."
    ) % {
        "proposed": quota.proposed,
        "allowed": quota.allowed,
        "percent": quota.percent,
        "reached": quota.reached,
    }


@role_required
def award_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_get(user=request.user, pk=pk)
    require(can_manage_awards(request.user))
    form = AwardProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            award = services.award_propose(
                campaign=campaign, user=request.user, **form.service_kwargs()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi đề nghị khen thưởng."))
            _warn_quota(request, award)
            return redirect(award.get_absolute_url())
    quota = award_quota(campaign=campaign)
    context = {"form": form, "campaign": campaign, "quota": quota}
    return render(request, "campaigns/award_form.html", context)


@require_GET
@role_required
def award_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    award = award_get(user=request.user, pk=pk)
    return render(request, "campaigns/award_detail.html", _detail_context(request, award))


def _detail_context(request: HttpRequest, award: Award, **forms) -> dict:
    can_change = can_change_award(request.user, award)
    initial = {"version": award.version}
    return {
        "award": award,
        "can_change": can_change,
        "review_form": forms.get("review_form") or AwardReviewForm(initial=initial),
        "decision_form": forms.get("decision_form") or AwardDecisionForm(initial=initial),
    }


@require_POST
@role_required
def award_review_view(request: HttpRequest, pk: int) -> HttpResponse:
    award = award_get(user=request.user, pk=pk)
    require(can_change_award(request.user, award))
    form = AwardReviewForm(request.POST)
    if form.is_valid():
        try:
            services.award_review(
                award=award,
                user=request.user,
                expected_version=form.cleaned_data["version"],
                approve=form.cleaned_data["approve"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi kết quả xét duyệt."))
            return redirect(award.get_absolute_url())
    award = award_get(user=request.user, pk=pk)
    context = _detail_context(request, award, review_form=form)
    return render(request, "campaigns/award_detail.html", context, status=400)


@require_POST
@role_required
def award_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    award = award_get(user=request.user, pk=pk)
    require(can_change_award(request.user, award))
    form = AwardDecisionForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.award_decide(award=award, user=request.user, expected_version=version, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi quyết định khen thưởng."))
            return redirect(award.get_absolute_url())
    award = award_get(user=request.user, pk=pk)
    context = _detail_context(request, award, decision_form=form)
    return render(request, "campaigns/award_detail.html", context, status=400)
