"""Drill-down pages: district → commune (communes app) → criterion → indicator, one click each.

Thin views: resolve the object (404 outside scope), read the URL filters, call the selector.
"""

from __future__ import annotations

from typing import Any

from django.views.generic import TemplateView

from dashboards.forms import DrilldownFilterForm
from dashboards.selectors import drilldown as selectors


class DistrictDetailView(TemplateView):
    template_name = "dashboards/district_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        district = selectors.district_get(user=user, pk=self.kwargs["pk"])
        drilldown = selectors.district_drilldown(user=user, district=district)
        return super().get_context_data(drilldown=drilldown, **kwargs)


class ScopedDrilldownView(TemplateView):
    """A page over the communes of ?province= / ?district=; ?commune= only keeps the path
    (breadcrumbs, the highlighted row). An invalid filter is shown and nothing is listed."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        form = DrilldownFilterForm(self.request.GET or None)
        context = super().get_context_data(form=form, **kwargs)
        context["object"] = self.get_object()
        if form.is_bound and not form.is_valid():
            return context
        data = form.cleaned_data if form.is_bound else {}
        scope = selectors.scope_of(province=data.get("province"), district=data.get("district"))
        commune = data.get("commune")
        context.update(
            drilldown=self.drilldown(context["object"], scope),
            path_commune=commune,
            path_district=scope.district or (commune.district if commune else None),
            path_query=self.request.GET.urlencode(),
        )
        return context


class CriterionDetailView(ScopedDrilldownView):
    template_name = "dashboards/criterion_detail.html"

    def get_object(self):
        return selectors.criterion_get(user=self.request.user, pk=self.kwargs["pk"])

    def drilldown(self, criterion, scope):
        return selectors.criterion_drilldown(
            user=self.request.user, criterion=criterion, scope=scope
        )


class IndicatorDetailView(ScopedDrilldownView):
    template_name = "dashboards/indicator_detail.html"

    def get_object(self):
        return selectors.indicator_get(user=self.request.user, pk=self.kwargs["pk"])

    def drilldown(self, indicator, scope):
        return selectors.indicator_drilldown(
            user=self.request.user, indicator=indicator, scope=scope
        )
