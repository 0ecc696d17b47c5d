"""Page panels: how a higher app adds a section to a lower app's page without the lower app
importing it (communes imports neither criteria nor sponsorships).

An app registers panels in its AppConfig.ready(); the page renders them in order. Each panel's
context function must run a fixed number of queries, whatever the data size.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

COMMUNE_DETAIL = "commune_detail"


@dataclass(frozen=True)
class Panel:
    page: str
    template_name: str
    get_context: Callable[..., dict[str, Any]]
    order: int = 100


_registry: dict[str, list[Panel]] = {}


def register(panel: Panel) -> None:
    panels = _registry.setdefault(panel.page, [])
    if panel not in panels:
        panels.append(panel)
        panels.sort(key=lambda p: p.order)


def panels_for(page: str) -> list[Panel]:
    return list(_registry.get(page, []))


def render_context(page: str, **kwargs: Any) -> list[dict[str, Any]]:
    """[{'template_name': ..., 'context': {...}}] for every panel of a page."""
    return [
        {"template_name": p.template_name, "context": p.get_context(**kwargs)}
        for p in panels_for(page)
    ]
