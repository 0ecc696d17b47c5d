"""The writes measured at scale, as the pages call them: an assessment (which also keeps the
criteria's summary tables) and an activity (which keeps the activities' ones)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from bench.measure import Measured
from bench.pages import Ids

WRITE_TARGET_MS = None  # the issue sets none; the growth target applies


def entries(ids: Ids, office) -> list[Measured]:
    return [
        Measured("assessment_create", "criteria.services.assessment_create", _assess(ids, office)),
        Measured("activity_create", "sponsorships.services.activity_create", _record(ids, office)),
    ]


def _assess(ids: Ids, office):
    from communes.models import Commune
    from criteria.models import Assessment, CriteriaSet
    from criteria.services import assessment_create

    commune = Commune.objects.get(pk=ids.commune)
    valid_to = CriteriaSet.objects.get(pk=ids.criteria_set).valid_to
    day = min(timezone.localdate(), valid_to or timezone.localdate())  # within the set in force
    period = dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    values = {"1.1": Decimal(1), "4.2": Decimal("97.5")}

    def call():
        return assessment_create(commune=commune, period=period, values=values,
                                 stage=Assessment.Stage.APPRAISED, entered_by=office)  # fmt: skip

    return call


def _record(ids: Ids, office):
    from sponsorships.models import Assignment, SupportActivity
    from sponsorships.services.activities import activity_create

    assignment = Assignment.objects.get(pk=ids.assignment)

    def call():
        return activity_create(
            assignment=assignment,
            user=office,
            date=timezone.localdate(),
            kind=SupportActivity.Kind.values[0],
            title="Hoạt động đo tải",
            amount=1_000_000,
            funding_source=SupportActivity.FundingSource.AGENCY_BUDGET,
        )

    return call
