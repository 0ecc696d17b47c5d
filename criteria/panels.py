"""Sections this app adds to the commune page (registered in CriteriaConfig.ready); the
province overview is the dashboards app's and reads criteria.selectors directly."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.paginator import Page, Paginator
from django.urls import reverse
from django.utils.translation import gettext as _

from communes.models import Commune
from criteria import selectors
from criteria.models import Assessment
from criteria.permissions import assessment_stages_allowed
from ntm_portal.charts import Chart, line_chart
from ntm_portal.charts import Series as ChartSeries
from ntm_portal.panels import COMMUNE_DETAIL, Panel
from ntm_portal.permissions import PortalUser
from ntm_portal.templatetags.portal_tags import period

HISTORY_PER_PAGE = 24
CHART_PERIODS = 8  # more labels than this overlap on a phone; the table lists them all
# The latest entries the chart's periods are drawn from (2–3 a period); also the history
# table's first page, when they are the whole history.
CHART_ROWS = HISTORY_PER_PAGE


def commune_detail_context(
    *, commune: Commune, user: PortalUser, query: Mapping[str, str] | None = None, **_: Any
) -> dict[str, Any]:
    """The criteria grid, the assessment history (a bounded chart, every entry in a table paged
    by ``?history_page=``) and the entry button (9 queries at most)."""
    may_create = bool(assessment_stages_allowed(user, commune)) and commune.is_assessed_for_ntm
    recent = selectors.commune_assessment_history(commune=commune, limit=CHART_ROWS)
    return {
        "grid": selectors.commune_criteria_grid(commune=commune),
        "history": recent,
        "history_chart": history_chart(recent),
        "history_page": history_page(commune, recent, (query or {}).get("history_page")),
        "assessment_create_url": (
            reverse("criteria:assessment_create", args=[commune.pk]) if may_create else None
        ),
    }


def history_page(commune: Commune, recent: list[Assessment], number: str | None) -> Page:
    """The page ``number`` of the history table; the first, when the chart's rows are the whole
    history, is those rows (no count, no second read)."""
    whole = len(recent) < CHART_ROWS and number in (None, "", "1")
    rows = recent if whole else selectors.commune_assessments(commune=commune)
    return Paginator(rows, HISTORY_PER_PAGE).get_page(number)


def history_chart(history: list[Assessment]) -> Chart:
    """Criteria met per assessment period, oldest first; a period assessed twice (the
    commune's self-assessment, then the province's appraisal) shows its latest entry."""
    latest: dict = {}
    for assessment in history:  # newest first
        latest.setdefault(assessment.period, assessment)
    periods = sorted(latest)[-CHART_PERIODS:]
    return line_chart(
        _("Số tiêu chí đạt qua các kỳ đánh giá"),
        [period(p) for p in periods],
        [ChartSeries(_("Tiêu chí đạt"), tuple(latest[p].criteria_met for p in periods))],
        desc=_("Số tiêu chí xã đạt theo từng kỳ đánh giá."),
        width=420,
        height=180,
    )


def merged_history_context(*, commune: Commune, **_: Any) -> dict[str, Any]:
    """The predecessors' NTM history of a commune formed by a merger (1 query when none)."""
    return {"merged": selectors.commune_merged_history(commune=commune)}


PANELS = (
    Panel(
        page=COMMUNE_DETAIL,
        template_name="criteria/_commune_detail_panel.html",
        get_context=commune_detail_context,
        order=10,
    ),
    Panel(
        page=COMMUNE_DETAIL,
        template_name="criteria/_merged_history_panel.html",
        get_context=merged_history_context,
        order=20,
    ),
)
