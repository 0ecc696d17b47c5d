"""Every filtered list behaves the same way: an invalid filter shows the error and lists
nothing (it neither empties silently nor ignores itself), and a page number past the end shows
the last page instead of a 404."""

import pytest
from django.core.paginator import Paginator
from django.test import RequestFactory
from django.urls import reverse

from ntm_portal.models import Notification
from ntm_portal.pagination import paginate
from tests.sponsorships.factories import SupportActivityFactory
from tests.sponsorships.monthly_report_fixtures import make_report

pytestmark = pytest.mark.django_db

ERROR = "Bộ lọc chưa hợp lệ, hãy sửa các ô được đánh dấu."


def rows(response):
    context = response.context
    if "tables" in context:  # the totals page: one table per grouping
        return [row for _by, table in context["tables"] for row in table]
    for name in ("communes", "activities", "agencies", "assignments", "accounts"):
        if name in context:
            return list(context[name])
    return list(context["object_list"])


# (url name, an invalid filter): one per filtered list of the portal.
LISTS = [
    ("communes:commune_list", {"kind": "zzz"}),
    ("sponsorships:activity_list", {"kind": "zzz"}),
    ("sponsorships:activity_totals", {"kind": "zzz"}),
    ("sponsorships:agency_list", {"kind": "zzz"}),
    ("sponsorships:assignment_list", {"is_active": "maybe"}),
    ("sponsorships:monthly_report_list", {"status": "zzz"}),
    ("accounts:user_list", {"role": "zzz"}),
]


@pytest.fixture
def one_of_everything(assignment_a):
    SupportActivityFactory(assignment=assignment_a)
    make_report(assignment_a)


@pytest.mark.parametrize(("name", "invalid"), LISTS)
def test_an_invalid_filter_shows_the_error_and_lists_nothing(
    as_role, one_of_everything, name, invalid
):
    client, _user = as_role("coordination_office")
    assert rows(client.get(reverse(name)))  # there is something to list

    response = client.get(reverse(name), invalid)

    assert response.status_code == 200
    assert ERROR in response.content.decode()
    assert rows(response) == []


@pytest.mark.parametrize(
    "name",
    [
        "communes:commune_list",
        "sponsorships:activity_list",
        "sponsorships:agency_list",
        "sponsorships:assignment_list",
        "sponsorships:monthly_report_list",
        "accounts:user_list",
        "notification_list",
    ],
)
@pytest.mark.parametrize("page", ["999", "abc", "-1"])
def test_a_page_past_the_end_shows_the_last_page(
    as_role, one_of_everything, name, page, coordination_office
):
    client, user = as_role("coordination_office")
    Notification.objects.create(user=user, title="Báo cáo tháng 11/2026 đã gửi")

    response = client.get(reverse(name), {"page": page})

    assert response.status_code == 200
    page_obj = response.context["page_obj"]
    expected = page_obj.paginator.num_pages if page == "999" else 1
    assert page_obj.number == expected
    assert len(page_obj.object_list) >= 1


@pytest.mark.parametrize(
    ("asked", "shown"), [("1", 1), ("3", 3), ("4", 3), ("99999", 3), ("x", 1), ("", 1)]
)
def test_paginate_clamps_to_the_pages_that_exist(asked, shown):
    request = RequestFactory().get("/", {"page": asked})

    page = paginate(request, list(range(25)), per_page=10)

    assert page.number == shown
    assert isinstance(page.paginator, Paginator)
