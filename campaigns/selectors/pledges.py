"""Reads of pledges, public to every portal role, and each pledge's progress against real data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns import rules
from campaigns.models import Campaign, Pledge
from campaigns.selectors.progress import agency_support, commune_progress
from ntm_portal.permissions import PortalUser, has_portal_role


def pledge_list(*, user: PortalUser) -> QuerySet[Pledge]:
    if not has_portal_role(user):
        return Pledge.objects.none()
    return Pledge.objects.select_related("campaign", "agency", "commune", "commune__district")


def pledge_get(*, user: PortalUser, pk: int) -> Pledge:
    return get_object_or_404(pledge_list(user=user), pk=pk)


STATUS_LABELS = {
    rules.KEPT: _("Đã hoàn thành"),
    rules.NOT_KEPT: _("Không hoàn thành"),
    rules.RUNNING: _("Đang thực hiện"),
    rules.UNMEASURED: _("Không đo được"),
}


@dataclass(frozen=True)
class PledgeProgress:
    pledge: Pledge
    target: int | None
    measured: int | None  # None: nothing measurable (no target, no data)
    status: str

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def is_criteria(self) -> bool:
        return self.pledge.commune_id is not None


def campaign_pledges(
    *,
    user: PortalUser,
    campaign: Campaign,
    today: dt.date | None = None,
    communes: dict | None = None,
    support: dict | None = None,
) -> list[PledgeProgress]:
    """The campaign's pledges with their progress: a fixed number of queries (fewer when the
    caller already has the communes' progress and the agencies' support)."""
    pledges = list(pledge_list(user=user).filter(campaign=campaign))
    if communes is None:
        communes = commune_progress(campaign=campaign) if any(p.commune_id for p in pledges) else {}
    if support is None:
        needed = any(p.agency_id for p in pledges)
        support = agency_support(user=user, campaign=campaign) if needed else {}
    day = today or timezone.localdate()
    return [_progress(pledge, communes, support, day) for pledge in pledges]


def _progress(pledge: Pledge, communes: dict, support: dict, day: dt.date) -> PledgeProgress:
    if pledge.commune_id is not None:
        target = pledge.target_criteria_gained
        row = communes.get(pledge.commune_id)
        measured = len(row.gained) if row else 0
    else:
        target = pledge.target_amount
        row = support.get(pledge.agency_id)
        measured = row.amount_until(pledge.due_date) if row else 0
    status = rules.pledge_status(target=target, measured=measured, due=pledge.due_date, today=day)
    return PledgeProgress(pledge=pledge, target=target, measured=measured, status=status)
