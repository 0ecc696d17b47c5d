"""The completeness page's 12-month trend, drawn by the kernel's chart module."""

import re

import pytest

from sponsorships.selectors.report_completeness import CompletenessRow, trend_chart


def row(label, expected, on_time, late, missing):
    return CompletenessRow(label, label, expected, on_time, late, missing, returned=0)


def test_each_month_is_drawn_as_shares_that_add_up_to_a_full_bar():
    chart = trend_chart([row("10/2026", 3, 1, 1, 1), row("11/2026", 40, 30, 10, 0)])
    assert [s.values for s in chart.series] == [(33, 75), (33, 25), (34, 0)]
    heights = [
        float(h) for h in re.findall(r'<rect class="chart-bar"[^>]*height="([\d.]+)"', chart.svg)
    ]
    assert sum(heights[:3]) == pytest.approx(sum(heights[3:]), abs=0.2)


def test_a_month_without_reports_draws_no_bar():
    chart = trend_chart([row("09/2026", 0, 0, 0, 0), row("10/2026", 2, 2, 0, 0)])
    assert chart.svg.count('<rect class="chart-bar"') == 1
    assert "10/2026: đúng hạn, 100%" in chart.svg
