import datetime as dt
from decimal import Decimal

import factory

from criteria.models import CriteriaSet, Criterion, Indicator, Threshold


class CriteriaSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CriteriaSet

    code = factory.Sequence(lambda n: f"set-{n}")
    name = factory.Sequence(lambda n: f"Bộ tiêu chí {n}")
    legal_basis = "QĐ 318/QĐ-TTg"
    valid_from = dt.date(2021, 1, 1)


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    criteria_set = factory.SubFactory(CriteriaSetFactory)
    number = factory.Sequence(lambda n: n + 1)
    code = factory.LazyAttribute(lambda c: f"TC{c.number:02d}")
    name_vi = factory.Sequence(lambda n: f"Tiêu chí {n}")
    name_en = factory.Sequence(lambda n: f"Criterion {n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    criterion = factory.SubFactory(CriterionFactory)
    code = factory.Sequence(lambda n: f"{n}.1")
    name_vi = "Chỉ tiêu"
    name_en = "Indicator"
    kind = Indicator.Kind.PERCENT
    comparator = Indicator.Comparator.GTE


class ThresholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Threshold

    indicator = factory.SubFactory(IndicatorFactory)
    classification_key = "tdmnpb"
    value = Decimal("90")


def small_criteria_set(**set_fields):
    """A three-criterion set covering every kind and comparator, with thresholds for two regions.

    TC1: 1.1 boolean (Đạt), 1.2 percent ≥ 90 (tdmnpb) / ≥ 95 (dbsh)
    TC2: 2.1 percent ≤ 10 (tdmnpb) / ≤ 5 (dbsh)
    TC3: 3.1 number ≥ 39 from 2022, ≥ 48 from 2025 (tdmnpb only)
    """
    criteria_set = CriteriaSetFactory(**set_fields)
    tc1 = CriterionFactory(criteria_set=criteria_set, number=1, code="TC01", name_vi="Quy hoạch")
    tc2 = CriterionFactory(
        criteria_set=criteria_set, number=2, code="TC02", name_vi="Nghèo đa chiều"
    )
    tc3 = CriterionFactory(criteria_set=criteria_set, number=3, code="TC03", name_vi="Thu nhập")
    rows = [
        (tc1, "1.1", Indicator.Kind.BOOLEAN, Indicator.Comparator.EQ, "", {"tdmnpb": 1, "dbsh": 1}),
        (
            tc1,
            "1.2",
            Indicator.Kind.PERCENT,
            Indicator.Comparator.GTE,
            "%",
            {"tdmnpb": 90, "dbsh": 95},
        ),
        (
            tc2,
            "2.1",
            Indicator.Kind.PERCENT,
            Indicator.Comparator.LTE,
            "%",
            {"tdmnpb": 10, "dbsh": 5},
        ),
        (tc3, "3.1", Indicator.Kind.NUMBER, Indicator.Comparator.GTE, "triệu đồng", {}),
    ]
    for position, (criterion, code, kind, comparator, unit, thresholds) in enumerate(rows):
        indicator = IndicatorFactory(
            criterion=criterion,
            code=code,
            kind=kind,
            comparator=comparator,
            unit=unit,
            position=position,
            is_verified=True,
        )
        for key, value in thresholds.items():
            ThresholdFactory(
                indicator=indicator, classification_key=key, value=Decimal(value), is_verified=True
            )
        if code == "3.1":
            ThresholdFactory(indicator=indicator, year=2022, value=Decimal(39), is_verified=True)
            ThresholdFactory(indicator=indicator, year=2025, value=Decimal(48), is_verified=True)
    return criteria_set


ALL_MET = {"1.1": Decimal(1), "1.2": Decimal("95.5"), "2.1": Decimal(4), "3.1": Decimal(50)}


def count_latest_results():
    """The office counts each commune's latest result, self-assessments included (the default
    counts its latest appraisal first): for fixtures whose figures were worked out that way."""
    from criteria.models import CurrentRule, CurrentRuleChange
    from ntm_portal.models import User

    if not CurrentRuleChange.objects.exists():
        office, _ = User.objects.get_or_create(
            username="rule-setter", defaults={"role": User.Role.COORDINATION_OFFICE}
        )
        CurrentRuleChange.objects.create(rule=CurrentRule.LATEST, changed_by=office)
