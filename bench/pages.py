"""The one registry of what the bench measures over HTTP: every page of the portal the
coordination office opens, and the API's lists (first page and a cursor page deep in the list).

Each entry names its target (None: only the growth and HTML size targets apply).
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

from django.test import Client
from django.urls import reverse

from bench import env
from bench.measure import Measured
from bench.targets import API_LIST, LIST, NATIONAL, PROVINCE, TOTALS
from dashboards.selectors.actions import LIST_KEYS

DEEP_ROWS = 10_000  # how deep the cursor pages start (or half the list, if shorter)
PAGE_SIZE = 50  # the API's default page
API_LISTS = ("communes", "assessments", "agencies", "assignments", "activities", "monthly-reports")


@dataclass(frozen=True)
class Page:
    name: str
    url: str
    target_ms: float | None = None
    prepare: Callable[[], object] | None = None  # untimed, before each sample

    def measured(self, client: Client) -> Measured:
        return Measured(self.name, self.url, lambda: client.get(self.url), self.prepare)


@dataclass(frozen=True)
class Ids:
    """A sample of each object, in the deployment's province."""

    commune: int
    assessment: int
    agency: int
    assignment: int
    activity: int
    report: int
    district: int
    criterion: int
    indicator: int
    criteria_set: int

    @classmethod
    def load(cls) -> Ids:
        from communes.models import Commune
        from criteria.models import Assessment, Indicator
        from sponsorships.models import MonthlyReport, SupportActivity

        sponsored = Commune.objects.filter(assignments__isnull=False).order_by("pk")
        commune = sponsored.filter(province__code=env.PROVINCE_CODE).first() or sponsored[0]
        assessment = Assessment.objects.get(commune=commune, is_current=True)
        assignment = commune.assignments.first()
        indicator = Indicator.objects.select_related("criterion").first()
        return cls(
            commune=commune.pk,
            assessment=assessment.pk,
            agency=assignment.agency_id,
            assignment=assignment.pk,
            activity=SupportActivity.objects.filter(assignment=assignment).first().pk,
            report=MonthlyReport.objects.filter(assignment=assignment).latest("period").pk,
            district=commune.district_id,
            criterion=indicator.criterion_id,
            indicator=indicator.pk,
            criteria_set=indicator.criterion.criteria_set_id,
        )


def registry(client: Client) -> list[Page]:
    ids = Ids.load()
    return [*_overviews(client, ids), *_lists(ids), *_details(ids), *_api(client, ids)]


def _province_overviews(client: Client) -> list[Page]:
    """The province overview is cached until the next write (ntm_portal/versions.py): warm,
    what most requests get (a write since the last sample, e.g. the cold entry's or
    activity_create's, emptied the cache: one untimed request fills it again), and cold, the
    first request after a write (an update of the province, which changes the data version)."""
    url = reverse("dashboards:province_overview")
    quarters = url + "?period=quarter&group_by=commune_group"
    return [
        Page("province overview", url, PROVINCE, prepare=lambda: client.get(url)),
        Page(
            "province overview, cold (first request after a write)",
            url,
            PROVINCE,
            prepare=_write_province,
        ),  # fmt: skip
        Page(
            "province overview, quarters by commune group",
            quarters,
            PROVINCE,
            prepare=lambda: client.get(quarters),
        ),  # fmt: skip
    ]


def _write_province() -> None:
    from django.db.models import F

    from communes.models import Province

    Province.objects.filter(code=env.PROVINCE_CODE).update(name=F("name"))


def _overviews(client: Client, ids: Ids) -> list[Page]:
    dash = "dashboards:"
    return [
        *_province_overviews(client),
        Page("national overview", reverse(f"{dash}national_overview"), NATIONAL),
        Page("actions, every list", reverse(f"{dash}action_list"), LIST),
        *(
            Page(f"actions, list {key}", reverse(f"{dash}action_list") + f"?list={key}", LIST)
            for key in LIST_KEYS
        ),
        Page("drill-down district", reverse(f"{dash}district_detail", args=[ids.district])),
        Page("drill-down criterion", reverse(f"{dash}criterion_detail", args=[ids.criterion])),
        Page("drill-down indicator", reverse(f"{dash}indicator_detail", args=[ids.indicator])),
    ]


def _lists(ids: Ids) -> list[Page]:
    sp = "sponsorships:"
    communes = reverse("communes:commune_list")
    return [
        Page("commune list", communes, LIST),
        Page(
            "commune list, 10-15 met, by met",
            communes + "?ordering=-criteria_met&criteria_met_min=10&criteria_met_max=15",
            LIST,
        ),  # fmt: skip
        Page("commune list, search", communes + "?q=thu+tai+999", LIST),
        Page("agency list", reverse(f"{sp}agency_list"), LIST),
        Page("assignment list", reverse(f"{sp}assignment_list"), LIST),
        Page(
            "difficult communes without a sponsor", reverse(f"{sp}communes_without_sponsor"), LIST
        ),  # fmt: skip
        Page("activity list", reverse(f"{sp}activity_list"), LIST),
        Page("activity list, deep page", reverse(f"{sp}activity_list") + _deep_after(), LIST),
        # Filters the agency page links to, and a year (a million rows to sum, unbounded).
        Page(
            "activity list, one agency",
            reverse(f"{sp}activity_list") + f"?agency={ids.agency}",
            LIST,
        ),  # fmt: skip
        Page(
            "activity list, this year",
            reverse(f"{sp}activity_list") + f"?year={dt.date.today().year}",
            LIST,
        ),  # fmt: skip
        Page("activity totals", reverse(f"{sp}activity_totals"), TOTALS),
        Page("monthly report list", reverse(f"{sp}monthly_report_list"), LIST),
        Page("monthly report completeness", reverse(f"{sp}monthly_report_completeness"), LIST),
        Page("notification list", reverse("notification_list"), LIST),
        Page("export list", reverse("exports:list"), LIST),
        Page("campaign list", reverse("campaigns:campaign_list"), LIST),
        Page("contribution list", reverse("campaigns:contribution_list"), LIST),
        Page("criteria set list", reverse("criteria:criteria_set_list"), LIST),
    ]


def _details(ids: Ids) -> list[Page]:
    sp = "sponsorships:"
    return [
        Page("commune page", reverse("communes:commune_detail", args=[ids.commune]), LIST),
        Page("assessment page", reverse("criteria:assessment_detail", args=[ids.assessment])),
        Page("criteria set page", reverse("criteria:criteria_set_detail", args=[ids.criteria_set])),
        Page("agency page", reverse(f"{sp}agency_detail", args=[ids.agency])),
        Page("assignment page", reverse(f"{sp}assignment_detail", args=[ids.assignment])),
        Page("activity page", reverse(f"{sp}activity_detail", args=[ids.activity])),
        Page("monthly report page", reverse(f"{sp}monthly_report_detail", args=[ids.report])),
        Page("province monthly report", reverse(f"{sp}province_report")),
        Page("assessment form", reverse("criteria:assessment_create", args=[ids.commune])),
        Page("assignment form", reverse(f"{sp}assignment_create")),
        Page("activity form", reverse(f"{sp}activity_create", args=[ids.assignment])),
    ]


def _api(client: Client, ids: Ids) -> list[Page]:
    pages = []
    for name in API_LISTS:
        url = f"/api/v1/{name}/"
        pages.append(Page(f"API {name}", url, API_LIST))
        pages.append(Page(f"API {name}, deep cursor", _deep_cursor(client, url), API_LIST))
    province = reverse("dashboards-api:province")
    return [
        *pages,
        # Cached as the page is: warm, as "province overview" (its cold cost is the page's).
        Page("API province overview", province, prepare=lambda: client.get(province)),
        Page("API national overview", reverse("dashboards-api:national")),
        Page("API actions", reverse("dashboards-api:action-board")),
    ]


def _deep_after() -> str:
    """The activity list's ?after= cursor DEEP_ROWS rows down (date.id of the row above)."""
    from sponsorships.models import SupportActivity

    rows = SupportActivity.objects.order_by("-date", "-id").values_list("date", "id")
    count = SupportActivity.objects.count()
    date, pk = rows[min(DEEP_ROWS, count // 2)]
    return f"?after={date.isoformat()}.{pk}"


def _deep_cursor(client: Client, url: str) -> str:
    """A keyset page DEEP_ROWS rows down (or half the list): the API's keyset order is by id
    and the bench's ids are consecutive, so the position is the first page's plus the depth."""
    depth = min(DEEP_ROWS, client.get(url).json().get("count", 0) // 2)
    link = client.get(url, {"cursor": ""}).json().get("next")
    if not link or depth <= PAGE_SIZE:
        return url + "?cursor="
    cursor = parse_qs(urlsplit(link).query)["cursor"][0]
    position = int(parse_qs(base64.b64decode(cursor).decode())["p"][0])
    deep = base64.b64encode(urlencode({"p": position + depth - PAGE_SIZE}).encode()).decode()
    return url + "?" + urlencode({"cursor": deep})
