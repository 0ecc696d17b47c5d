"""The province overview and the national overview: parse the filters, call the selector,
render. Figures and charts come from dashboards.selectors and dashboards.charts."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from dashboards import charts
from dashboards.forms import ProvinceOverviewFilterForm, overview_cache_vary, overview_filters
from dashboards.selectors.national import national_overview_shared
from dashboards.selectors.province import province_comparison, province_overview
from ntm_portal import versions
from ntm_portal.pagination import paginate
from ntm_portal.permissions import has_portal_role

# The overview shows the first districts (or commune groups) of the comparison, the full
# table is its own page: a province can hold hundreds of districts at national scale.
COMPARISON_SHOWN = 20
COMPARISON_PER_PAGE = 50
# ?sort= of the full comparison (default: by code, as the overview).
COMPARISON_SORTS = {
    "share": lambda row: (-row.percent_at_standard, row.label),
    "-share": lambda row: (row.percent_at_standard, row.label),
}


def province_overview_view(request: HttpRequest) -> HttpResponse:
    """The page shell per request (user, menu, notifications); its content from the cache,
    shared by the users of one scope until the next write (ntm_portal/versions.py)."""
    request.GET = overview_filters(request.GET)
    vary = overview_cache_vary(request.user, request.GET)
    page = versions.cached("province_overview", vary, lambda: _overview_page(request))
    return render(request, "dashboards/province_overview.html", page)


def _overview_page(request: HttpRequest) -> dict[str, Any]:
    context: dict[str, Any] = {"has_portal_role": has_portal_role(request.user)}
    if context["has_portal_role"]:
        form = ProvinceOverviewFilterForm(request.GET, user=request.user)
        context["form"] = form
        # The national overview's menu entry, only where there is more than one province.
        context["several_provinces"] = form.fields["province"].queryset[:2].count() > 1
        if form.is_valid():
            context.update(_overview_context(request, form.selection()))
    content = render_to_string("dashboards/_province_overview_content.html", context, request)
    return {"content": content, "several_provinces": context.get("several_provinces", False)}


def _overview_context(request: HttpRequest, selection: dict[str, Any]) -> dict[str, Any]:
    if selection["province"] is None:
        return {"province": None}
    overview = province_overview(user=request.user, **selection)
    standard_trend, average_trend = charts.trend_charts(overview)
    shown = overview.comparison[:COMPARISON_SHOWN]
    return {
        "comparison_rows": shown,
        "comparison_more": len(overview.comparison) > len(shown),
        "province": overview.province,
        "overview": overview,
        "figures": overview.figures_by_key,
        "distribution_chart": charts.distribution_chart(overview),
        "criteria_chart": charts.criteria_chart(overview),
        "standard_trend_chart": standard_trend,
        "average_trend_chart": average_trend,
        "comparison_chart": charts.comparison_chart(overview, shown),
        "sponsorship_chart": charts.sponsorship_chart(overview),
    }


def national_overview_view(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {"has_portal_role": has_portal_role(request.user)}
    if context["has_portal_role"]:
        overview = national_overview_shared(user=request.user)
        context.update(overview=overview, several_provinces=overview.is_national)
        if overview.is_national:
            context["national_chart"] = charts.national_chart(overview)
    return render(request, "dashboards/national_overview.html", context)


def province_comparison_view(request: HttpRequest) -> HttpResponse:
    """Every district (or commune group) of the overview's comparison, a page at a time, in
    the order ?sort= asks; the overview's filters stay in the URL."""
    context: dict[str, Any] = {"has_portal_role": has_portal_role(request.user)}
    if context["has_portal_role"]:
        form = ProvinceOverviewFilterForm(request.GET, user=request.user)
        context["form"] = form
        if form.is_valid() and form.selection()["province"] is not None:
            context.update(_comparison_context(request, form.selection()))
    return render(request, "dashboards/province_comparison.html", context)


def _comparison_context(request: HttpRequest, selection: dict[str, Any]) -> dict[str, Any]:
    comparison = province_comparison(
        user=request.user,
        province=selection["province"],
        trend_kind=selection["trend_kind"],
        group_by=selection["group_by"],
    )
    sort = request.GET.get("sort", "")
    rows = comparison.rows
    if sort in COMPARISON_SORTS:
        rows = sorted(rows, key=COMPARISON_SORTS[sort])
    return {
        "comparison": comparison,
        "page_obj": paginate(request, rows, COMPARISON_PER_PAGE),
        "current_sort": sort if sort in COMPARISON_SORTS else "",
    }
