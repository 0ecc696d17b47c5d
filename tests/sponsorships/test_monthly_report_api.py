# ruff: noqa: F811 -- the shared report fixtures are imported by name and requested as arguments
"""/api/v1/monthly-reports/: the same scope, rules and messages as the pages."""

import pytest
from django.core import mail
from django.urls import reverse

from ntm_portal.models import Notification
from sponsorships.models import MonthlyReport
from sponsorships.services.report_summaries import report_counts_kept
from tests.openapi import assert_documented
from tests.sponsorships.factories import AssignmentFactory
from tests.sponsorships.monthly_report_fixtures import (  # noqa: F401
    make_report,
    report_a,
    report_b,
    snapshot,
    submitted_report_a,
)

pytestmark = pytest.mark.django_db
LIST = reverse("sponsorships-api:monthly-report-list")


def detail(report, action=None):
    name = f"sponsorships-api:monthly-report-{action or 'detail'}"
    return reverse(name, args=[report.pk])


def assert_nothing_happened(report, before, callbacks):
    assert snapshot(report) == before
    assert mail.outbox == []
    assert callbacks == []
    assert Notification.objects.count() == 0


# An account without a portal role is refused by the kernel's PredicatePermission (403) before
# any lookup; anyone else outside the report's scope gets 404.
DENIED_TO_OUTSIDERS = [
    ("anonymous", 401),  # with WWW-Authenticate: Token
    ("no_role_user", 403),
    ("other_commune_officer", 404),
    ("other_agency_staff", 404),
]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        *DENIED_TO_OUTSIDERS,
        ("leader", 403),
        ("coordination_office", 403),
        ("commune_officer", 200),
        ("agency_staff", 200),
    ],
)
def test_patch_draft_permission_matrix(
    api_as, report_a, role, expected, django_capture_on_commit_callbacks
):
    api, _user = api_as(role)
    before = snapshot(report_a)
    with django_capture_on_commit_callbacks() as callbacks:
        response = api.patch(
            detail(report_a), {"version": 1, "proposals": "Hỗ trợ xi măng"}, format="json"
        )
    assert response.status_code == expected, response.content
    if expected == 200:
        assert (response.json()["proposals"], response.json()["version"]) == ("Hỗ trợ xi măng", 2)
    else:
        assert_nothing_happened(report_a, before, callbacks)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        *DENIED_TO_OUTSIDERS,
        ("leader", 403),
        ("coordination_office", 403),
        ("commune_officer", 403),
        ("agency_staff", 200),
    ],
)
def test_submit_permission_matrix(
    api_as, report_a, role, expected, django_capture_on_commit_callbacks
):
    api, _user = api_as(role)
    before = snapshot(report_a)
    with django_capture_on_commit_callbacks() as callbacks:
        response = api.post(detail(report_a, "submit"))
    assert response.status_code == expected, response.content
    if expected == 200:
        assert response.json()["status"] == "submitted"
    else:
        assert_nothing_happened(report_a, before, callbacks)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        *DENIED_TO_OUTSIDERS,
        ("leader", 403),
        ("commune_officer", 403),
        ("agency_staff", 403),
        ("coordination_office", 200),
    ],
)
@pytest.mark.parametrize(
    ("action", "data", "status"),
    [("accept", {}, "accepted"), ("return", {"reason": "Thiếu ảnh"}, "returned")],
)
def test_review_permission_matrix(
    api_as,
    submitted_report_a,
    role,
    expected,
    action,
    data,
    status,
    django_capture_on_commit_callbacks,
):
    api, _user = api_as(role)
    before = snapshot(submitted_report_a)
    with django_capture_on_commit_callbacks() as callbacks:
        response = api.post(detail(submitted_report_a, action), data, format="json")
    assert response.status_code == expected, response.content
    if expected == 200:
        assert response.json()["status"] == status
    else:
        assert_nothing_happened(submitted_report_a, before, callbacks)


def test_returning_without_a_reason_is_a_400_on_the_reason_field(api_as, submitted_report_a):
    api, _office = api_as("coordination_office")
    before = snapshot(submitted_report_a)
    response = api.post(detail(submitted_report_a, "return"), {"reason": ""}, format="json")
    assert response.status_code == 400
    assert response.json() == {"reason": ["Vui lòng nêu lý do trả lại báo cáo."]}
    assert snapshot(submitted_report_a) == before


def test_patching_a_submitted_report_is_a_400_with_the_reason(api_as, submitted_report_a):
    api, _staff = api_as("agency_staff")
    before = snapshot(submitted_report_a)
    response = api.patch(
        detail(submitted_report_a), {"version": 1, "proposals": "x"}, format="json"
    )
    assert response.status_code == 400
    assert "không thể sửa" in response.json()["non_field_errors"][0]
    assert snapshot(submitted_report_a) == before


def test_patching_with_a_stale_version_is_a_400_conflict(api_as, report_a):
    api, _staff = api_as("agency_staff")
    assert (
        api.patch(detail(report_a), {"version": 1, "proposals": "A"}, format="json").status_code
        == 200
    )
    response = api.patch(detail(report_a), {"version": 1, "proposals": "B"}, format="json")
    assert response.status_code == 400
    assert "người khác cập nhật" in response.json()["non_field_errors"][0]
    assert MonthlyReport.objects.get(pk=report_a.pk).proposals == "A"


def test_put_and_delete_are_not_allowed(api_as, report_a):
    api, _staff = api_as("agency_staff")
    assert api.put(detail(report_a), {"version": 1}, format="json").status_code == 405
    assert api.delete(detail(report_a)).status_code == 405
    assert MonthlyReport.objects.filter(pk=report_a.pk).exists()


def test_retrieve_returns_the_report_with_its_trail(api_as, submitted_report_a, agency_staff):
    api, _office = api_as("coordination_office")
    api.post(detail(submitted_report_a, "return"), {"reason": "Thiếu ảnh"}, format="json")
    body = api.get(detail(submitted_report_a)).json()
    assignment = submitted_report_a.assignment
    assert body["period"] == "2026-11"
    assert (body["agency"], body["commune"], body["status"]) == (
        assignment.agency_id,
        assignment.commune_id,
        "returned",
    )
    assert [(e["action"], e["actor"], e["reason"]) for e in body["events"]] == [
        ("returned", "office", "Thiếu ảnh")
    ]
    assert body["criteria"] == []


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("coordination_office", {"a", "b"}),
        ("leader", {"a", "b"}),
        ("agency_staff", {"a"}),
        ("commune_officer", {"a"}),
        ("other_agency_staff", {"b"}),
        ("no_role_user", set()),
    ],
)
def test_list_is_scoped_to_the_user(request, api_as, report_a, report_b, role, visible):
    api, _user = api_as(role)
    response = api.get(LIST)
    names = {report_a.pk: "a", report_b.pk: "b"}
    if role == "no_role_user":
        assert response.status_code == 403
        return
    assert {names[row["id"]] for row in response.json()["results"]} == visible


def test_list_filters_by_period_status_agency_and_commune(api_as, report_b, submitted_report_a):
    api, _office = api_as("coordination_office")
    accepted = MonthlyReport.objects.filter(pk=report_b.pk)
    with report_counts_kept(accepted):  # written around the services: counted as they count
        accepted.update(status="accepted")
    agency_id = report_b.assignment.agency_id
    commune_id = report_b.assignment.commune_id
    for params, expected in [
        ({"period": "2026-11", "status": "accepted"}, {report_b.pk}),
        ({"agency": agency_id}, {report_b.pk}),
        ({"commune": commune_id}, {report_b.pk}),
        ({"period": "2026-10"}, set()),
    ]:
        assert {row["id"] for row in api.get(LIST, params).json()["results"]} == expected, params


@pytest.mark.parametrize(
    "params",
    [
        {"period": "2026-13"},
        {"status": "lost"},
        {"agency": "x"},
        # Read as "all reports" before, without a word.
        {"is_late": "maybe"},
        {"is_late": "-58800"},
    ],
)
def test_invalid_filters_are_a_400(api_as, params):
    api, _office = api_as("coordination_office")
    assert api.get(LIST, params).status_code == 400


def test_list_query_count_does_not_grow_with_rows(api_as, django_assert_max_num_queries):
    api, _office = api_as("coordination_office")
    make_report(AssignmentFactory())
    with django_assert_max_num_queries(10) as one:
        assert api.get(LIST).status_code == 200
    for _ in range(6):
        make_report(AssignmentFactory())
    with django_assert_max_num_queries(10) as many:
        assert len(api.get(LIST).json()["results"]) == 7
    assert len(many.captured_queries) == len(one.captured_queries)


@pytest.mark.parametrize(
    "path", ["abc/", "null,null/", "abc/submit/", "abc/accept/", "abc/return/"]
)
def test_non_numeric_report_id_is_a_json_404(api_as, path):
    api, _office = api_as("coordination_office")

    response = api.get(LIST + path) if path.count("/") == 1 else api.post(LIST + path, {})

    assert response.status_code == 404
    assert response.json() == {"detail": response.json()["detail"]}


def test_draft_report_without_submitter_matches_the_documented_schema(api_as, report_a):
    # a draft has no submitter: null where the schema said string before
    api, _user = api_as("agency_staff")

    listing = api.get(LIST)
    one = api.get(detail(report_a))

    assert one.json()["submitted_by"] is None
    assert_documented(listing, "/api/v1/monthly-reports/")
    assert_documented(one, "/api/v1/monthly-reports/{id}/")
