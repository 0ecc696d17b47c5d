"""A partial assessment starts from the commune's latest values: indicators left out are carried
forward with the period they were measured in; an explicit None means "not assessed"."""

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from communes.models import Commune
from criteria.models import Assessment, IndicatorValue, Result
from criteria.services import AssessmentEntry, assessment_create, assessments_create_many
from tests.criteria.factories import ALL_MET, small_criteria_set

SEP, OCT, NOV = dt.date(2026, 9, 1), dt.date(2026, 10, 1), dt.date(2026, 11, 1)
SELF, APPRAISED = Assessment.Stage.SELF_ASSESSED, Assessment.Stage.APPRAISED


def enter(commune, user, values, period=NOV, stage=SELF):
    return assessment_create(
        commune=commune, period=period, stage=stage, values=values, entered_by=user
    )


def stored(assessment):
    rows = IndicatorValue.objects.filter(assessment=assessment).select_related("indicator")
    return {row.indicator.code: (row.value, row.result, row.carried_from) for row in rows}


def test_indicators_not_sent_keep_their_values_marked_with_their_period(
    criteria_set, commune_a, coordination_office
):
    enter(commune_a, coordination_office, ALL_MET, period=OCT, stage=APPRAISED)

    assessment = enter(commune_a, coordination_office, {"1.2": Decimal(91)})

    assert stored(assessment) == {
        "1.1": (Decimal(1), Result.MET, OCT),
        "1.2": (Decimal(91), Result.MET, None),
        "2.1": (Decimal(4), Result.MET, OCT),
        "3.1": (Decimal(50), Result.MET, OCT),
    }


def test_a_one_indicator_assessment_leaves_the_score_unchanged(
    criteria_set, commune_a, coordination_office
):
    enter(commune_a, coordination_office, ALL_MET, period=OCT, stage=APPRAISED)

    assessment = enter(commune_a, coordination_office, {"2.1": Decimal(3)}, stage=APPRAISED)

    commune = Commune.objects.get(pk=commune_a.pk)
    assert assessment.is_current
    assert (assessment.criteria_met, assessment.criteria_not_assessed) == (3, 0)
    assert (commune.criteria_met, commune.criteria_total, commune.meets_standard) == (3, 3, True)


def test_an_explicit_none_means_not_assessed(criteria_set, commune_a, coordination_office):
    enter(commune_a, coordination_office, ALL_MET, period=OCT, stage=APPRAISED)

    assessment = enter(commune_a, coordination_office, {"3.1": None, "2.1": Decimal(3)})

    assert stored(assessment)["3.1"] == (None, Result.NOT_ASSESSED, None)
    assert (assessment.criteria_met, assessment.criteria_not_assessed) == (2, 1)


def test_a_value_carried_twice_keeps_the_period_it_was_measured_in(
    criteria_set, commune_a, coordination_office
):
    enter(commune_a, coordination_office, ALL_MET, period=SEP, stage=APPRAISED)
    enter(commune_a, coordination_office, {"1.2": Decimal(92)}, period=OCT)

    assessment = enter(commune_a, coordination_office, {"2.1": Decimal(2)})

    values = stored(assessment)
    assert values["1.1"][2] == SEP
    assert values["1.2"] == (Decimal(92), Result.MET, OCT)
    assert values["2.1"][2] is None


def test_an_older_period_entered_late_does_not_start_from_a_newer_one(
    criteria_set, commune_a, coordination_office
):
    enter(commune_a, coordination_office, ALL_MET, period=NOV, stage=APPRAISED)

    late = enter(commune_a, coordination_office, {"1.1": Decimal(1)}, period=SEP)

    assert stored(late)["3.1"] == (None, Result.NOT_ASSESSED, None)


def test_nothing_is_carried_from_another_criteria_set(commune_a, coordination_office):
    small_criteria_set(valid_from=dt.date(2021, 1, 1), valid_to=dt.date(2026, 10, 31))
    small_criteria_set(valid_from=dt.date(2026, 11, 1))
    enter(commune_a, coordination_office, ALL_MET, period=OCT, stage=APPRAISED)

    assessment = enter(commune_a, coordination_office, {"1.1": Decimal(1)})

    assert stored(assessment)["3.1"] == (None, Result.NOT_ASSESSED, None)


def test_a_batch_entry_starts_from_the_batchs_earlier_entry(
    criteria_set, commune_a, coordination_office
):
    entries = [
        AssessmentEntry(commune=commune_a, period=OCT, stage=APPRAISED, values=ALL_MET),
        AssessmentEntry(commune=commune_a, period=NOV, stage=SELF, values={"1.2": Decimal(91)}),
    ]

    _first, second = assessments_create_many(entries=entries, entered_by=coordination_office)

    assert stored(second)["3.1"] == (Decimal(50), Result.MET, OCT)
    assert second.criteria_met == 3


def test_the_form_is_prefilled_and_says_where_values_come_from(
    as_role, criteria_set, commune_a, coordination_office
):
    enter(commune_a, coordination_office, ALL_MET, period=OCT, stage=APPRAISED)
    client, _user = as_role("commune_officer")

    html = client.get(reverse("criteria:assessment_create", args=[commune_a.pk])).content.decode()

    assert html.count("Chuyển từ kỳ 10/2026.") == 4
    assert 'value="95,5"' in html


def test_the_form_carries_the_fields_left_as_prefilled_and_clears_the_emptied(
    as_role, criteria_set, commune_a, coordination_office
):
    enter(commune_a, coordination_office, ALL_MET, period=OCT, stage=APPRAISED)
    client, _user = as_role("commune_officer")
    post = {"period": "11/2026", "stage": "self_assessed", "note": ""}
    fields = {"value_1_1": "1", "value_1_2": "96", "value_2_1": "4", "value_3_1": ""}

    client.post(reverse("criteria:assessment_create", args=[commune_a.pk]), {**post, **fields})

    assert stored(Assessment.objects.get(period=NOV)) == {
        "1.1": (Decimal(1), Result.MET, OCT),
        "1.2": (Decimal(96), Result.MET, None),
        "2.1": (Decimal(4), Result.MET, OCT),
        "3.1": (None, Result.NOT_ASSESSED, None),
    }


def test_the_commune_page_and_the_api_show_the_carried_period(
    as_role, api_as, criteria_set, commune_a, coordination_office
):
    enter(commune_a, coordination_office, ALL_MET, period=OCT, stage=APPRAISED)
    assessment = enter(commune_a, coordination_office, {"1.2": Decimal(91)}, stage=APPRAISED)
    client, _user = as_role("commune_officer")
    api, _user = api_as("commune_officer")

    page = client.get(reverse("communes:commune_detail", args=[commune_a.pk])).content.decode()
    detail = api.get(reverse("criteria-api:assessment-detail", args=[assessment.pk])).json()

    assert page.count("(chuyển từ kỳ 10/2026)") >= 3
    indicators = {i["code"]: i for c in detail["criteria"] for i in c["indicators"]}
    assert indicators["1.1"]["carried_from"] == "2026-10"
    assert indicators["1.2"]["carried_from"] is None
