from decimal import Decimal

import pytest
from django.utils import translation

from criteria.forms import IndicatorNumberField


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("value", [Decimal("1250"), Decimal("96.5"), Decimal("2")])
def test_an_indicator_value_shown_in_the_form_reads_back_unchanged(language, value):
    field = IndicatorNumberField(required=False)
    with translation.override(language):
        shown = field.prepare_value(value)

        assert field.clean(shown) == value
