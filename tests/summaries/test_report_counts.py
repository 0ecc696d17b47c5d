"""The monthly report counts (ReportCount): after any sequence of report writes through the
services they equal a rebuild from scratch, and the completeness figures read from them equal
the counts of the reports themselves (hypothesis)."""

import datetime as dt
import importlib
import io
from collections import Counter

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communes.models import Province
from ntm_portal.models import User
from sponsorships.models import Agency, MonthlyReport, ReportCount
from sponsorships.report_filters import MonthlyReportFilterSet
from sponsorships.selectors import report_completeness as completeness
from sponsorships.selectors.monthly_reports import monthly_report_list
from sponsorships.selectors.report_counts import monthly_report_count
from sponsorships.services import monthly_reports as services
from sponsorships.services.agencies import assignment_update
from tests.sponsorships.factories import AgencyFactory, AssignmentFactory, MonthlyReportFactory

Status = MonthlyReport.Status
PERIODS = (dt.date(2026, 8, 1), dt.date(2026, 9, 1), dt.date(2026, 10, 1), dt.date(2026, 11, 1))
fill_step = importlib.import_module("sponsorships.migrations.0014_report_counts")

open_period = st.tuples(st.just("open"), st.integers(0, len(PERIODS) - 1))
submit = st.tuples(st.just("submit"), st.integers(0, 15), st.booleans())  # late or on time
review = st.tuples(st.sampled_from(["accept", "return"]), st.integers(0, 15))
move = st.tuples(st.just("move"), st.integers(0, 3), st.integers(0, 1), st.integers(0, 4))
WRITES = st.lists(st.one_of(open_period, submit, review, move), min_size=1, max_size=14)


def counts_snapshot() -> dict:
    rows = ReportCount.objects.exclude(count=0)
    return {row[:-1]: row[-1] for row in rows.values_list(*KEYS, "count")}


KEYS = ("period", "grouping", "key", "province_key", "status", "is_late")


def staff_of(agency_id: int) -> User:
    return User.objects.get_or_create(
        username=f"staff_{agency_id}",
        defaults={"role": User.Role.AGENCY_STAFF, "agency_id": agency_id, "email": "s@x.vn"},
    )[0]


def apply(write, country, office) -> None:
    kind, index, *args = write
    if kind == "open":
        services.monthly_reports_open(period=PERIODS[index])
        return
    if kind == "move":
        agency = Agency.objects.order_by("pk")[args[0]]
        assignment = country.assignments[index]
        assignment.refresh_from_db()
        assignment_update(
            assignment=assignment, user=office, agency=agency, commune=country.communes[args[1]]
        )
        return
    reports = list(MonthlyReport.objects.order_by("pk").select_related("assignment"))
    if not reports:
        return
    report = reports[index % len(reports)]
    if kind == "submit":
        MonthlyReport.objects.filter(pk=report.pk).update(next_month_plan="Kế hoạch")
        report.refresh_from_db()
        now = report.due_at + dt.timedelta(days=1 if args[0] else -1)
        actor = staff_of(report.assignment.agency_id)
        services.monthly_report_submit(report=report, actor=actor, now=now)
    elif kind == "accept":
        services.monthly_report_accept(report=report, actor=office)
    else:
        services.monthly_report_return(report=report, actor=office, reason="Bổ sung số liệu")


def apply_all(writes, country, office) -> None:
    for write in writes:
        try:
            with transaction.atomic():
                apply(write, country, office)
        except ValidationError:  # refused (wrong state, invalid move): nothing may change
            pass


def oracle(reports, key) -> dict:
    """{key(report): Counter of the completeness counts}, counted report by report."""
    result: dict = {}
    for report in reports:
        counts = result.setdefault(key(report), Counter())
        counts["expected"] += 1
        if report.status in (Status.SUBMITTED, Status.ACCEPTED):
            counts["late" if report.is_late else "on_time"] += 1
        else:
            counts["missing"] += 1
        counts["returned"] += report.status == Status.RETURNED
    return result


def figures(row) -> Counter:
    names = ("expected", "on_time", "late", "missing", "returned")
    return Counter({name: getattr(row, name) for name in names if getattr(row, name)})


def assert_page_figures_equal_the_reports() -> None:
    reports = list(MonthlyReport.objects.select_related("assignment__commune"))
    for period in PERIODS:
        of_month = [r for r in reports if r.period == period]
        expected = oracle(of_month, lambda r: r.assignment.agency_id)
        assert {
            row.key: figures(row) for row in completeness.completeness_by_agency(period=period)
        } == expected
        expected = oracle(of_month, lambda r: r.assignment.commune.district_id)
        assert {
            row.key or None: figures(row)
            for row in completeness.completeness_by_district(period=period)
        } == expected
        total = oracle(of_month, lambda r: "all").get("all", Counter())
        assert figures(completeness.completeness_totals(period=period)) == total
        assert figures(completeness.completeness_trend(period=period)[-1]) == total
        for province in Province.objects.all():
            mine = oracle(of_month, lambda r: r.assignment.commune.province_id).get(
                province.pk, Counter()
            )
            assert (
                figures(completeness.completeness_totals(period=period, province=province)) == mine
            )


FILTERS = st.fixed_dictionaries(
    {
        "period": st.sampled_from(["", *(f"{p:%Y-%m}" for p in PERIODS)]),
        "status": st.sampled_from(["", *Status.values]),
        "is_late": st.sampled_from(["", "true", "false"]),
        "agency": st.sampled_from([None, 0, 1]),
        "as_staff": st.booleans(),
    }
)


def assert_pager_count_equals_the_list(chosen: dict, office: User) -> None:
    """The pager's count from the report counts is the number of reports the list shows."""
    agencies = list(Agency.objects.order_by("pk"))
    data = {name: chosen[name] for name in ("period", "status", "is_late")}
    if chosen["agency"] is not None:
        data["agency"] = agencies[chosen["agency"]].pk
    user = staff_of(agencies[0].pk) if chosen["as_staff"] else office
    filterset = MonthlyReportFilterSet(data, queryset=monthly_report_list(user=user))
    assert filterset.is_valid(), filterset.errors
    count = monthly_report_count(user=user, filters=filterset.form.cleaned_data)
    assert count == filterset.qs.count()


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(writes=WRITES, chosen=FILTERS)
def test_report_counts_kept_on_write_equal_a_rebuild_and_the_reports(
    country, coordination_office, writes, chosen
):
    with transaction.atomic():  # a savepoint per example, rolled back at its end
        apply_all(writes, country, coordination_office)
        kept = counts_snapshot()
        assert_page_figures_equal_the_reports()
        assert_pager_count_equals_the_list(chosen, coordination_office)
        call_command("rebuild_summaries", stdout=io.StringIO())
        rebuilt = counts_snapshot()
        transaction.set_rollback(True)

    assert kept == rebuilt


def test_the_migration_fills_what_the_services_keep(country, coordination_office):
    services.monthly_reports_open(period=PERIODS[2])
    services.monthly_reports_open(period=PERIODS[3])
    apply_all(
        [("submit", 0, True), ("submit", 1, False), ("accept", 1)], country, coordination_office
    )
    kept = counts_snapshot()
    ReportCount.objects.all().delete()

    fill_step.fill(apps, None)

    assert counts_snapshot() == kept
    assert len(kept) > 10


def test_a_refused_transition_changes_no_count(country, coordination_office):
    services.monthly_reports_open(period=PERIODS[3])
    before = counts_snapshot()
    apply_all([("accept", 0), ("return", 1)], country, coordination_office)  # still drafts
    assert counts_snapshot() == before


def _reports_of_new_agencies(count: int) -> None:
    for _ in range(count):
        assignment = AssignmentFactory(agency=AgencyFactory())
        MonthlyReportFactory(assignment=assignment, period=PERIODS[3])


def test_completeness_page_queries_do_not_grow_with_agencies_and_districts(
    as_role, django_assert_max_num_queries
):
    """30 agencies (and districts) make two pages of each table (25 a page): same queries."""
    client, _office = as_role("coordination_office")
    page_url = reverse("sponsorships:monthly_report_completeness")
    shown = {}
    for count, new in ((3, 3), (30, 27)):
        _reports_of_new_agencies(new)
        with django_assert_max_num_queries(15) as captured:
            response = client.get(page_url, {"period": "2026-11", "agency_page": 2})
        shown[count] = (len(captured.captured_queries), response.context["by_agency"])
    assert shown[3][0] == shown[30][0]
    assert (shown[3][1].paginator.count, len(shown[3][1].object_list)) == (3, 3)
    assert (shown[30][1].paginator.count, len(shown[30][1].object_list)) == (30, 5)
    assert response.context["by_district"].paginator.count == 30
