from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.formats import number_format

from ntm_portal.numbers import parse_decimal, parse_local_decimal

VI = {"decimal_separator": ",", "thousand_separator": "."}
EN = {"decimal_separator": ".", "thousand_separator": ","}


@pytest.mark.parametrize(
    ("notation", "text", "expected"),
    [
        (VI, "1,5", "1.5"),
        (VI, "1.5", "1.5"),
        (VI, "1.000", "1000"),
        (VI, "12.500", "12500"),
        (VI, "1.500,5", "1500.5"),
        (VI, "1.234.567", "1234567"),
        (VI, " 96,50 ", "96.5"),
        (VI, "-2,25", "-2.25"),
        (EN, "1,000", "1000"),
        (EN, "1,000.5", "1000.5"),
        (EN, "1.5", "1.5"),
        (EN, "1.000", "1"),
        (EN, "1,5", "1.5"),
        (EN, "600", "600"),
        # not a thousands group: a decimal point whichever mark was typed
        (VI, "8.54", "8.54"),
        (VI, "4668.466", "4668.466"),
        (EN, "6,58", "6.58"),
        # spaces people (or copy-paste from Word and Excel) leave in a number
        (VI, "1\u00a0234\u00a0567", "1234567"),
        (VI, "1 500,5", "1500.5"),
        (EN, "1 500.5", "1500.5"),
        (VI, "\u00a096,5\u00a0", "96.5"),
    ],
)
def test_numbers_are_read_in_the_notation_they_were_typed(notation, text, expected):
    assert parse_decimal(text, **notation) == Decimal(expected)


@pytest.mark.parametrize("text", ["abc", "1,2,3", "1.2.3", "1.000,5,5", "1e5", "NaN", "--1"])
def test_garbage_is_refused(text):
    with pytest.raises(ValueError, match="not a number"):
        parse_decimal(text, **VI)


def test_blank_is_no_value():
    assert parse_decimal("  ", **VI) is None


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(
    "value", [Decimal("1000"), Decimal("1500.5"), Decimal("0.25"), Decimal("1234567")]
)
def test_what_a_form_displays_reads_back_as_the_same_number(language, value):
    with translation.override(language):
        shown = number_format(value, force_grouping=True)

        assert parse_local_decimal(shown) == value
