"""Where the communes stood at the end of a month and what changed since the month before."""

import datetime as dt
from decimal import Decimal

import pytest

from communes.models import Commune
from criteria.models import Assessment
from criteria.selectors.months import criteria_month
from criteria.services import assessment_create
from tests.communes.factories import CommuneFactory, DistrictFactory
from tests.criteria.factories import ALL_MET

SEP, OCT, NOV = dt.date(2026, 9, 1), dt.date(2026, 10, 1), dt.date(2026, 11, 1)
SELF, APPRAISED = Assessment.Stage.SELF_ASSESSED, Assessment.Stage.APPRAISED
TC02_MISSED = {**ALL_MET, "2.1": Decimal("20")}


def enter(commune, user, period, values=ALL_MET, stage=APPRAISED):
    return assessment_create(
        commune=commune, period=period, stage=stage, values=values, entered_by=user
    )


@pytest.fixture
def communes(criteria_set):
    district = DistrictFactory(name="Chợ Đồn")
    return [
        CommuneFactory(name=name, district=district, region="tdmnpb")
        for name in ("Xuân Lạc", "Bằng Lãng", "Đồng Lạc")
    ]


@pytest.mark.django_db
def test_a_commune_that_reached_the_standard_in_the_month(communes, coordination_office):
    xuan_lac = communes[0]
    enter(xuan_lac, coordination_office, OCT, TC02_MISSED)
    enter(xuan_lac, coordination_office, NOV, ALL_MET)

    month = criteria_month(communes=Commune.objects.filter(pk=xuan_lac.pk), period=NOV)

    (row,) = month.communes
    assert (row.before.met, row.now.met) == (2, 3)
    assert row.gained == ["TC02"]
    assert row.lost == []
    assert [c.name for c in month.reached_standard] == ["Xuân Lạc"]
    assert (month.at_standard_before, month.at_standard) == (0, 1)
    assert (month.criteria_gained, month.criteria_lost) == (1, 0)


@pytest.mark.django_db
def test_a_commune_that_lost_a_criterion_and_the_standard(communes, coordination_office):
    bang_lang = communes[1]
    enter(bang_lang, coordination_office, SEP, ALL_MET)
    enter(bang_lang, coordination_office, NOV, TC02_MISSED)

    month = criteria_month(communes=Commune.objects.filter(pk=bang_lang.pk), period=NOV)

    (row,) = month.communes
    # October had no assessment: the commune stood where September left it.
    assert (row.before.met, row.now.met) == (3, 2)
    assert row.lost == ["TC02"]
    assert [c.name for c in month.lost_standard] == ["Bằng Lãng"]


@pytest.mark.django_db
def test_a_later_month_does_not_change_what_a_past_month_reads(communes, coordination_office):
    xuan_lac = communes[0]
    enter(xuan_lac, coordination_office, OCT, TC02_MISSED)
    october = criteria_month(communes=Commune.objects.filter(pk=xuan_lac.pk), period=OCT)

    enter(xuan_lac, coordination_office, NOV, ALL_MET)
    october_again = criteria_month(communes=Commune.objects.filter(pk=xuan_lac.pk), period=OCT)

    assert october_again.communes[0].now == october.communes[0].now
    assert october_again.communes[0].now.met == 2


@pytest.mark.django_db
def test_the_appraisal_outranks_the_self_assessment_of_the_same_month(
    communes, coordination_office, settings
):
    xuan_lac = communes[0]
    enter(xuan_lac, coordination_office, NOV, TC02_MISSED, stage=APPRAISED)
    enter(xuan_lac, coordination_office, NOV, ALL_MET, stage=SELF)

    month = criteria_month(communes=Commune.objects.filter(pk=xuan_lac.pk), period=NOV)

    assert month.communes[0].now.met == 2


@pytest.mark.django_db
def test_averages_distribution_and_unassessed_communes(communes, coordination_office):
    enter(communes[0], coordination_office, NOV, ALL_MET)
    enter(communes[1], coordination_office, NOV, TC02_MISSED)

    month = criteria_month(
        communes=Commune.objects.filter(pk__in=[c.pk for c in communes]), period=NOV
    )

    assert month.average_met == Decimal("2.5")
    assert month.average_met_before is None
    assert month.distribution() == [(0, 0), (1, 0), (2, 1), (3, 1)]
    assert [c.name for c in month.communes if c.now is None] == ["Đồng Lạc"]


@pytest.mark.django_db
def test_query_count_does_not_grow_with_communes_or_history(
    communes, coordination_office, django_assert_num_queries
):
    for commune in communes:
        for period in (SEP, OCT, NOV):
            enter(commune, coordination_office, period, ALL_MET)

    with django_assert_num_queries(3):
        month = criteria_month(communes=Commune.objects.all(), period=NOV)

    assert len(month.communes) == 3
