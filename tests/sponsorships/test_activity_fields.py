from decimal import Decimal

import pytest
from django.utils import translation

from sponsorships.forms.fields import LocalDecimalField


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("quantity", [Decimal("1000"), Decimal("1500.5"), Decimal("600")])
def test_a_quantity_shown_in_the_form_is_saved_back_unchanged(language, quantity):
    field = LocalDecimalField()
    with translation.override(language):
        shown = field.prepare_value(quantity)

        assert field.clean(shown) == quantity
