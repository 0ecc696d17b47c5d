"""Drill-down pages: district → commune (communes app) → criterion → indicator, one click each.

Thin views: resolve the object (404 outside scope), read the URL filters, call the selector.
"""

from __future__ import annotations

from typing import Any

from django.views.generic import TemplateView

from communes.selectors import portal_province
from dashboards.forms import DrilldownFilterForm
from dashboards.selectors import drilldown as selectors
from ntm_portal.pagination import paginate, paginate_to

# Communes of each table per page: a province-wide criterion covers every commune of the
# country's largest province; page links keep the scope (?province=, ?district=, ?commune=).
PER_PAGE = 50


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
            form.offer_districts_of(form.cleaned_data.get("province") or portal_province())
            return context
        data = form.cleaned_data if form.is_bound else {}
        scope = selectors.scope_of(province=data.get("province"), district=data.get("district"))
        form.offer_districts_of(scope.province)
        commune = data.get("commune")
        drilldown = self.drilldown(context["object"], scope)
        context.update(
            drilldown=drilldown,
            path_commune=commune,
            path_district=scope.district or (commune.district if commune else None),
            path_query=_path_query(self.request),
            **self.pages(drilldown, commune),
        )
        return context

    def page_of(self, ids: list[int], param: str, commune: Any, rows_of: Any) -> Any:
        """A page of the xã of ``ids`` as rows; without ``?<param>=``, the page holding
        ``commune`` (the reader's) if it is among them. Only that page's rows are read."""
        index = ids.index(commune.pk) if commune is not None and commune.pk in ids else None
        page = paginate_to(self.request, ids, PER_PAGE, param, index)
        page.object_list = rows_of(list(page.object_list))
        return page


def _path_query(request: Any) -> str:
    """The scope for links to other drill-down pages (not this page's page numbers)."""
    query = request.GET.copy()
    for name in [key for key in query if key.endswith("page")]:
        query.pop(name)
    return query.urlencode()


class CriterionDetailView(ScopedDrilldownView):
    template_name = "dashboards/criterion_detail.html"

    def get_object(self):
        return selectors.criterion_get(user=self.request.user, pk=self.kwargs["pk"])

    def drilldown(self, criterion, scope):
        return selectors.criterion_drilldown(
            user=self.request.user, criterion=criterion, scope=scope
        )

    def pages(self, drilldown, commune) -> dict[str, Any]:
        """Each result group paged on its own (?not_met_page=, ?met_page=, ...)."""
        groups = [
            (result, label, count, self.group_page(drilldown, result, commune))
            for result, label, count in drilldown.groups
        ]
        sponsors = paginate(self.request, drilldown.assignments, PER_PAGE, "sponsors_page")
        sponsors.object_list = drilldown.sponsors_of(list(sponsors.object_list))
        return {"group_pages": groups, "sponsors_page": sponsors}

    def group_page(self, drilldown, result: str, commune) -> Any:
        ids = drilldown.group(result)
        return self.page_of(ids, f"{result}_page", commune, drilldown.rows_of)


class IndicatorDetailView(ScopedDrilldownView):
    template_name = "dashboards/indicator_detail.html"

    def get_object(self):
        return selectors.indicator_get(user=self.request.user, pk=self.kwargs["pk"])

    def drilldown(self, indicator, scope):
        return selectors.indicator_drilldown(
            user=self.request.user, indicator=indicator, scope=scope
        )

    def pages(self, drilldown, commune) -> dict[str, Any]:
        return {"page_obj": self.page_of(drilldown.ids, "page", commune, drilldown.rows_of)}
