"""After any sequence of writes through the services, the summary tables kept on write are
exactly what ``rebuild_summaries`` computes from scratch (hypothesis)."""

import datetime as dt
import io
from decimal import Decimal
from itertools import groupby

from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communes.models import Commune
from criteria.models import Assessment, Criterion
from criteria.selectors.standings import StandingCount, province_standings
from criteria.services import assessment_create
from sponsorships.models import SupportActivity
from sponsorships.services.activities import activity_create, activity_delete, activity_update
from tests.criteria.factories import count_latest_results
from tests.summaries.conftest import PERIODS, VALUES, snapshot

STAGES = ("self_assessed", "appraised")
assess = st.tuples(
    st.just("assess"),
    st.sampled_from([0, 1, 2, 4]),  # a xã (the phường, 3, may not be assessed)
    st.integers(0, len(PERIODS) - 1),
    st.integers(0, 1),  # stage
    st.integers(0, len(VALUES) - 1),
)
day = st.dates(dt.date(2025, 1, 1), dt.date(2026, 11, 15))
money = st.integers(0, 5).map(lambda n: n * 1_000_000)
days = st.sampled_from([None, Decimal("0.5"), Decimal("2.0"), Decimal("7.5")])
kinds = st.sampled_from(list(SupportActivity.Kind))
aims = st.lists(st.integers(0, 2), unique=True, max_size=2)  # criteria aimed at (of 3)
create = st.tuples(st.just("create"), st.integers(0, 3), day, money, days, kinds, aims)
update = st.tuples(st.just("update"), st.integers(0, 20), day, money, days, kinds, aims)
delete = st.tuples(st.just("delete"), st.integers(0, 20))
WRITES = st.lists(st.one_of(assess, create, update, delete), min_size=1, max_size=12)


def aimed(indexes: list[int]) -> list[Criterion]:
    criteria = list(Criterion.objects.order_by("number"))
    return [criteria[index] for index in indexes]


def apply(write, country, user):
    kind, *args = write
    if kind == "assess":
        commune, period, stage, values = args
        assessment_create(
            commune=country.communes[commune],
            period=PERIODS[period],
            stage=STAGES[stage],
            values=VALUES[values],
            entered_by=user,
        )
        return
    if kind == "create":
        assignment, date, amount, labour, activity_kind, aims = args
        activity_create(
            assignment=country.assignments[assignment],
            user=user,
            target_criteria=aimed(aims),
            date=date,
            kind=activity_kind,
            title="Hỗ trợ",
            amount=amount,
            labour_days=labour,
            funding_source=SupportActivity.FundingSource.AGENCY_BUDGET,
        )
        return
    activities = list(SupportActivity.objects.order_by("pk"))
    if not activities:
        return
    activity = activities[args[0] % len(activities)]
    if kind == "update":
        _index, date, amount, labour, activity_kind, aims = args
        activity_update(
            activity=activity,
            user=user,
            expected_version=activity.version,
            target_criteria=aimed(aims),
            kind=activity_kind,
            date=date,
            amount=amount,
            labour_days=labour,
        )
    else:
        activity_delete(activity=activity, user=user, expected_version=activity.version)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(writes=WRITES)
def test_summaries_kept_on_write_equal_a_rebuild(country, coordination_office, writes):
    with transaction.atomic():  # a savepoint per example, rolled back at its end
        for write in writes:
            apply(write, country, coordination_office)
        kept = snapshot()
        call_command("rebuild_summaries", stdout=io.StringIO())
        rebuilt = snapshot()
        transaction.set_rollback(True)

    assert kept == rebuilt


ENDS = [dt.date(2026, 1, 1), dt.date(2026, 4, 1), dt.date(2026, 9, 1), dt.date(2026, 12, 1)]


def history_standings(communes, group_by, *, appraised_first):
    """The oracle: each commune's standing at each end worked out from its whole history in
    Python, under the office's rule (the best appraisal so far first, or the latest result)."""
    result = {}
    rows = Assessment.objects.filter(commune__in=communes).select_related("commune")
    for commune, entries in groupby(rows.order_by("commune_id"), key=lambda a: a.commune):
        entries = list(entries)
        for end in ENDS:
            before = [a for a in entries if a.period < end]
            if not before:
                continue
            best = max(before, key=lambda a: _rank(a, appraised_first))
            key = (getattr(commune, group_by), end)
            count = StandingCount(1, int(best.meets_standard), best.criteria_met, 1)
            result[key] = result.get(key, StandingCount(comparable=0)) + count
    return result


def _rank(assessment, appraised_first):
    rank = (
        assessment.period,
        assessment.stage == "appraised",
        assessment.created_at,
        assessment.pk,
    )
    return (assessment.stage == "appraised", *rank) if appraised_first else rank


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(writes=st.lists(assess, min_size=1, max_size=10), latest=st.booleans())
def test_standings_from_the_summary_equal_those_from_history(
    country, coordination_office, writes, latest
):
    province = country.communes[0].province
    communes = Commune.objects.filter(province=province, kind=Commune.Kind.XA)
    with transaction.atomic():
        if latest:
            count_latest_results()
        for write in writes:
            apply(write, country, coordination_office)
        for group_by in ("district_id", "commune_group"):
            kept = province_standings(province=province, ends=ENDS, group_by=group_by)
            assert kept == history_standings(communes, group_by, appraised_first=not latest)
        everywhere = Commune.objects.filter(kind=Commune.Kind.XA)
        kept = province_standings(province=None, ends=ENDS, group_by="province_id")
        assert kept == history_standings(everywhere, "province_id", appraised_first=not latest)
        transaction.set_rollback(True)
