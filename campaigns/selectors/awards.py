"""Reads of awards (public to every portal role), the reference lists, and the quota check."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from campaigns import rules
from campaigns.models import Award, AwardForm, Campaign, EmulationTitle, RecipientKind
from campaigns.selectors.progress import commune_progress
from ntm_portal.permissions import PortalUser, has_portal_role


def award_list(*, user: PortalUser) -> QuerySet[Award]:
    if not has_portal_role(user):
        return Award.objects.none()
    return Award.objects.select_related(
        "campaign", "title", "form", "agency", "commune", "commune__district"
    )


def award_get(*, user: PortalUser, pk: int) -> Award:
    return get_object_or_404(award_list(user=user), pk=pk)


def active_titles() -> QuerySet[EmulationTitle]:
    return EmulationTitle.objects.filter(is_active=True)


def active_forms() -> QuerySet[AwardForm]:
    return AwardForm.objects.filter(is_active=True)


@dataclass(frozen=True)
class Quota:
    """Communes proposed (collective awards naming a commune, not turned down) against the
    communes that reached the standard during the campaign."""

    reached: int
    allowed: int
    proposed: int
    percent: int

    @property
    def exceeded(self) -> bool:
        return self.proposed > self.allowed

    @property
    def full(self) -> bool:
        """One more commune would exceed the quota."""
        return self.proposed + 1 > self.allowed


def award_quota(*, campaign: Campaign, percent: int = rules.COMMUNE_QUOTA_PERCENT) -> Quota:
    reached = sum(1 for row in commune_progress(campaign=campaign).values() if row.reached_standard)
    proposed = (
        Award.objects.filter(
            campaign=campaign,
            recipient_kind=RecipientKind.COLLECTIVE,
            commune__isnull=False,
        )
        .exclude(status=Award.Status.REJECTED)
        .values("commune")
        .distinct()
        .count()
    )
    allowed = rules.quota_allowed(reached=reached, percent=percent)
    return Quota(reached=reached, allowed=allowed, proposed=proposed, percent=percent)
