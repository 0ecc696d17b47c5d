"""The overview's figures as charts (ntm_portal.charts): the same numbers as its tables, each
bar linking to the rows behind it where a list exists."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from dashboards.selectors.national import NationalOverview
from dashboards.selectors.province import DISTRICT, ProvinceOverview
from ntm_portal.charts import Chart, Series, bar_chart, line_chart

AVERAGE_DECIMALS = 2
MILLION = 1_000_000


def commune_list_url(**params: object) -> str:
    return f"{reverse('communes:commune_list')}?{urlencode(params)}"


def province_overview_url(code: str) -> str:
    return f"{reverse('dashboards:province_overview')}?{urlencode({'province': code})}"


def criterion_communes_url(number: int) -> str:
    """The communes meeting a criterion now (the commune list's criterion filter)."""
    return commune_list_url(criterion=number, criterion_result="met")


def distribution_chart(overview: ProvinceOverview) -> Chart:
    return bar_chart(
        _("Số xã theo số tiêu chí đạt"),
        [str(met) for met, _count in overview.distribution],
        [count for _met, count in overview.distribution],
        name=_("Số xã"),
        links=tuple(
            commune_list_url(kind="xa", criteria_met=met) for met, _n in overview.distribution
        ),
    )


def criteria_chart(overview: ProvinceOverview) -> Chart:
    return bar_chart(
        _("Số xã đạt từng tiêu chí (tiêu chí yếu nhất trước)"),
        [f"{stat.number}. {stat.name}" for stat in overview.criteria],
        [stat.met for stat in overview.criteria],
        name=_("Số xã đạt"),
        horizontal=True,
        links=tuple(criterion_communes_url(stat.number) for stat in overview.criteria),
    )


def trend_charts(overview: ProvinceOverview) -> tuple[Chart, Chart]:
    labels = [point.label for point in overview.trend]
    standard = line_chart(
        _("Số xã đạt chuẩn (19/19 tiêu chí) cuối mỗi kỳ"),
        labels,
        [Series(_("Xã đạt chuẩn"), tuple(p.at_standard for p in overview.trend))],
        height=200,
    )
    average = line_chart(
        _("Tiêu chí đạt bình quân mỗi xã cuối mỗi kỳ"),
        labels,
        [
            Series(
                _("Tiêu chí đạt bình quân"),
                tuple(float(p.average_met or 0) for p in overview.trend),
            )
        ],
        height=200,
        decimals=AVERAGE_DECIMALS,
    )
    return standard, average


def comparison_chart(overview: ProvinceOverview, rows: list | None = None) -> Chart:
    """The comparison's bars: every row, or the ``rows`` given (the page's first ones)."""
    is_district = overview.group_by == DISTRICT
    rows = overview.comparison if rows is None else rows
    links = (
        tuple(
            reverse("dashboards:district_detail", args=[row.key]) if row.key else "" for row in rows
        )
        if is_district
        else ()
    )
    return bar_chart(
        _("Tỷ lệ xã đạt chuẩn (19/19) theo huyện")
        if is_district
        else _("Tỷ lệ xã đạt chuẩn (19/19) theo nhóm xã"),
        [row.label for row in rows],
        [row.percent_at_standard for row in rows],
        name=_("Tỷ lệ đạt chuẩn"),
        horizontal=True,
        unit="%",
        links=links,
    )


def sponsorship_chart(overview: ProvinceOverview) -> Chart:
    """Millions of đồng: axis labels of whole đồng would not fit (the API gives đồng)."""
    year = overview.sponsorship
    return bar_chart(
        _("Giá trị giúp đỡ xã theo tháng năm %(year)s (triệu đồng)") % {"year": year.year},
        [f"{month.month.month:02d}" for month in year.months],
        [round(month.amount / MILLION, 1) for month in year.months],
        name=_("Giá trị (triệu đồng)"),
        decimals=1,
    )


def national_chart(overview: NationalOverview) -> Chart:
    return bar_chart(
        _("Tỷ lệ xã đạt chuẩn (19/19) theo tỉnh"),
        [row.province.name for row in overview.provinces],
        [row.percent_at_standard for row in overview.provinces],
        name=_("Tỷ lệ đạt chuẩn"),
        horizontal=True,
        unit="%",
        links=tuple(province_overview_url(row.province.code) for row in overview.provinces),
    )
