"""A small province whose every dashboard figure is computed by hand in the tests.

Today is 15/11/2026 (Hà Nội). The criteria set has 3 criteria (TC1, TC2, TC3): 3/3 is the
standard. History of assessments (stage, period → criteria met):

  A  district D1, group_1, difficult, recognised advanced in 2026
       self 06/2024 → 2/3 (TC2 not met)
       appraised 03/2025 → 3/3, then self 03/2025 → 2/3 entered later (the appraisal stays)
       self 08/2026 → 2/3 (TC2 not met)                                       current: 2/3
  B  district D1, group_2, recognised standard in 2025
       self 12/2025 → 3/3; self 02/2026 → 3/3                                  current: 3/3
  C  district D2, no group
       self 10/2026 → 1/3 (only TC3)                                           current: 1/3
  P  district D2, a phường: never assessed, not an NTM commune

Sponsorship (agency SNN helps A): 10/03/2026 21.000.000 đ, 25/03/2026 4.000.000 đ,
01/11/2026 12.000.000 đ, 31/12/2025 99.000.000 đ; another province's activity in 03/2026.
Reports of 11/2026: A's submitted on time, B's still a draft; one in the other province.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
import time_machine

from communes.models import Commune, Province
from criteria.models import CriteriaSet
from criteria.services import assessment_create
from ntm_portal.models import User
from sponsorships.models import MonthlyReport
from tests.communes.factories import CommuneFactory, DistrictFactory, ProvinceFactory
from tests.criteria.factories import ALL_MET, count_latest_results, small_criteria_set
from tests.factories import UserFactory
from tests.sponsorships.factories import (
    AgencyFactory,
    AssignmentFactory,
    MonthlyReportFactory,
    SupportActivityFactory,
)

NOW = dt.datetime(2026, 11, 15, 9, 0, tzinfo=dt.UTC)
TWO_MET = {**ALL_MET, "2.1": Decimal(20)}  # TC2 not met
ONE_MET = {**ALL_MET, "2.1": Decimal(20), "1.2": Decimal(50)}  # TC1 and TC2 not met


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(autouse=True)
def portal_province_code(settings):
    settings.PORTAL_PROVINCE_CODE = "06"


@dataclass
class Fixture:
    province: Province
    criteria_set: CriteriaSet
    office: User
    a: Commune
    b: Commune
    c: Commune
    p: Commune


def assess(commune, period, values, office, stage="self_assessed"):
    count_latest_results()  # the figures were worked out so
    return assessment_create(
        commune=commune, period=period, stage=stage, values=values, entered_by=office
    )


@pytest.fixture
def province_data(db, coordination_office):
    province = ProvinceFactory(code="06", name="Bắc Kạn")
    criteria_set = small_criteria_set(valid_from=dt.date(2021, 1, 1))
    d1 = DistrictFactory(province=province, code="701", name="Chợ Đồn", kind="Huyện")
    d2 = DistrictFactory(province=province, code="702", name="Ba Bể", kind="Huyện")
    a = CommuneFactory(
        province=province,
        district=d1,
        name="Xuân Lạc",
        commune_group="group_1",
        difficulty=Commune.Difficulty.DIFFICULT,
        ntm_level=Commune.Level.ADVANCED,
        ntm_level_year=2026,
    )
    b = CommuneFactory(
        province=province,
        district=d1,
        name="Đồng Lạc",
        commune_group="group_2",
        ntm_level=Commune.Level.STANDARD,
        ntm_level_year=2025,
    )
    c = CommuneFactory(province=province, district=d2, name="Nam Mẫu", commune_group="")
    p = CommuneFactory(province=province, district=d2, name="Chợ Rã", kind=Commune.Kind.THI_TRAN)
    office = coordination_office
    assess(a, dt.date(2024, 6, 1), TWO_MET, office)
    assess(a, dt.date(2025, 3, 1), ALL_MET, office, stage="appraised")
    assess(a, dt.date(2025, 3, 1), TWO_MET, office)
    assess(a, dt.date(2026, 8, 1), TWO_MET, office)
    assess(b, dt.date(2025, 12, 1), ALL_MET, office)
    assess(b, dt.date(2026, 2, 1), ALL_MET, office)
    assess(c, dt.date(2026, 10, 1), ONE_MET, office)
    for commune in (a, b, c, p):
        commune.refresh_from_db()
    return Fixture(province, criteria_set, office, a, b, c, p)


@pytest.fixture
def sponsorship_data(province_data):
    agency = AgencyFactory(name="Sở Nông nghiệp và Môi trường", short_name="SNN")
    assignment_a = AssignmentFactory(agency=agency, commune=province_data.a)
    assignment_b = AssignmentFactory(agency=agency, commune=province_data.b)
    for day, amount in (
        (dt.date(2026, 3, 10), 21_000_000),
        (dt.date(2026, 3, 25), 4_000_000),
        (dt.date(2026, 11, 1), 12_000_000),
        (dt.date(2025, 12, 31), 99_000_000),
    ):
        SupportActivityFactory(assignment=assignment_a, date=day, amount=amount)
    elsewhere = CommuneFactory(province=ProvinceFactory(code="08", name="Tuyên Quang"))
    other = AssignmentFactory(agency=agency, commune=elsewhere)
    SupportActivityFactory(assignment=other, date=dt.date(2026, 3, 1), amount=50_000_000)
    period, due = dt.date(2026, 11, 1), dt.datetime(2026, 11, 20, 16, 59, 59, tzinfo=dt.UTC)
    MonthlyReportFactory(
        assignment=assignment_a,
        period=period,
        due_at=due,
        status=MonthlyReport.Status.SUBMITTED,
        submitted_at=dt.datetime(2026, 11, 10, 3, tzinfo=dt.UTC),
        submitted_by=UserFactory(username="sct_staff", role="agency_staff", agency=agency),
    )
    MonthlyReportFactory(assignment=assignment_b, period=period, due_at=due)
    MonthlyReportFactory(assignment=other, period=period, due_at=due)
    return agency
