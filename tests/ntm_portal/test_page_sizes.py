"""Issue 11: no page renders every commune or agency. Each list and dashboard page is rendered
with 200 and then 2,000 communes (each with an agency, an assignment, an activity, an open
monthly report and a pledge to a campaign) and its HTML must not grow with them and stay under
300 KB, in the same number of queries.

The province keeps the same 20 districts at both sizes (a real province's order of size); the
district comparison's own bound (the first districts, then a paged page) is tested in
tests/dashboards/overview/test_province_comparison.py.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import Campaign, Pledge
from communes.models import Commune, District
from criteria.models import Criterion
from ntm_portal.text import fold
from sponsorships.models import Agency, Assignment, MonthlyReport, SupportActivity
from sponsorships.services.summaries import summaries_rebuild
from tests.campaigns.factories import CampaignFactory
from tests.communes.factories import DistrictFactory, ProvinceFactory
from tests.criteria.factories import small_criteria_set

pytestmark = pytest.mark.django_db

SMALL, LARGE = 200, 2_000
LIMIT = 300 * 1024
PERIOD = dt.date(2026, 10, 1)

PAGES = [
    "dashboards:province_overview",
    "dashboards:province_comparison",
    "dashboards:action_list",
    "dashboards:criterion_detail",
    "dashboards:indicator_detail",
    "sponsorships:monthly_report_completeness",
    "sponsorships:activity_totals",
    "campaigns:campaign_list",
    "campaigns:campaign_detail",
    "campaigns:campaign_results",
    "campaigns:contribution_list",
    "campaigns:contribution_create",
    "campaigns:exemplary_list",
    "campaigns:exemplary_create",
    "campaigns:pledge_create",
    "campaigns:award_create",
]


@pytest.fixture
def country(settings):
    """The portal's province with 20 districts, a criteria set and a campaign."""
    province = ProvinceFactory(code="06")
    settings.PORTAL_PROVINCE_CODE = province.code
    districts = [DistrictFactory(province=province, code=f"9{n:02d}") for n in range(20)]
    criteria_set = small_criteria_set(valid_from=dt.date(2021, 1, 1))
    criterion = Criterion.objects.filter(criteria_set=criteria_set).order_by("number").first()
    return {
        "districts": districts,
        "criterion": criterion,
        "indicator": criterion.indicators.first(),
        "campaign": CampaignFactory(),
    }


def grow(count: int, districts: list[District], campaign: Campaign) -> None:
    """Communes, each with an agency, an assignment, an activity, an open report and a pledge
    to the campaign, up to ``count`` (bulk: the services' per-row work is not what is measured
    here)."""
    start = Commune.objects.count()
    numbers = range(start, count)
    communes = Commune.objects.bulk_create(
        Commune(
            province=districts[0].province,
            district=districts[n % len(districts)],
            code=f"7{n:05d}",
            name=f"Xã Lớn {n}",
            search_name=fold(f"Xã Lớn {n}"),
            kind=Commune.Kind.XA,
            region=districts[0].province.region,
        )
        for n in numbers
    )
    agencies = Agency.objects.bulk_create(
        Agency(name=f"Cơ quan {n}", kind=Agency.Kind.DEPARTMENT) for n in numbers
    )
    assignments = Assignment.objects.bulk_create(
        Assignment(agency=agency, commune=commune, start_date=dt.date(2024, 1, 1))
        for agency, commune in zip(agencies, communes, strict=True)
    )
    SupportActivity.objects.bulk_create(
        SupportActivity(
            assignment=assignment,
            date=PERIOD,
            kind=SupportActivity.Kind.GOODS,
            title=f"Hoạt động {assignment.pk}",
            funding_source=SupportActivity.FundingSource.AGENCY_BUDGET,
            amount=1_000_000,
        )
        for assignment in assignments
    )
    MonthlyReport.objects.bulk_create(
        MonthlyReport(
            assignment=assignment,
            period=PERIOD,
            due_at=dt.datetime(2026, 11, 20, 16, 59, 59, tzinfo=dt.UTC),
        )
        for assignment in assignments
    )
    Pledge.objects.bulk_create(
        Pledge(campaign=campaign, commune=commune, content="Cam kết", due_date=PERIOD)
        for commune in communes
    )
    summaries_rebuild()


def page_url(name: str, country: dict) -> str:
    args = {
        "dashboards:criterion_detail": [country["criterion"].pk],
        "dashboards:indicator_detail": [country["indicator"].pk],
        "campaigns:pledge_create": [country["campaign"].pk],
        "campaigns:campaign_detail": [country["campaign"].pk],
        "campaigns:campaign_results": [country["campaign"].pk],
        "campaigns:award_create": [country["campaign"].pk],
    }.get(name, [])
    query = "?period=2026-10" if name == "sponsorships:monthly_report_completeness" else ""
    return reverse(name, args=args) + query


def sizes(client, country: dict) -> dict[str, tuple[int, int]]:
    """{page: (HTML bytes, queries)}."""
    sizes = {}
    for name in PAGES:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page_url(name, country))
        assert response.status_code == 200, name
        sizes[name] = (len(response.content), len(queries))
    return sizes


def test_no_page_grows_with_the_communes(client, coordination_office, country):
    client.force_login(coordination_office)
    grow(SMALL, country["districts"], country["campaign"])
    small = sizes(client, country)
    grow(LARGE, country["districts"], country["campaign"])
    large = sizes(client, country)

    assert Commune.objects.count() == LARGE
    grown = {
        name: (small[name], large[name])
        for name in PAGES
        if large[name][0] > small[name][0] * 1.2
        or large[name][0] > LIMIT
        or large[name][1] != small[name][1]
    }
    assert not grown, grown
