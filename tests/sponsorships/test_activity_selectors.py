"""Totals checked against sums computed by hand, one query each; scoping; communes without a
sponsor; who may see evidence."""

import datetime as dt
from decimal import Decimal

import pytest
from django.http import Http404

from communes.models import Commune
from sponsorships.filters import SupportActivityFilterSet
from sponsorships.models import Evidence
from sponsorships.selectors import activities as selectors
from sponsorships.selectors.agencies import communes_without_sponsor
from tests.communes.factories import CommuneFactory
from tests.criteria.factories import CriterionFactory
from tests.sponsorships.activity_fixtures import png_file
from tests.sponsorships.factories import AssignmentFactory, SupportActivityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def criteria():
    return {n: CriterionFactory(number=n, name_vi=f"Tiêu chí {n}") for n in (4, 7, 17)}


@pytest.fixture
def rows(assignment_a, assignment_b, criteria):
    """Five activities; the expected totals below are worked out by hand from this table."""
    table = [
        (assignment_a, dt.date(2024, 1, 10), "goods", 21_000_000, None, [4]),
        (assignment_a, dt.date(2024, 1, 25), "cash", 40_000_000, None, [7]),
        (assignment_a, dt.date(2024, 3, 5), "goods", 21_000_000, Decimal("10"), [4, 17]),
        (assignment_b, dt.date(2024, 3, 20), "labour", 0, Decimal("60"), [17]),
        (assignment_b, dt.date(2024, 5, 1), "works", 25_000_000, None, []),
    ]
    for assignment, day, kind, amount, days, numbers in table:
        activity = SupportActivityFactory(
            assignment=assignment, date=day, kind=kind, amount=amount, labour_days=days
        )
        activity.target_criteria.set([criteria[n] for n in numbers])


def everything(user):
    return selectors.activity_list(user=user)


def as_tuples(rows):
    return [(row.label, row.count, row.amount, row.labour_days) for row in rows]


def test_summary_matches_the_hand_computed_sums(rows, leader, django_assert_num_queries):
    with django_assert_num_queries(1):
        summary = selectors.activity_summary(queryset=everything(leader))
    assert summary == selectors.Summary(
        count=5, amount=107_000_000, labour_days=Decimal("70"), agencies=2, communes=2
    )


def test_totals_by_agency_and_commune(rows, leader, agency_a, agency_b, django_assert_num_queries):
    with django_assert_num_queries(1):
        by_agency = selectors.activity_totals(queryset=everything(leader), by="agency")
    assert as_tuples(by_agency) == [
        (agency_a.name, 3, 82_000_000, Decimal("10")),
        (agency_b.name, 2, 25_000_000, Decimal("60")),
    ]
    by_commune = selectors.activity_totals(queryset=everything(leader), by="commune")
    assert as_tuples(by_commune) == [
        ("Xuân Lạc", 3, 82_000_000, Decimal("10")),
        ("Trung Hòa", 2, 25_000_000, Decimal("60")),
    ]


def test_totals_by_kind(rows, leader):
    assert as_tuples(selectors.activity_totals(queryset=everything(leader), by="kind")) == [
        ("Hàng hóa, vật tư", 2, 42_000_000, Decimal("10")),
        ("Tiền mặt", 1, 40_000_000, Decimal("0")),
        ("Công trình, hạ tầng", 1, 25_000_000, Decimal("0")),
        ("Ngày công lao động", 1, 0, Decimal("60")),
    ]


def test_totals_by_criterion_count_an_activity_under_each_of_its_criteria(rows, leader):
    assert as_tuples(selectors.activity_totals(queryset=everything(leader), by="criterion")) == [
        ("4. Tiêu chí 4", 2, 42_000_000, Decimal("10")),
        ("7. Tiêu chí 7", 1, 40_000_000, Decimal("0")),
        ("17. Tiêu chí 17", 2, 21_000_000, Decimal("70")),
        (None, 1, 25_000_000, Decimal("0")),
    ]


def test_totals_by_month(rows, leader):
    by_month = selectors.activity_totals(queryset=everything(leader), by="month")
    assert [(row.key, row.count, row.amount, row.labour_days) for row in by_month] == [
        (dt.date(2024, 1, 1), 2, 61_000_000, Decimal("0")),
        (dt.date(2024, 3, 1), 2, 21_000_000, Decimal("70")),
        (dt.date(2024, 5, 1), 1, 25_000_000, Decimal("0")),
    ]


def test_totals_follow_the_filters_without_double_counting(rows, leader, criteria):
    filtered = SupportActivityFilterSet(
        {"criterion": criteria[17].pk}, queryset=everything(leader)
    ).qs
    summary = selectors.activity_summary(queryset=filtered)
    assert (summary.count, summary.amount, summary.labour_days) == (2, 21_000_000, Decimal("70"))
    assert as_tuples(selectors.activity_totals(queryset=filtered, by="criterion")) == [
        ("4. Tiêu chí 4", 1, 21_000_000, Decimal("10")),
        ("17. Tiêu chí 17", 2, 21_000_000, Decimal("70")),
    ]


def test_year_totals_of_an_agency(rows, leader, assignment_a, agency_a):
    SupportActivityFactory(assignment=assignment_a, date=dt.date(2025, 2, 1), amount=5_000_000)
    totals = selectors.agency_year_totals(user=leader, agency_id=agency_a.pk)
    assert [(r["year"], r["count"], r["amount"], r["communes"]) for r in totals] == [
        (2025, 1, 5_000_000, 1),
        (2024, 3, 82_000_000, 1),
    ]


def test_an_account_without_a_role_reads_nothing(rows, no_role_user):
    assert not everything(no_role_user).exists()


def test_difficult_communes_without_an_active_sponsor(leader):
    day = dt.date(2026, 6, 1)
    helped = CommuneFactory(difficulty=Commune.Difficulty.DIFFICULT)
    AssignmentFactory(commune=helped, start_date=dt.date(2025, 1, 1), end_date=None)
    formerly = CommuneFactory(difficulty=Commune.Difficulty.ESPECIALLY_DIFFICULT, name="Trung Hoà")
    AssignmentFactory(
        commune=formerly, start_date=dt.date(2019, 5, 1), end_date=dt.date(2020, 12, 31)
    )
    never = CommuneFactory(difficulty=Commune.Difficulty.DIFFICULT, name="Bằng Vân")
    CommuneFactory(difficulty=Commune.Difficulty.NORMAL)
    result = list(communes_without_sponsor(user=leader, day=day))
    assert {c.pk: c.past_assignment_count for c in result} == {formerly.pk: 1, never.pk: 0}


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("coordination_office", True),
        ("leader", True),
        ("agency_staff", True),
        ("commune_officer", True),
        ("other_agency_staff", False),
        ("other_commune_officer", False),
        ("no_role_user", False),
    ],
)
def test_evidence_is_shown_only_to_those_close_to_the_activity(
    request, activity_a, agency_staff, role, visible
):
    evidence = Evidence.objects.create(
        activity=activity_a,
        file=png_file(),
        original_name="anh.png",
        content_type="image/png",
        size=10,
        uploaded_by=agency_staff,
    )
    user = request.getfixturevalue(role)
    if visible:
        assert selectors.evidence_get(user=user, pk=evidence.pk) == evidence
    else:
        with pytest.raises(Http404):
            selectors.evidence_get(user=user, pk=evidence.pk)


def test_an_activity_without_history_rows_has_an_empty_history():
    """Bulk-loaded or imported activities have no history rows; their page must not fail."""
    activity = SupportActivityFactory()
    activity.history.all().delete()
    assert selectors.activity_history(activity=activity) == []
