"""assessment_create: evaluation, history, the current assessment, the commune cache, validation."""

import datetime as dt
import threading
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from communes.models import Commune, Region
from criteria.models import Assessment, CriterionResult, IndicatorValue, Result
from criteria.services import assessment_create
from tests.communes.factories import CommuneFactory
from tests.criteria.factories import ALL_MET, small_criteria_set

OCT, NOV = dt.date(2026, 10, 1), dt.date(2026, 11, 1)
SELF, APPRAISED = Assessment.Stage.SELF_ASSESSED, Assessment.Stage.APPRAISED


def enter(commune, user, period=NOV, stage=APPRAISED, values=None, **kwargs):
    return assessment_create(
        commune=commune,
        period=period,
        stage=stage,
        values=ALL_MET if values is None else values,
        entered_by=user,
        **kwargs,
    )


def snapshot(commune):
    commune = Commune.objects.get(pk=commune.pk)
    return (
        Assessment.objects.count(),
        IndicatorValue.objects.count(),
        CriterionResult.objects.count(),
        commune.criteria_met,
        commune.assessed_period,
    )


def test_assessment_is_evaluated_and_stored_with_its_results(
    criteria_set, commune_a, coordination_office
):
    values = {**ALL_MET, "1.2": Decimal("89.5")}

    assessment = enter(commune_a, coordination_office, values=values, note="Đoàn kiểm tra")

    assert (assessment.criteria_met, assessment.criteria_total, assessment.meets_standard) == (
        2,
        3,
        False,
    )
    assert (assessment.criteria_set, assessment.entered_by, assessment.note) == (
        criteria_set,
        coordination_office,
        "Đoàn kiểm tra",
    )
    stored = {
        v.indicator.code: (v.value, v.threshold_value, v.result)
        for v in assessment.indicator_values.select_related("indicator")
    }
    assert stored == {
        "1.1": (Decimal(1), Decimal(1), Result.MET),
        "1.2": (Decimal("89.5"), Decimal(90), Result.NOT_MET),
        "2.1": (Decimal(4), Decimal(10), Result.MET),
        "3.1": (Decimal(50), Decimal(48), Result.MET),
    }
    results = {
        r.criterion.number: (r.result, r.indicators_met, r.indicators_total, r.is_current)
        for r in assessment.criterion_results.select_related("criterion")
    }
    assert results == {
        1: (Result.NOT_MET, 1, 2, True),
        2: (Result.MET, 1, 1, True),
        3: (Result.MET, 1, 1, True),
    }


def test_all_criteria_met_means_the_standard_and_fills_the_commune_cache(
    criteria_set, commune_a, coordination_office
):
    enter(commune_a, coordination_office, period=OCT)

    commune_a.refresh_from_db()
    assert (commune_a.criteria_met, commune_a.criteria_total) == (3, 3)
    assert (commune_a.meets_standard, commune_a.assessed_period) == (True, OCT)


def test_missing_values_are_not_assessed_never_met(criteria_set, commune_a, coordination_office):
    values = {"1.1": Decimal(1), "1.2": Decimal(95), "2.1": None}  # 3.1 left out

    assessment = enter(commune_a, coordination_office, values=values)

    assert (assessment.criteria_met, assessment.criteria_not_assessed) == (1, 2)
    assert set(assessment.indicator_values.values_list("result", flat=True)) == {
        Result.MET,
        Result.NOT_ASSESSED,
    }


def test_the_communes_own_region_threshold_applies(criteria_set, coordination_office):
    delta = CommuneFactory(region=Region.DBSH)
    mountains = CommuneFactory(region=Region.TDMNPB)
    values = {**ALL_MET, "1.2": Decimal(92)}  # ≥ 90 in the mountains, ≥ 95 in the delta

    assert enter(mountains, coordination_office, values=values).criteria_met == 3
    assert (
        enter(delta, coordination_office, values=values).criteria_met == 1
    )  # no income row either


@pytest.mark.parametrize(
    ("period", "threshold", "result"),
    [
        (dt.date(2023, 6, 1), Decimal(39), Result.MET),  # the 2022 threshold still applies
        (dt.date(2025, 1, 1), Decimal(48), Result.NOT_MET),
        (dt.date(2021, 6, 1), None, Result.NOT_ASSESSED),  # no income threshold before 2022
    ],
)
def test_income_threshold_follows_the_periods_year(
    criteria_set, commune_a, coordination_office, period, threshold, result
):
    assessment = enter(commune_a, coordination_office, period=period, values={"3.1": Decimal(45)})

    value = assessment.indicator_values.get(indicator__code="3.1")
    assert (value.threshold_value, value.result) == (threshold, result)


def test_a_new_period_becomes_current_and_history_is_kept(
    criteria_set, commune_a, coordination_office
):
    october = enter(
        commune_a, coordination_office, period=OCT, values={**ALL_MET, "2.1": Decimal(20)}
    )

    november = enter(commune_a, coordination_office, period=NOV)

    october.refresh_from_db()
    assert (october.is_current, november.is_current) == (False, True)
    assert october.criteria_met == 2  # never overwritten
    assert not CriterionResult.objects.filter(assessment=october, is_current=True).exists()
    assert CriterionResult.objects.filter(assessment=november, is_current=True).count() == 3
    commune_a.refresh_from_db()
    assert (commune_a.criteria_met, commune_a.assessed_period) == (3, NOV)


def test_an_older_period_entered_later_stays_history(criteria_set, commune_a, coordination_office):
    november = enter(commune_a, coordination_office, period=NOV)

    october = enter(
        commune_a, coordination_office, period=OCT, values={**ALL_MET, "2.1": Decimal(20)}
    )

    november.refresh_from_db()
    assert (november.is_current, october.is_current) == (True, False)
    assert not CriterionResult.objects.filter(assessment=october, is_current=True).exists()
    commune_a.refresh_from_db()
    assert (commune_a.criteria_met, commune_a.assessed_period) == (3, NOV)


def test_within_a_period_the_appraisal_outranks_a_later_self_assessment(
    criteria_set, commune_a, coordination_office, commune_officer
):
    appraisal = enter(
        commune_a, coordination_office, stage=APPRAISED, values={**ALL_MET, "2.1": Decimal(20)}
    )

    self_assessment = enter(commune_a, commune_officer, stage=SELF)

    appraisal.refresh_from_db()
    assert (appraisal.is_current, self_assessment.is_current) == (True, False)
    commune_a.refresh_from_db()
    assert commune_a.criteria_met == 2


def test_within_a_period_the_latest_entry_of_the_same_stage_wins(
    criteria_set, commune_a, commune_officer
):
    first = enter(commune_a, commune_officer, stage=SELF, values={**ALL_MET, "2.1": Decimal(20)})

    corrected = enter(commune_a, commune_officer, stage=SELF)

    first.refresh_from_db()
    assert (first.is_current, corrected.is_current) == (False, True)


def test_the_current_month_may_be_entered_in_the_provinces_time_zone(
    criteria_set, commune_a, coordination_office
):
    # 30/11 18:00 UTC is already 01/12 01:00 in Hà Nội
    with time_machine.travel(dt.datetime(2026, 11, 30, 18, 0, tzinfo=dt.UTC), tick=False):
        assessment = enter(commune_a, coordination_office, period=dt.date(2026, 12, 1))

    assert assessment.period == dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"values": {"9.9": Decimal(1)}}, "values.9.9"),
        ({"values": {**ALL_MET, "1.2": Decimal(140)}}, "values.1.2"),
        ({"values": {**ALL_MET, "1.2": Decimal("-1")}}, "values.1.2"),
        ({"values": {**ALL_MET, "3.1": Decimal(-3)}}, "values.3.1"),
        ({"values": {**ALL_MET, "1.1": Decimal(2)}}, "values.1.1"),
        ({"values": {**ALL_MET, "1.2": Decimal("90.125")}}, "values.1.2"),
        ({"values": {**ALL_MET, "3.1": Decimal("1e13")}}, "values.3.1"),
        ({"values": {**ALL_MET, "3.1": Decimal("NaN")}}, "values.3.1"),
        ({"values": dict.fromkeys(ALL_MET)}, "values"),  # all explicitly not assessed
        ({"values": {}}, "values"),
        ({"period": dt.date(2026, 12, 1)}, "period"),  # in the future
        ({"period": dt.date(2020, 5, 1)}, "period"),  # no set in force
        ({"period": dt.date(2026, 11, 15)}, "period"),  # not a month
        ({"stage": "approved"}, "stage"),
    ],
)
def test_invalid_input_names_the_field_in_vietnamese_and_writes_nothing(
    criteria_set, commune_a, coordination_office, kwargs, field
):
    enter(commune_a, coordination_office, period=OCT)
    before = snapshot(commune_a)

    with pytest.raises(ValidationError) as raised:
        enter(commune_a, coordination_office, **kwargs)

    assert list(raised.value.message_dict) == [field]
    message = raised.value.message_dict[field][0]
    assert any(ch in message for ch in "ảạếệỉôơưđ"), message  # a Vietnamese sentence, not a code
    assert snapshot(commune_a) == before


def test_a_ward_is_not_assessed_against_the_commune_criteria(criteria_set, coordination_office):
    ward = CommuneFactory(kind=Commune.Kind.PHUONG)

    with pytest.raises(ValidationError) as raised:
        enter(ward, coordination_office)

    assert list(raised.value.message_dict) == ["commune"]
    assert Assessment.objects.count() == 0


def test_every_bad_value_is_reported_at_once(criteria_set, commune_a, coordination_office):
    with pytest.raises(ValidationError) as raised:
        enter(commune_a, coordination_office, values={"1.2": Decimal(140), "2.1": Decimal(-1)})

    assert set(raised.value.message_dict) == {"values.1.2", "values.2.1"}
    assert "140" in raised.value.message_dict["values.1.2"][0]


def test_a_later_set_replaces_the_earlier_one_from_its_start(commune_a, coordination_office, db):
    small_criteria_set(valid_from=dt.date(2021, 1, 1), code="old")
    new = small_criteria_set(valid_from=dt.date(2026, 2, 15), code="new")

    assessment = enter(commune_a, coordination_office, period=dt.date(2026, 2, 1))

    assert assessment.criteria_set == new  # in force at the end of the month


def test_a_user_who_may_not_enter_is_refused_and_nothing_is_written(
    criteria_set, commune_a, other_commune_officer
):
    with pytest.raises(PermissionDenied):
        enter(commune_a, other_commune_officer, stage=SELF)

    assert Assessment.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_entries_leave_exactly_one_current(
    needs_postgres, coordination_office, commune_a
):
    small_criteria_set(valid_from=dt.date(2021, 1, 1))
    barrier, errors = threading.Barrier(2), []

    def worker(period):
        try:
            barrier.wait()
            enter(commune_a, coordination_office, period=period)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(p,)) for p in (OCT, NOV)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    current = Assessment.objects.filter(commune=commune_a, is_current=True)
    assert list(current.values_list("period", flat=True)) == [NOV]
    assert CriterionResult.objects.filter(is_current=True).count() == 3


# --- batches (imports, the demo) --------------------------------------------------------------


def entry(commune, period, values=None, stage=APPRAISED):
    from criteria.services import AssessmentEntry

    return AssessmentEntry(
        commune=commune, period=period, stage=stage, values=ALL_MET if values is None else values
    )


def test_a_batch_is_evaluated_like_single_entries_and_moves_current(
    criteria_set, commune_a, commune_b, coordination_office
):
    from criteria.services import assessments_create_many

    enter(commune_b, coordination_office, period=NOV)  # newer than anything in the batch for B
    created = assessments_create_many(
        entered_by=coordination_office,
        entries=[
            entry(commune_a, NOV, {**ALL_MET, "2.1": Decimal(20)}),
            entry(commune_a, OCT),
            entry(commune_b, OCT),
            entry(commune_a, NOV),  # same period and stage, later entry: wins
        ],
    )

    assert [a.criteria_met for a in created] == [2, 3, 3, 3]
    assert [a.is_current for a in created] == [False, False, False, True]
    assert Assessment.objects.filter(is_current=True).count() == 2
    assert CriterionResult.objects.filter(is_current=True).count() == 6
    commune_a.refresh_from_db()
    assert (commune_a.criteria_met, commune_a.assessed_period) == (3, NOV)


def test_a_batch_with_one_bad_row_writes_nothing_and_names_the_row(
    criteria_set, commune_a, commune_b, coordination_office
):
    from criteria.services import assessments_create_many

    with pytest.raises(ValidationError) as raised:
        assessments_create_many(
            entered_by=coordination_office,
            entries=[entry(commune_a, OCT), entry(commune_b, OCT, {"1.2": Decimal(140)})],
        )

    assert list(raised.value.message_dict) == ["rows[1].values.1.2"]
    assert Assessment.objects.count() == 0


@pytest.mark.parametrize("communes", [1, 8])
def test_a_batch_runs_a_fixed_number_of_queries(
    criteria_set, coordination_office, django_assert_num_queries, communes
):
    from criteria.services import assessments_create_many

    many = [CommuneFactory() for _ in range(communes)]
    entries = [entry(commune, period) for commune in many for period in (OCT, NOV)]

    # savepoint and release, lock, the set in force for 2 months, 3 for the criteria, the
    # starting points for 2 months (1 each: none stored yet), the rule in force, the current
    # rows (none to retire), 3 inserts, 2 summary upserts and the history read and upsert of
    # the standings (criteria.services.summaries), 1 cache update, 2 to link the previous
    # assessments and count the criteria lost: 22, whatever the number of communes
    with django_assert_num_queries(22):
        assessments_create_many(entered_by=coordination_office, entries=entries)

    assert Assessment.objects.filter(is_current=True).count() == communes


@pytest.mark.parametrize(
    ("valid_from", "valid_to", "allowed"),
    [
        (None, dt.date(2026, 10, 31), False),  # ended (merged) before November
        (None, dt.date(2026, 11, 1), True),  # still in force on the month's first day
        (dt.date(2026, 11, 30), None, True),  # created on the month's last day
        (dt.date(2026, 12, 1), None, False),  # not created yet
    ],
)
def test_a_unit_is_assessed_only_while_it_exists(
    criteria_set, commune_a, coordination_office, valid_from, valid_to, allowed
):
    commune_a.valid_from, commune_a.valid_to = valid_from, valid_to
    commune_a.save(update_fields=["valid_from", "valid_to"])

    if allowed:
        assert enter(commune_a, coordination_office, period=NOV).is_current
        return
    with pytest.raises(ValidationError) as raised:
        enter(commune_a, coordination_office, period=NOV)
    assert "không có trong kỳ 11/2026" in raised.value.message_dict["period"][0]
    assert not Assessment.objects.exists()
