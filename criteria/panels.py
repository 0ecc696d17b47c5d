"""Sections this app adds to the commune page (registered in CriteriaConfig.ready); the
province overview is the dashboards app's and reads criteria.selectors directly."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from communes.models import Commune
from criteria import selectors
from criteria.permissions import assessment_stages_allowed
from ntm_portal.panels import COMMUNE_DETAIL, Panel
from ntm_portal.permissions import PortalUser

HISTORY_LIMIT = 24


def commune_detail_context(*, commune: Commune, user: PortalUser, **_: Any) -> dict[str, Any]:
    """The criteria grid, the assessment history and the entry button (7 queries at most)."""
    may_create = bool(assessment_stages_allowed(user, commune)) and commune.is_assessed_for_ntm
    return {
        "grid": selectors.commune_criteria_grid(commune=commune),
        "history": selectors.commune_assessment_history(commune=commune, limit=HISTORY_LIMIT),
        "history_limit": HISTORY_LIMIT,
        "assessment_create_url": (
            reverse("criteria:assessment_create", args=[commune.pk]) if may_create else None
        ),
    }


PANELS = (
    Panel(
        page=COMMUNE_DETAIL,
        template_name="criteria/_commune_detail_panel.html",
        get_context=commune_detail_context,
        order=10,
    ),
)
