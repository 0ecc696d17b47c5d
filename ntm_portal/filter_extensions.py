"""Filters a higher app adds to a lower app's FilterSet (as ntm_portal.panels does for pages).

The commune list must filter by "meets criterion 7", a fact the criteria app owns; communes
may not import criteria. So the criteria app contributes its filters here (in its
AppConfig.ready) and CommuneFilterSet, marked ``@extensible(COMMUNE_LIST)``, takes them into
its ``base_filters``: the page, the API and the OpenAPI schema then see one FilterSet.
Registration works in either order (FilterSet class first or contribution first).

A contribution may also check its fields together (``clean(form, data)``, adding form errors)
and say in words what its active filter does (``describe(data)`` → "xã đạt tiêu chí 7"), so
the list shows "Đang lọc: …" without knowing what the words mean.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

COMMUNE_LIST = "commune_list"


@dataclass(frozen=True)
class Contribution:
    point: str
    filters: dict[str, Any]
    clean: Callable[[Any, dict[str, Any]], None] | None = None
    describe: Callable[[dict[str, Any]], str | None] | None = None
    params: tuple[str, ...] = field(default=())

    @property
    def names(self) -> tuple[str, ...]:
        return self.params or tuple(self.filters)


_contributions: dict[str, list[Contribution]] = {}
_targets: dict[str, list[type]] = {}


def extensible(point: str) -> Callable[[type], type]:
    """Class decorator for a FilterSet that accepts contributed filters."""

    def decorate(cls: type) -> type:
        _targets.setdefault(point, []).append(cls)
        for contribution in _contributions.get(point, []):
            cls.base_filters.update(contribution.filters)
        return cls

    return decorate


def contribute(contribution: Contribution) -> None:
    contributions = _contributions.setdefault(contribution.point, [])
    if contribution in contributions:
        return
    contributions.append(contribution)
    for cls in _targets.get(contribution.point, []):
        cls.base_filters.update(contribution.filters)


def contributions_for(point: str) -> list[Contribution]:
    return list(_contributions.get(point, []))


def clean(point: str, form: Any, data: dict[str, Any]) -> None:
    for contribution in contributions_for(point):
        if contribution.clean is not None:
            contribution.clean(form, data)


def active(point: str, data: dict[str, Any]) -> list[tuple[str, tuple[str, ...]]]:
    """(description, the query parameters that clear it) of every active contributed filter."""
    result = []
    for contribution in contributions_for(point):
        text = contribution.describe(data) if contribution.describe else None
        if text:
            result.append((text, contribution.names))
    return result
