"""A campaign's results: targets against results, leaderboards of communes and agencies, pledges,
contributions, exemplary people and awards. One builder for the page, the PDF and the Excel.

Results, from real data (campaigns.selectors.progress):
- communes reaching the standard: rural communes that met it at the end and not at the start;
- criteria gained: the criteria met at the end and not at the start, summed over the communes;
- money mobilised: the community's money and goods (contributions inside the period) plus the
  value of the agencies' support activities in the period.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _

from campaigns import rules
from campaigns.models import Award, Campaign, Exemplary
from campaigns.selectors.awards import award_list
from campaigns.selectors.contributions import ContributionTotals, campaign_contribution_totals
from campaigns.selectors.exemplars import campaign_exemplars
from campaigns.selectors.pledges import PledgeProgress, campaign_pledges
from campaigns.selectors.progress import agency_support, commune_progress
from criteria.selectors.months import CommuneMonth
from ntm_portal.charts import Chart, bar_chart
from ntm_portal.permissions import PortalUser

LEADERBOARD_SIZE = 20


@dataclass(frozen=True)
class TargetRow:
    label: str
    target: int | None
    result: int
    is_money: bool = False

    @property
    def percent(self) -> int | None:
        if not self.target:
            return None
        return round(100 * self.result / self.target)


@dataclass(frozen=True)
class AgencyRow:
    agency_id: int
    name: str
    amount: int
    activities: int
    pledges: int
    pledges_kept: int


@dataclass(frozen=True)
class CampaignResults:
    campaign: Campaign
    targets: list[TargetRow]
    communes: list[CommuneMonth]  # the leaderboard: most criteria gained first
    reached_standard: list[CommuneMonth]
    agencies: list[AgencyRow]
    pledges: list[PledgeProgress]
    contributions: ContributionTotals
    exemplars: list[Exemplary]
    awards: list[Award]

    @property
    def criteria_gained(self) -> int:
        return sum(len(row.gained) for row in self.communes)

    @property
    def award_counts(self) -> list[tuple[str, int]]:
        """(title or form, decided awards) in the lists' order."""
        counts = Counter(str(a.distinction) for a in self.awards if a.status == "decided")
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    @property
    def commune_chart(self) -> Chart:
        rows = [row for row in self.communes if row.gained][:10]
        return bar_chart(
            _("Tiêu chí tăng thêm theo xã"),
            [row.name for row in rows],
            [len(row.gained) for row in rows],
            horizontal=True,
            width=460,
        )

    @property
    def agency_chart(self) -> Chart:
        rows = [row for row in self.agencies if row.amount][:10]
        return bar_chart(
            _("Giá trị hỗ trợ của các cơ quan (đồng)"),
            [row.name for row in rows],
            [row.amount for row in rows],
            horizontal=True,
            width=460,
        )


def campaign_results(
    *, user: PortalUser, campaign: Campaign, today: dt.date | None = None
) -> CampaignResults:
    """Everything the results page, the PDF and the Excel show: a fixed number of queries."""
    progress = commune_progress(campaign=campaign)
    support = agency_support(user=user, campaign=campaign)
    pledges = campaign_pledges(
        user=user, campaign=campaign, today=today, communes=progress, support=support
    )
    contributions = campaign_contribution_totals(user=user, campaign=campaign)
    ranked = sorted(
        (row for row in progress.values() if row.gained or row.reached_standard),
        key=lambda row: (-len(row.gained), not row.reached_standard, row.name),
    )
    reached = [row for row in ranked if row.reached_standard]
    return CampaignResults(
        campaign=campaign,
        targets=_targets(campaign, ranked, reached, support, contributions),
        communes=ranked,
        reached_standard=reached,
        agencies=_agency_rows(support, pledges),
        pledges=pledges,
        contributions=contributions,
        exemplars=campaign_exemplars(user=user, campaign=campaign),
        awards=list(award_list(user=user).filter(campaign=campaign)),
    )


def _targets(campaign, ranked, reached, support, contributions) -> list[TargetRow]:
    mobilised = contributions.value + sum(row.amount for row in support.values())
    return [
        TargetRow(
            _("Số xã đạt chuẩn nông thôn mới"), campaign.target_communes_standard, len(reached)
        ),
        TargetRow(
            _("Số tiêu chí tăng thêm"),
            campaign.target_criteria_gained,
            sum(len(row.gained) for row in ranked),
        ),
        TargetRow(_("Kinh phí huy động (đồng)"), campaign.target_money, mobilised, is_money=True),
    ]


def _agency_rows(support: dict, pledges: list[PledgeProgress]) -> list[AgencyRow]:
    made: Counter = Counter()
    kept: Counter = Counter()
    names = {agency_id: row.name for agency_id, row in support.items()}
    for row in pledges:
        agency = row.pledge.agency
        if agency is None:
            continue
        names.setdefault(agency.pk, agency.name)
        made[agency.pk] += 1
        kept[agency.pk] += row.status == rules.KEPT
    rows = [
        AgencyRow(
            agency_id=agency_id,
            name=name,
            amount=support[agency_id].amount if agency_id in support else 0,
            activities=support[agency_id].activities if agency_id in support else 0,
            pledges=made[agency_id],
            pledges_kept=kept[agency_id],
        )
        for agency_id, name in names.items()
    ]
    return sorted(rows, key=lambda row: (-row.amount, -row.pledges_kept, row.name))
