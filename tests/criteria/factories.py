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
