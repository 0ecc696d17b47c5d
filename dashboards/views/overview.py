"""The province overview and the national overview: parse the filters, call the selector,
render. Figures and charts come from dashboards.selectors and dashboards.charts."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dashboards import charts
from dashboards.forms import ProvinceOverviewFilterForm
from dashboards.selectors.national import national_overview
from dashboards.selectors.province import province_overview
from ntm_portal.permissions import has_portal_role


def province_overview_view(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {"has_portal_role": has_portal_role(request.user)}
    if context["has_portal_role"]:
        form = ProvinceOverviewFilterForm(request.GET, user=request.user)
        context["form"] = form
        # The national overview's menu entry, only where there is more than one province.
        context["several_provinces"] = form.fields["province"].queryset[:2].count() > 1
        if form.is_valid():
            context.update(_overview_context(request, form.selection()))
    return render(request, "dashboards/province_overview.html", context)


def _overview_context(request: HttpRequest, selection: dict[str, Any]) -> dict[str, Any]:
    if selection["province"] is None:
        return {"province": None}
    overview = province_overview(user=request.user, **selection)
    standard_trend, average_trend = charts.trend_charts(overview)
    return {
        "province": overview.province,
        "overview": overview,
        "figures": overview.figures_by_key,
        "distribution_chart": charts.distribution_chart(overview),
        "criteria_chart": charts.criteria_chart(overview),
        "standard_trend_chart": standard_trend,
        "average_trend_chart": average_trend,
        "comparison_chart": charts.comparison_chart(overview),
        "sponsorship_chart": charts.sponsorship_chart(overview),
    }


def national_overview_view(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {"has_portal_role": has_portal_role(request.user)}
    if context["has_portal_role"]:
        overview = national_overview(user=request.user)
        context.update(overview=overview, several_provinces=overview.is_national)
        if overview.is_national:
            context["national_chart"] = charts.national_chart(overview)
    return render(request, "dashboards/national_overview.html", context)
