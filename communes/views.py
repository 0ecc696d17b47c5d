"""HTML views: the commune list and the commune page (the province overview is the
dashboards app's; /communes/ redirects there).

Reads go through communes.selectors (scoped by user) and CommuneFilterSet; other apps add
sections to the commune page through ntm_portal.panels.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.views.generic import DetailView, ListView

from communes import selectors
from communes.filters import CommuneFilterSet
from communes.models import Commune
from ntm_portal import filter_extensions, panels
from ntm_portal.filters import filtered_queryset
from ntm_portal.pagination import ClampedPaginationMixin

SORTABLE_COLUMNS = ("name", "code", "district", "criteria_met")


class CommuneListView(ClampedPaginationMixin, ListView):
    template_name = "communes/commune_list.html"
    context_object_name = "communes"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[Commune]:
        # Always bound, as the API's: unbound, a filterset filters nothing, and the list
        # without parameters showed the units of every period, not those in force today.
        self.filterset = CommuneFilterSet(
            self.request.GET,
            queryset=selectors.commune_list(user=self.request.user),
            request=self.request,
        )
        return filtered_queryset(self.filterset)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        ordering = self.filterset.form.cleaned_data.get("ordering")
        context.update(
            filterset=self.filterset,
            sort=sort_links(ordering[0] if ordering else "name"),
            active_filters=self.active_filters(),
        )
        return context

    def active_filters(self) -> list[dict[str, str]]:
        """Filters other apps contributed, in words, each with the query that clears it."""
        if not self.filterset.is_valid():
            return []
        data = self.filterset.form.cleaned_data
        active = filter_extensions.active(filter_extensions.COMMUNE_LIST, data)
        return [{"text": text, "clear_query": self._without(names)} for text, names in active]

    def _without(self, names: tuple[str, ...]) -> str:
        query = self.request.GET.copy()
        for name in (*names, "page"):
            query.pop(name, None)
        return query.urlencode()


def sort_links(current: str) -> dict[str, dict[str, str | None]]:
    """Per sortable column: the ordering its header link asks for and its aria-sort state."""
    links: dict[str, dict[str, str | None]] = {}
    for column in SORTABLE_COLUMNS:
        state = {column: "ascending", f"-{column}": "descending"}.get(current)
        links[column] = {
            "ordering": f"-{column}" if state == "ascending" else column,
            "aria_sort": state,
        }
    return links


class CommuneDetailView(DetailView):
    template_name = "communes/commune_detail.html"
    context_object_name = "commune"

    def get_object(self, queryset: QuerySet[Commune] | None = None) -> Commune:
        return selectors.commune_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["successors"] = selectors.commune_successors(commune=self.object)
        context["panels"] = panels.render_context(
            panels.COMMUNE_DETAIL,
            commune=self.object,
            user=self.request.user,
            query=self.request.GET,
        )
        return context
