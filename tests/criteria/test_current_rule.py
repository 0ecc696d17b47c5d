"""Which assessment counts: by default the latest appraisal, else the self-assessment; the office
may count the latest result instead. Changing the rule moves "current" and every figure."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from communes.models import Commune
from criteria.models import (
    Assessment,
    CriterionCount,
    CriterionResult,
    CurrentRule,
    CurrentRuleChange,
    MetCount,
)
from criteria.selectors import current_rule, province_met_counts
from criteria.services import assessment_create
from criteria.services.current_rule import current_rule_set
from tests.communes.factories import CommuneFactory
from tests.criteria.factories import ALL_MET

SEP, OCT, NOV = dt.date(2026, 9, 1), dt.date(2026, 10, 1), dt.date(2026, 11, 1)
TWO_MET = {**ALL_MET, "3.1": Decimal(30)}


def enter(commune, user, period, stage, values=ALL_MET):
    return assessment_create(
        commune=commune, period=period, stage=stage, values=values, entered_by=user
    )


def current(commune):
    return Assessment.objects.get(commune=commune, is_current=True)


def history(commune, user):
    """Appraised 3/3 in September; self-assessed 2/3 in October and November."""
    enter(commune, user, SEP, "appraised")
    enter(commune, user, OCT, "self_assessed", TWO_MET)
    return enter(commune, user, NOV, "self_assessed", TWO_MET)


def state():
    """Everything that follows from "current", to compare two ways of getting there."""
    return (
        sorted(
            Assessment.objects.filter(is_current=True).values_list(
                "commune_id", "period", "stage", "previous__period", "criteria_lost"
            )
        ),
        sorted(
            CriterionResult.objects.filter(is_current=True).values_list(
                "assessment__commune_id", "criterion_id", "result"
            )
        ),
        sorted(
            Commune.objects.values_list(
                "pk", "criteria_met", "criteria_total", "meets_standard", "assessed_period"
            )
        ),
        sorted(CriterionCount.objects.values_list("criterion_id", "met", "not_met")),
        sorted(MetCount.objects.filter(communes__gt=0).values_list("criteria_met", "communes")),
    )


def test_by_default_the_latest_appraisal_counts(criteria_set, commune_a, coordination_office):
    history(commune_a, coordination_office)

    assert current_rule() == CurrentRule.APPRAISED_FIRST
    assert (current(commune_a).period, current(commune_a).stage) == (SEP, "appraised")
    assert Commune.objects.get(pk=commune_a.pk).criteria_met == 3


def test_a_commune_never_appraised_counts_its_self_assessment(
    criteria_set, commune_a, coordination_office
):
    enter(commune_a, coordination_office, OCT, "self_assessed")
    enter(commune_a, coordination_office, NOV, "self_assessed", TWO_MET)

    assert (current(commune_a).period, current(commune_a).stage) == (NOV, "self_assessed")


def test_a_newer_appraisal_replaces_the_self_assessment(
    criteria_set, commune_a, coordination_office
):
    history(commune_a, coordination_office)

    enter(commune_a, coordination_office, OCT, "appraised", TWO_MET)

    assert (current(commune_a).period, current(commune_a).stage) == (OCT, "appraised")


def test_counting_the_latest_result_takes_the_self_assessment(
    criteria_set, commune_a, coordination_office, latest_rule
):
    history(commune_a, coordination_office)

    assert (current(commune_a).period, current(commune_a).stage) == (NOV, "self_assessed")


def test_switching_the_rule_changes_the_dashboard_counts_and_is_recorded(
    criteria_set, commune_a, coordination_office
):
    history(commune_a, coordination_office)
    province = commune_a.province
    assert province_met_counts(province=province) == [(3, 3, 1)]

    change = current_rule_set(rule=CurrentRule.LATEST, changed_by=coordination_office)

    assert province_met_counts(province=province) == [(2, 3, 1)]
    assert Commune.objects.get(pk=commune_a.pk).criteria_met == 2
    assert current(commune_a).period == NOV
    assert (change.rule, change.changed_by) == (CurrentRule.LATEST, coordination_office)
    current_rule_set(rule=CurrentRule.APPRAISED_FIRST, changed_by=coordination_office)
    assert province_met_counts(province=province) == [(3, 3, 1)]
    assert CurrentRuleChange.objects.count() == 2


def test_choosing_the_rule_in_force_records_nothing(criteria_set, coordination_office):
    assert (
        current_rule_set(rule=CurrentRule.APPRAISED_FIRST, changed_by=coordination_office) is None
    )
    assert not CurrentRuleChange.objects.exists()


@pytest.mark.parametrize("role", ["leader", "commune_officer", "agency_staff"])
def test_only_the_office_may_change_the_rule(
    request, criteria_set, commune_a, coordination_office, role
):
    history(commune_a, coordination_office)
    before = state()

    with pytest.raises(PermissionDenied):
        current_rule_set(rule=CurrentRule.LATEST, changed_by=request.getfixturevalue(role))

    assert state() == before
    assert not CurrentRuleChange.objects.exists()


@pytest.mark.parametrize("rule", [CurrentRule.LATEST, CurrentRule.APPRAISED_FIRST])
def test_switching_gives_what_entering_under_the_new_rule_gives(
    criteria_set, coordination_office, rule
):
    other = next(choice for choice in CurrentRule if choice != rule)
    communes = [CommuneFactory() for _ in range(3)]

    def enter_all():
        for commune in communes[:2]:
            history(commune, coordination_office)
        enter(communes[2], coordination_office, OCT, "self_assessed", TWO_MET)

    CurrentRuleChange.objects.create(rule=rule, changed_by=coordination_office)
    enter_all()
    entered_under_rule = state()
    Assessment.objects.all().delete()
    CurrentRuleChange.objects.create(rule=other, changed_by=coordination_office)
    enter_all()
    assert state() != entered_under_rule

    current_rule_set(rule=rule, changed_by=coordination_office)

    assert state() == entered_under_rule


def test_the_command_applies_the_rule_to_rows_marked_before_it(
    criteria_set, commune_a, coordination_office, latest_rule
):
    history(commune_a, coordination_office)
    CurrentRuleChange.objects.all().delete()  # as after migrating: marked by the latest period

    call_command("apply_current_rule", verbosity=0)

    assert (current(commune_a).period, current(commune_a).stage) == (SEP, "appraised")
    assert province_met_counts(province=commune_a.province) == [(3, 3, 1)]


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("leader", 403), ("commune_officer", 403), ("coordination_office", 200)],
)
def test_who_may_open_the_rule_page(as_role, db, role, expected):
    client, _user = as_role(role)

    assert client.get(reverse("criteria:current_rule")).status_code == expected


def test_the_office_switches_the_rule_on_its_page_and_sees_who_did(
    as_role, criteria_set, commune_a, coordination_office
):
    history(commune_a, coordination_office)
    client, user = as_role("coordination_office")

    response = client.post(reverse("criteria:current_rule"), {"rule": "latest"}, follow=True)

    assert Commune.objects.get(pk=commune_a.pk).criteria_met == 2
    assert str(user) in response.content.decode()
    assert "Đã đổi cách tính" in response.content.decode()


def test_a_bad_choice_changes_nothing(as_role, criteria_set, commune_a, coordination_office):
    history(commune_a, coordination_office)
    client, _user = as_role("coordination_office")

    response = client.post(reverse("criteria:current_rule"), {"rule": "newest"})

    assert response.status_code == 400
    assert not CurrentRuleChange.objects.exists()


def test_the_commune_page_marks_a_self_assessment(
    as_role, criteria_set, commune_a, commune_b, coordination_office
):
    enter(commune_a, coordination_office, NOV, "self_assessed")
    enter(commune_b, coordination_office, NOV, "appraised")
    client, _user = as_role("leader")

    def page(commune):
        url = reverse("communes:commune_detail", args=[commune.pk])
        return client.get(url).content.decode()

    badge = '<span class="tag tag-self-assessed">Xã tự đánh giá</span>'
    assert page(commune_a).count(badge) == 3  # the facts, the result shown, its history row
    assert badge not in page(commune_b)


def test_lists_mark_a_self_assessment_and_follow_the_rule(
    as_role, criteria_set, commune_a, commune_b, coordination_office
):
    history(commune_a, coordination_office)  # appraised in September, self-assessed since
    enter(commune_b, coordination_office, NOV, "self_assessed")
    client, _user = as_role("leader")
    badge = '<span class="tag tag-self-assessed">Xã tự đánh giá</span>'

    def marked():
        return client.get(reverse("communes:commune_list")).content.decode().count(badge)

    assert marked() == 1  # commune B only: commune A counts its appraisal
    assert Commune.objects.get(pk=commune_a.pk).assessed_stage == "appraised"
    current_rule_set(rule=CurrentRule.LATEST, changed_by=coordination_office)
    assert marked() == 2
    assert Commune.objects.get(pk=commune_a.pk).assessed_stage == "self_assessed"
