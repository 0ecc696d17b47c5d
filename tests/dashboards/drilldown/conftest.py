"""A small province to compute the drill-down figures by hand (see ``world``'s docstring)."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
import time_machine

from communes.models import Commune
from criteria.models import Assessment, Criterion, Indicator
from criteria.services import assessment_create
from ntm_portal.models import User
from tests.communes.factories import CommuneFactory, DistrictFactory
from tests.criteria.factories import ALL_MET, small_criteria_set
from tests.factories import UserFactory
from tests.sponsorships.factories import AssignmentFactory, SupportActivityFactory

NOW = dt.datetime(2026, 11, 15, 9, 0, tzinfo=dt.UTC)
NOV = dt.date(2026, 11, 1)


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


def enter(commune, user, values, period=NOV):
    return assessment_create(
        commune=commune,
        period=period,
        stage=Assessment.Stage.APPRAISED,
        values=values,
        entered_by=user,
    )


@pytest.fixture
def world(db):
    """Criteria TC1 (1.1 Đạt, 1.2 ≥ 90 %), TC2 (2.1 ≤ 10 %), TC3 (3.1 ≥ 48 in 2026).

    District Chợ Đồn: A meets all (1.2 = 95,5); B misses TC1 (1.2 = 85: 5 short);
    C never assessed; P is a phường (not assessed against the xã criteria).
    District Ngân Sơn: E misses TC2 (2.1 = 12: 2 over), TC3 not assessed (no 3.1).
    Sponsors: agency X helps B on TC1 (active); Y helped B on TC1 (ended); Z helps E on TC2.
    """
    criteria_set = small_criteria_set(code="qd318", valid_from=dt.date(2021, 1, 1))
    office = UserFactory(username="office_w", role=User.Role.COORDINATION_OFFICE)
    cho_don = DistrictFactory(code="064", name="Chợ Đồn")
    ngan_son = DistrictFactory(code="062", name="Ngân Sơn")
    a = CommuneFactory(name="An", code="10001", district=cho_don)
    b = CommuneFactory(name="Bình", code="10002", district=cho_don)
    c = CommuneFactory(name="Cao", code="10003", district=cho_don)
    p = CommuneFactory(name="Phường P", code="10004", district=cho_don, kind=Commune.Kind.PHUONG)
    e = CommuneFactory(name="Em", code="10005", district=ngan_son)
    enter(a, office, ALL_MET)
    enter(b, office, {**ALL_MET, "1.2": Decimal(85)})
    enter(e, office, {**ALL_MET, "1.2": Decimal(92), "2.1": Decimal(12), "3.1": None})
    tc1, tc2, _tc3 = Criterion.objects.filter(criteria_set=criteria_set).order_by("number")
    x = AssignmentFactory(commune=b, agency__name="Sở X", start_date=dt.date(2025, 1, 1))
    x.focus_criteria.add(tc1)
    y = AssignmentFactory(
        commune=b, agency__name="Sở Y", start_date=dt.date(2024, 1, 1), end_date=dt.date(2025, 6, 1)
    )
    y.focus_criteria.add(tc1)
    z = AssignmentFactory(commune=e, agency__name="Sở Z", start_date=dt.date(2025, 1, 1))
    z.focus_criteria.add(tc2)
    on_tc1 = SupportActivityFactory(assignment=x, date=dt.date(2026, 3, 1), amount=10_000_000)
    on_tc1.target_criteria.add(tc1)
    SupportActivityFactory(assignment=x, date=dt.date(2026, 5, 1), amount=5_000_000)
    old = SupportActivityFactory(assignment=x, date=dt.date(2025, 5, 1), amount=7_000_000)
    old.target_criteria.add(tc1)
    SupportActivityFactory(assignment=z, date=dt.date(2026, 5, 1), amount=1_000_000)
    return SimpleNamespace(
        office=office,
        criteria_set=criteria_set,
        cho_don=cho_don,
        ngan_son=ngan_son,
        a=a,
        b=b,
        c=c,
        p=p,
        e=e,
        tc1=tc1,
        tc2=tc2,
        i12=Indicator.objects.get(code="1.2", criterion=tc1),
        x=x,
        z=z,
    )
