"""Content-Security-Policy: the header, and pages that pass it (no inline script or handler)."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.criteria.factories import small_criteria_set
from tests.sponsorships.factories import MonthlyReportFactory, SupportActivityFactory

EXPECTED_POLICY = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "style-src-elem": {"'self'"},
    "style-src-attr": {"'unsafe-inline'"},
    "img-src": {"'self'", "data:"},
    "object-src": {"'none'"},
    "base-uri": {"'self'"},
    "form-action": {"'self'"},
    "frame-ancestors": {"'none'"},
}
EVENT_ATTRIBUTE = re.compile(r"^on[a-z]+$")
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction"}


class InlineCodeFinder(HTMLParser):
    """Collects what script-src 'self' / style-src-elem 'self' would block in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values, line = dict(attrs), self.getpos()[0]
        script_type = (values.get("type") or "").lower()
        if tag == "script" and not values.get("src") and script_type not in DATA_SCRIPT_TYPES:
            self.problems.append(f"inline <script> at line {line}")
        if tag == "style":
            self.problems.append(f"<style> element at line {line}")
        for name, value in attrs:
            if EVENT_ATTRIBUTE.match(name):
                self.problems.append(f"{name}= on <{tag}> at line {line}")
            if name in URL_ATTRIBUTES and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"javascript: URL on <{tag}> at line {line}")


def inline_code(html: str) -> list[str]:
    finder = InlineCodeFinder()
    finder.feed(html)
    finder.close()
    return finder.problems


def parse_policy(header: str) -> dict[str, set[str]]:
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: set(sources) for name, *sources in directives}


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<script type="text/javascript">alert(1)</script>',
        '<script src="">alert(1)</script>',
        '<img src="x.png" onerror="alert(1)">',
        '<body ONLOAD="go()">',
        '<button onclick="go()">x</button>',
        '<a href=" JavaScript:alert(1)">x</a>',
        "<style>body{color:red}</style>",
    ],
)
def test_the_finder_catches_inline_code(html):
    assert inline_code(html)


@pytest.mark.parametrize(
    "html",
    [
        '<script src="/static/x.js"></script>',
        '<script id="data" type="application/json">{"a": 1}</script>',
        '<span style="width: 40%"></span>',
        '<a href="/x/" data-on="1">x</a>',
    ],
)
def test_the_finder_lets_external_scripts_and_data_blocks_through(html):
    assert inline_code(html) == []


@pytest.fixture
def office_pages(assignment_a, agency_staff):
    activity = SupportActivityFactory(assignment=assignment_a)
    report = MonthlyReportFactory(assignment=assignment_a)
    criteria_set = small_criteria_set()
    commune = assignment_a.commune
    commune.criteria_met, commune.criteria_total = 12, 19
    commune.save()
    return [
        reverse("dashboards:province_overview"),
        reverse("communes:commune_list"),
        reverse("communes:commune_detail", args=[commune.pk]),
        reverse("criteria:criteria_set_detail", args=[criteria_set.pk]),
        reverse("sponsorships:activity_list"),
        reverse("sponsorships:activity_detail", args=[activity.pk]),
        reverse("sponsorships:activity_create", args=[assignment_a.pk]),
        reverse("sponsorships:assignment_detail", args=[assignment_a.pk]),
        reverse("sponsorships:agency_list"),
        reverse("sponsorships:monthly_report_detail", args=[report.pk]),
        reverse("sponsorships:monthly_report_completeness") + "?period=2024-06",
        reverse("notification_list"),
        reverse("api_docs"),
        reverse("admin:index"),
        reverse("admin:sponsorships_assignment_changelist"),
        reverse("admin:sponsorships_assignment_change", args=[assignment_a.pk]),
        reverse("accounts:user_list"),
        reverse("accounts:user_create"),
        reverse("accounts:user_import"),
        reverse("accounts:user_detail", args=[agency_staff.pk]),
        reverse("accounts:user_update", args=[agency_staff.pk]),
        reverse("accounts:profile"),
        reverse("account_change_password"),
        reverse("mfa_index"),
        reverse("usersessions_list"),
    ]


@pytest.mark.django_db
def test_the_office_pages_have_no_inline_script_or_handlers(
    client, coordination_office, office_pages
):
    coordination_office.is_staff = coordination_office.is_superuser = True
    coordination_office.save()
    client.force_login(coordination_office)

    problems = {}
    for url in office_pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("text/html"), url
        if found := inline_code(response.content.decode()):
            problems[url] = found

    assert problems == {}


@pytest.mark.django_db
def test_the_staff_home_and_login_pages_have_no_inline_script(client, agency_staff, commune_a):
    assert inline_code(client.get(reverse("account_login")).content.decode()) == []
    commune_a.criteria_met, commune_a.criteria_total = 12, 19
    commune_a.save()
    client.force_login(agency_staff)

    response = client.get(reverse("sponsorships:staff_home"))

    assert response.status_code == 200
    assert 'style="width: ' in response.content.decode()  # the bars: why style-src-attr
    assert inline_code(response.content.decode()) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/login/", "/api/docs/", "/api/schema/", "/no-such-page/", "/static/css/portal.css"]
)
def test_every_response_carries_the_policy(client, url):
    response = client.get(url)

    assert parse_policy(response["Content-Security-Policy"]) == EXPECTED_POLICY


@pytest.mark.django_db
def test_signed_in_pages_and_the_api_carry_the_policy(client, leader):
    client.force_login(leader)

    for url in ("/dashboards/", "/api/v1/communes/"):
        assert parse_policy(client.get(url)["Content-Security-Policy"]) == EXPECTED_POLICY


def test_no_script_source_allows_inline_code_or_eval():
    sources = EXPECTED_POLICY["script-src"] | EXPECTED_POLICY["default-src"]

    assert not sources & {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "data:"}


@pytest.mark.django_db
def test_the_swagger_page_loads_its_start_up_script_from_a_url(client):
    page = client.get(reverse("api_docs")).content.decode()
    script = client.get(reverse("api_docs"), {"script": ""})

    assert '<script src="/api/docs/?script="></script>' in page
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle(" in script.content.decode()
    assert reverse("api_schema") in script.content.decode()
