"""Every GET page of the campaigns app reads the same number of queries for 3 and 30 communes
(and as many rows of everything else)."""

import datetime as dt

import pytest
from django.urls import reverse

from campaigns.models import AwardForm
from campaigns.services.awards import award_propose
from campaigns.services.contributions import contribution_create
from campaigns.services.exemplars import exemplary_create
from campaigns.services.pledges import pledge_create
from tests.campaigns.factories import CampaignFactory
from tests.communes.factories import CommuneFactory
from tests.sponsorships.activity_fixtures import png_file

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def add_rows(campaign, agency, count):
    form = AwardForm.objects.first()
    for _ in range(count):
        commune = CommuneFactory()
        pledge_create(
            campaign=campaign,
            user=None,
            commune=commune,
            content="c",
            due_date=dt.date(2026, 6, 1),
            target_criteria_gained=1,
        )
        pledge_create(
            campaign=campaign,
            user=None,
            agency=agency,
            content="a",
            due_date=dt.date(2026, 6, 1),
            target_amount=1,
        )
        contribution_create(
            user=None,
            commune=commune,
            period_start=dt.date(2026, 5, 1),
            period_end=dt.date(2026, 5, 2),
            money=1,
        )
        exemplary_create(
            user=None,
            kind="person",
            name="A",
            commune=commune,
            category="other",
            achievement="x",
            campaign=campaign,
            photos=[png_file()],
        )
        award_propose(
            campaign=campaign,
            user=None,
            form=form,
            recipient_kind="collective",
            recipient_name="X",
            commune=commune,
            reason="x",
        )
        CampaignFactory(kind="sprint", parent=campaign)


@pytest.fixture
def pages(campaign, agency_a):
    add_rows(campaign, agency_a, 3)
    exemplar = campaign.exemplars.first()
    award = campaign.awards.first()
    return [
        reverse("campaigns:campaign_list"),
        reverse("campaigns:campaign_detail", args=[campaign.pk]),
        reverse("campaigns:campaign_create"),
        reverse("campaigns:campaign_update", args=[campaign.pk]),
        reverse("campaigns:campaign_results", args=[campaign.pk]),
        reverse("campaigns:pledge_create", args=[campaign.pk]),
        reverse("campaigns:contribution_list"),
        reverse("campaigns:contribution_create"),
        reverse("campaigns:exemplary_list"),
        reverse("campaigns:exemplary_detail", args=[exemplar.pk]),
        reverse("campaigns:exemplary_create"),
        reverse("campaigns:award_list", args=[campaign.pk]),
        reverse("campaigns:award_create", args=[campaign.pk]),
        reverse("campaigns:award_detail", args=[award.pk]),
    ]


def test_every_page_reads_a_fixed_number_of_queries(
    as_role, pages, campaign, agency_a, django_assert_max_num_queries
):
    client, _user = as_role("coordination_office")
    counts = {}
    for url in pages:
        with django_assert_max_num_queries(60) as few:
            assert client.get(url).status_code == 200, url
        counts[url] = len(few.captured_queries)
    add_rows(campaign, agency_a, 27)
    for url in pages:
        with django_assert_max_num_queries(counts[url], info=url):
            client.get(url)
