"""The chart module: structure, proportions, labels, accessibility, empty data, determinism."""

import re

import pytest
from django.template import Context, Template
from django.utils import translation

from ntm_portal import charts


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def rects(svg: str) -> list[dict]:
    return [
        dict(re.findall(r'(\w+)="([^"]*)"', m))
        for m in re.findall(r'<rect class="chart-bar" ([^>]*)>', str(svg))
    ]


def test_a_bar_per_value_with_heights_proportional_to_the_values():
    chart = charts.bar_chart("Giá trị hỗ trợ", ["T9", "T10", "T11"], [10, 20, 40])
    bars = rects(chart.svg)
    assert len(bars) == 3
    heights = [float(b["height"]) for b in bars]
    assert heights[1] == pytest.approx(2 * heights[0], abs=0.1)
    assert heights[2] == pytest.approx(4 * heights[0], abs=0.1)
    assert all(label in chart.svg for label in ("T9", "T10", "T11"))


def test_horizontal_bars_put_the_label_and_the_vietnamese_number_on_each_row():
    chart = charts.bar_chart(
        "Theo xã", ["Xuân Lạc", "Trung Hòa"], [21_000_000, 5_000_000], horizontal=True
    )
    widths = [float(b["width"]) for b in rects(chart.svg)]
    assert widths[0] == pytest.approx(4.2 * widths[1], abs=0.1)
    assert ">Xuân Lạc<" in chart.svg
    assert ">21.000.000<" in chart.svg


def test_stacked_bars_stack_each_series_and_draw_a_legend():
    chart = charts.stacked_bar_chart(
        "Nộp báo cáo",
        ["10/2026", "11/2026"],
        [charts.Series("đúng hạn", (3, 2)), charts.Series("muộn", (1, 2))],
    )
    bars = rects(chart.svg)
    assert len(bars) == 4
    bottom, top = bars[0], bars[1]
    assert float(top["y"]) + float(top["height"]) == pytest.approx(float(bottom["y"]), abs=0.1)
    assert 'class="legend"' in chart.svg
    assert "đúng hạn" in chart.svg


def test_a_line_has_a_point_per_label_with_its_number():
    chart = charts.line_chart(
        "Số xã đạt chuẩn", ["T1", "T2", "T3"], [charts.Series("xã", (1, 2, 3))]
    )
    assert chart.svg.count('<circle class="point"') == 3
    assert "<title>T3: 3</title>" in chart.svg


def test_charts_are_accessible_images_with_a_title_and_a_description():
    chart = charts.bar_chart("Giá trị <hỗ trợ>", ["A"], [1500.5], unit=" đồng")
    svg = str(chart.svg)
    assert 'role="img"' in svg
    assert f'aria-labelledby="{chart.chart_id}-title {chart.chart_id}-desc"' in svg
    assert "<title id=" in svg
    assert "Giá trị &lt;hỗ trợ&gt;" in svg
    assert "<desc id=" in svg
    assert "A: 1.500,5 đồng" in svg


def test_empty_data_says_so_and_draws_no_bar():
    for chart in (charts.bar_chart("Trống", [], []), charts.bar_chart("Không", ["A"], [0])):
        assert rects(chart.svg) == []
        assert "Chưa có số liệu" in chart.svg


def test_the_same_data_gives_the_same_bytes():
    make = lambda: charts.bar_chart("X", ["a", "b"], [1, 3]).svg  # noqa: E731
    assert make() == make()


def test_a_series_must_have_one_value_per_label():
    with pytest.raises(ValueError, match="one value per label"):
        charts.line_chart("X", ["a", "b"], [charts.Series("s", (1,))])


def test_the_template_tag_shows_the_numbers_behind_a_toggle():
    chart = charts.bar_chart("Theo tháng", ["11/2026"], [2_500_000])
    html = Template("{% load charts %}{% chart c %}").render(Context({"c": chart}))
    assert "<details" in html
    assert "xem số liệu" in html
    assert "2.500.000" in html
    bare = Template("{% load charts %}{% chart c table=False %}").render(Context({"c": chart}))
    assert "<details" not in bare
    assert "<svg" in bare


def test_a_long_label_is_cut_on_the_axis_and_kept_whole_in_the_bar_title():
    name = "Ban Quản lý các dự án đầu tư xây dựng công trình giao thông tỉnh"
    svg = str(charts.bar_chart("Theo cơ quan", [name], [1], horizontal=True).svg)
    assert f"<title>{name}: 1</title>" in svg
    assert "…</text>" in svg


def test_a_percent_axis_says_percent_and_whole_numbers_have_no_decimals():
    svg = str(charts.bar_chart("Tỷ lệ", ["A"], [100], unit="%").svg)
    assert ">50%</text>" in svg
    assert ">100%</text>" in svg


@pytest.mark.parametrize(
    ("value", "top"),
    [(0, 1), (0.4, 0.5), (1, 1), (7, 10), (19, 20), (23, 50), (180, 200), (240, 250), (3e7, 5e7)],
)
def test_the_axis_top_is_round_and_its_middle_line_whole(value, top):
    assert charts.nice_max(value) == top


def test_a_chart_fills_a_narrow_column_but_never_grows_past_a_quarter_more_than_drawn():
    # On a wide page an unbounded width="100%" drew a 460-unit leaderboard 2.7 times too big.
    chart = charts.bar_chart("Giá trị hỗ trợ", ["T9"], [10], width=460)
    assert 'width="100%"' in chart.svg
    assert 'style="max-width:575px"' in chart.svg
