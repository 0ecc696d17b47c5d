import datetime as dt

import pytest
from django import forms

from ntm_portal import periods
from ntm_portal.forms import PeriodField


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10/2026", dt.date(2026, 10, 1)),
        ("1-2027", dt.date(2027, 1, 1)),
        ("12.2025", dt.date(2025, 12, 1)),
        ("2026-10", dt.date(2026, 10, 1)),
    ],
)
def test_a_month_is_read_as_people_type_it_or_a_picker_sends_it(text, expected):
    assert periods.parse_month(text) == expected


@pytest.mark.parametrize("text", ["13/2026", "2026/10", "10/26", "tháng 10"])
def test_anything_else_is_not_a_month(text):
    with pytest.raises(ValueError, match="Invalid period"):
        periods.parse_month(text)


def test_period_field_cleans_to_the_first_of_the_month_and_shows_it_as_mm_yyyy():
    field = PeriodField()

    assert field.clean("11/2026") == dt.date(2026, 11, 1)
    assert field.prepare_value(dt.date(2026, 11, 1)) == "11/2026"
    with pytest.raises(forms.ValidationError, match="Nhập kỳ theo dạng tháng/năm"):
        field.clean("2026/13")
