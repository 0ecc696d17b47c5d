"""In Chromium, the pages run under the Content-Security-Policy with nothing blocked: what the
HTML check (tests/ntm_portal/test_csp.py) cannot see, such as a script inserting a <style>."""

import pytest

from ntm_portal.models import User
from tests.factories import UserFactory
from tests.sponsorships.factories import AssignmentFactory, MonthlyReportFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_office_pages_swagger_and_admin_run_without_a_csp_violation(live_server, page, log_in):
    # given
    assignment = AssignmentFactory(commune__criteria_met=12, commune__criteria_total=19)
    MonthlyReportFactory(assignment=assignment)
    UserFactory(
        username="office", role=User.Role.COORDINATION_OFFICE, is_staff=True, is_superuser=True
    )
    blocked = []
    page.on(
        "console",
        lambda message: (
            blocked.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )

    # when
    log_in("office")
    page.goto(live_server.url + "/communes/list/")
    bar_width = page.locator(".bar > span").first.evaluate("e => e.getBoundingClientRect().width")
    for path in [
        f"/communes/{assignment.commune_id}/",
        "/sponsorships/reports/completeness/?period=2024-06",
        f"/sponsorships/assignments/{assignment.pk}/",
        f"/admin/sponsorships/assignment/{assignment.pk}/change/",
    ]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    page.goto(live_server.url + "/api/docs/")
    page.wait_for_selector(".opblock")  # Swagger UI started from its ?script URL

    # then
    assert blocked == []
    assert bar_width > 0  # the bar's style="width: …%" applies (style-src-attr)
