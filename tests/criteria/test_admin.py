"""The admin is where the office corrects thresholds: values the indicator's kind cannot take are
refused on the field, and nothing is saved."""

from decimal import Decimal

import pytest
from django.urls import reverse

from criteria.models import Indicator, Threshold
from tests.criteria.factories import IndicatorFactory, ThresholdFactory


def change(client, threshold, value):
    url = reverse("admin:criteria_threshold_change", args=[threshold.pk])
    data = {
        "indicator": threshold.indicator_id,
        "classification_key": threshold.classification_key,
        "year": "",
        "value": value,
        "note": "",
        "_save": "1",
    }
    return client.post(url, data)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "value"),
    [
        (Indicator.Kind.PERCENT, "140"),
        (Indicator.Kind.PERCENT, "-1"),
        (Indicator.Kind.BOOLEAN, "-1"),
        (Indicator.Kind.BOOLEAN, "2"),
        (Indicator.Kind.NUMBER, "-5"),
    ],
)
def test_a_threshold_the_kind_cannot_take_is_refused(admin_client, kind, value):
    threshold = ThresholdFactory(indicator=IndicatorFactory(kind=kind), value=Decimal("1"))

    response = change(admin_client, threshold, value)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["value"]
    assert Threshold.objects.get(pk=threshold.pk).value == Decimal("1")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "value"),
    [
        (Indicator.Kind.PERCENT, "95.5"),
        (Indicator.Kind.BOOLEAN, "1"),
        (Indicator.Kind.NUMBER, "48"),
        (Indicator.Kind.PERCENT, ""),
    ],
)
def test_a_threshold_the_kind_allows_is_saved(admin_client, kind, value):
    threshold = ThresholdFactory(indicator=IndicatorFactory(kind=kind), value=Decimal("1"))

    response = change(admin_client, threshold, value)

    assert response.status_code == 302
    expected = Decimal(value) if value else None
    assert Threshold.objects.get(pk=threshold.pk).value == expected


@pytest.mark.django_db
def test_the_indicator_page_refuses_an_impossible_threshold_in_its_inline(admin_client):
    indicator = IndicatorFactory(kind=Indicator.Kind.PERCENT)
    threshold = ThresholdFactory(indicator=indicator, value=Decimal("90"))
    prefix = "thresholds"
    data = {
        "criterion": indicator.criterion_id,
        "code": indicator.code,
        "name_vi": indicator.name_vi,
        "name_en": indicator.name_en,
        "kind": indicator.kind,
        "comparator": indicator.comparator,
        "unit": "",
        "position": 0,
        "confidence": "",
        "note": "",
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-INITIAL_FORMS": "1",
        f"{prefix}-0-id": threshold.pk,
        f"{prefix}-0-indicator": indicator.pk,
        f"{prefix}-0-classification_key": threshold.classification_key,
        f"{prefix}-0-year": "",
        f"{prefix}-0-value": "140",
        f"{prefix}-0-note": "",
    }

    response = admin_client.post(
        reverse("admin:criteria_indicator_change", args=[indicator.pk]), data
    )

    assert response.status_code == 200
    assert Threshold.objects.get(pk=threshold.pk).value == Decimal("90")


@pytest.mark.django_db
def test_a_correction_in_the_admin_records_who_so_imports_never_overwrite_it_silently(
    admin_client, admin_user
):
    from criteria.models import EnteredVia

    threshold = ThresholdFactory(indicator=IndicatorFactory(kind=Indicator.Kind.PERCENT))

    assert change(admin_client, threshold, "85").status_code == 302

    threshold.refresh_from_db()
    assert threshold.entered_via == EnteredVia.ADMIN
    assert threshold.entered_by == admin_user
    assert threshold.entered_at is not None
