"""Critical criteria as data (QĐ 18/2022), the gaps and lost-criteria selectors (the pure
revocation rule is tested in test_rules.py)."""

import copy
import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from criteria.models import Criterion
from criteria.selectors import communes_gaps, communes_lost_criteria, shortfall
from criteria.services import assessment_create, criteria_set_import
from ntm_portal.models import User
from tests.communes.factories import CommuneFactory
from tests.criteria.factories import ALL_MET
from tests.factories import UserFactory

DATA_FILE = "criteria/data/criteria_2021_2025.json"


@pytest.fixture
def data():
    with open(DATA_FILE, encoding="utf-8") as file:
        return json.load(file)


def test_shipped_set_marks_income_environment_and_defence_critical(db, data):
    criteria_set = criteria_set_import(data=data)

    critical = Criterion.objects.filter(criteria_set=criteria_set, is_critical=True)

    assert (
        sorted(critical.values_list("number", flat=True))
        == data["critical_criteria_for_revocation"]
        == [10, 17, 19]
    )


def test_a_criterions_own_flag_counts_and_a_file_without_flags_keeps_the_stored_ones(db, data):
    flagged = copy.deepcopy(data)
    del flagged["critical_criteria_for_revocation"]
    flagged["criteria"][0]["critical"] = True
    criteria_set = criteria_set_import(data=flagged)
    first = Criterion.objects.get(criteria_set=criteria_set, number=1)
    assert first.is_critical
    Criterion.objects.filter(criteria_set=criteria_set, number=2).update(is_critical=True)

    silent = copy.deepcopy(flagged)
    del silent["criteria"][0]["critical"]
    criteria_set_import(data=silent)

    assert set(
        Criterion.objects.filter(criteria_set=criteria_set, is_critical=True).values_list(
            "number", flat=True
        )
    ) == {1, 2}


def test_a_bad_list_of_critical_criteria_is_refused(db, data):
    data["critical_criteria_for_revocation"] = "10, 17"
    with pytest.raises(ValidationError) as error:
        criteria_set_import(data=data)
    assert "critical_criteria_for_revocation" in error.value.message_dict


@pytest.fixture
def office(db):
    return UserFactory(username="office", role=User.Role.COORDINATION_OFFICE)


def assess(commune, period, values, office, stage="self_assessed"):
    return assessment_create(
        commune=commune, period=period, stage=stage, values=values, entered_by=office
    )


def test_gaps_list_each_unmet_criterion_with_its_indicators_against_the_threshold(
    criteria_set, office
):
    # given: 1.2 at 87.5 % for ≥ 90 %, 3.1 missing; TC2 met
    commune = CommuneFactory(name="Xuân Lạc")
    assess(commune, dt.date(2026, 11, 1), {**ALL_MET, "1.2": Decimal("87.5"), "3.1": None}, office)

    gaps = communes_gaps(commune_ids=[commune.pk])[commune.pk]

    assert [(gap.number, gap.result) for gap in gaps] == [(1, "not_met"), (3, "not_assessed")]
    (line,) = gaps[0].indicators
    assert (line.code, line.value, line.threshold, line.comparator) == (
        "1.2",
        Decimal("87.5"),
        Decimal("90"),
        "gte",
    )
    assert shortfall(line) == Decimal("2.5")
    (missing,) = gaps[1].indicators
    assert (missing.code, missing.value, missing.threshold) == ("3.1", None, Decimal("48"))
    assert shortfall(missing) is None


def test_gaps_of_many_communes_take_a_fixed_number_of_queries(
    criteria_set, office, django_assert_num_queries
):
    communes = [CommuneFactory() for _ in range(5)]
    for commune in communes:
        assess(commune, dt.date(2026, 11, 1), {**ALL_MET, "2.1": Decimal(30)}, office)

    with django_assert_num_queries(3):
        gaps = communes_gaps(commune_ids=[c.pk for c in communes])

    assert {pk: [g.number for g in items] for pk, items in gaps.items()} == {
        c.pk: [2] for c in communes
    }


def test_lost_criteria_compare_with_the_previous_periods_appraisal_critical_first(
    criteria_set, office, latest_rule
):
    # given: TC3 critical; in 10/2026 the commune self-assessed TC1 and TC3 as not met, the
    # province appraised both as met; in 11/2026 both are not met again
    Criterion.objects.filter(criteria_set=criteria_set, number=3).update(is_critical=True)
    commune = CommuneFactory()
    failing = {**ALL_MET, "1.2": Decimal(80), "3.1": Decimal(40)}
    assess(commune, dt.date(2026, 10, 1), failing, office)
    assess(commune, dt.date(2026, 10, 1), ALL_MET, office, stage="appraised")
    assess(commune, dt.date(2026, 11, 1), failing, office)

    lost = communes_lost_criteria(commune_ids=[commune.pk])[commune.pk]

    assert [(item.number, item.is_critical) for item in lost] == [(3, True), (1, False)]
    assert {item.previous_period for item in lost} == {dt.date(2026, 10, 1)}
    assert commune.assessments.get(is_current=True).criteria_lost == 2


def test_a_first_assessment_or_a_criterion_never_met_is_no_loss(criteria_set, office):
    first_only = CommuneFactory()
    assess(first_only, dt.date(2026, 11, 1), {**ALL_MET, "2.1": Decimal(30)}, office)
    never_met = CommuneFactory()
    assess(never_met, dt.date(2026, 10, 1), {**ALL_MET, "2.1": Decimal(30)}, office)
    assess(never_met, dt.date(2026, 11, 1), {**ALL_MET, "2.1": Decimal(20)}, office)

    assert communes_lost_criteria(commune_ids=[first_only.pk, never_met.pk]) == {}


def test_the_current_assessment_points_at_the_one_current_before_its_period(criteria_set, office):
    from criteria.models import Assessment

    commune = CommuneFactory()
    appraisal = assess(commune, dt.date(2026, 10, 1), ALL_MET, office, stage="appraised")
    assess(commune, dt.date(2026, 11, 1), ALL_MET, office)
    # a self-assessment of October entered late does not outrank the province's appraisal
    assess(commune, dt.date(2026, 10, 1), ALL_MET, office)
    # the province appraises November: still compared with October
    current = assess(commune, dt.date(2026, 11, 1), ALL_MET, office, stage="appraised")

    current.refresh_from_db()
    assert (current.is_current, current.previous_id) == (True, appraisal.pk)

    # a second October appraisal entered later is the one current before November now
    later = assess(commune, dt.date(2026, 10, 1), ALL_MET, office, stage="appraised")
    assert Assessment.objects.get(is_current=True, commune=commune).previous_id == later.pk


def test_the_admin_edits_whether_a_criterion_is_critical(admin_client, criteria_set):
    criterion = Criterion.objects.get(criteria_set=criteria_set, number=3)

    html = admin_client.get(f"/admin/criteria/criterion/{criterion.pk}/change/").content.decode()

    assert 'name="is_critical"' in html
