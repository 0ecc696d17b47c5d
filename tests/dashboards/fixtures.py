"""A small province computed by hand for "what needs action" (15/11/2026; 3 criteria, TC3 income
critical; close = missing 1–2, off track = missing more than 3 or not assessed in 2026, stale =
not assessed for more than 12 months, i.e. before 11/2025).

  An    recognised 2020; 10/2026 3/3, 11/2026 2/3 (3.1 = 40 for ≥ 48): close, lost TC3 (critical),
        no longer 19/19, revocation (1 of 3 below, critical)
  Bình  10/2026 self 1/3 then appraised 2/3 (TC1 met); 11/2026 2/3 (1.2 = 88 for ≥ 90): close,
        lost TC1 (the appraisal is the previous assessment); target 2026 but on track
  Cao   target 2026; last assessed 01/2025, 0/3: off track (not assessed in 2026), stale
  Đông  difficult, never assessed, an assignment that ended in 2025: no sponsor, stale
  Én    difficult, sponsored, 11/2026 3/3: in no list
  Hà    target 2026; 11/2026 1/3 (first assessment): close; on track by default
  Phố   a phường, never assessed: not assessed for NTM, in no list
  Xa    another province, difficult, never assessed: outside the province filter
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from communes.models import Commune
from criteria.models import Criterion
from criteria.services import assessment_create
from ntm_portal.models import User
from tests.communes.factories import CommuneFactory, DistrictFactory, ProvinceFactory
from tests.criteria.factories import ALL_MET, count_latest_results
from tests.sponsorships.factories import AssignmentFactory

OCT, NOV = dt.date(2026, 10, 1), dt.date(2026, 11, 1)
DIFFICULT = Commune.Difficulty.DIFFICULT


@dataclass
class Province:
    province: object
    communes: dict[str, Commune]

    def pk(self, *names: str) -> list[int]:
        return [self.communes[name].pk for name in names]


def _assess(commune, period, values, stage="self_assessed"):
    count_latest_results()  # the figures below were worked out so
    office, _ = User.objects.get_or_create(
        username="fixture_office", defaults={"role": User.Role.COORDINATION_OFFICE}
    )
    assessment_create(commune=commune, period=period, stage=stage, values=values, entered_by=office)


def build(criteria_set) -> Province:
    Criterion.objects.filter(criteria_set=criteria_set, number=3).update(is_critical=True)
    province = ProvinceFactory(code="06", name="Bắc Kạn")
    district = DistrictFactory(province=province, name="Bạch Thông")
    make = lambda name, **fields: CommuneFactory(  # noqa: E731
        province=province, district=district, name=name, **fields
    )
    communes = {
        "An": make("An", ntm_level=Commune.Level.STANDARD, ntm_level_year=2020),
        "Bình": make("Bình", target_year=2026),
        "Cao": make("Cao", target_year=2026),
        "Đông": make("Đông", difficulty=DIFFICULT),
        "Én": make("Én", difficulty=DIFFICULT),
        "Hà": make("Hà", target_year=2026),
        "Phố": make("Phố", kind=Commune.Kind.PHUONG),
    }
    CommuneFactory(name="Xa", province=ProvinceFactory(code="19"), difficulty=DIFFICULT)
    _assess(communes["An"], OCT, ALL_MET)
    _assess(communes["An"], NOV, {**ALL_MET, "3.1": Decimal(40)})
    _assess(communes["Bình"], OCT, {**ALL_MET, "1.2": Decimal(80), "3.1": Decimal(40)})
    _assess(communes["Bình"], OCT, {**ALL_MET, "3.1": Decimal(40)}, stage="appraised")
    _assess(communes["Bình"], NOV, {**ALL_MET, "1.2": Decimal(88), "3.1": Decimal(50)})
    zero = {"1.1": Decimal(0), "1.2": Decimal(50), "2.1": Decimal(20), "3.1": Decimal(10)}
    _assess(communes["Cao"], dt.date(2025, 1, 1), zero)
    _assess(communes["Én"], NOV, ALL_MET)
    _assess(communes["Hà"], NOV, {**ALL_MET, "2.1": Decimal(15), "3.1": Decimal(30)})
    AssignmentFactory(
        commune=communes["Đông"], start_date=dt.date(2024, 1, 1), end_date=dt.date(2025, 12, 31)
    )
    AssignmentFactory(commune=communes["Én"], start_date=dt.date(2025, 1, 1))
    return Province(province=province, communes=communes)


def many(criteria_set, count: int) -> None:
    """``count`` communes in every list at once (for the query-count guards)."""
    Criterion.objects.filter(criteria_set=criteria_set, number=3).update(is_critical=True)
    many_more(criteria_set, count)


def many_more(criteria_set, count: int, start: int = 100) -> None:
    province = ProvinceFactory(code="06", name="Bắc Kạn")
    for n in range(start, start + count):
        commune = CommuneFactory(
            province=province,
            name=f"Xã {n}",
            ntm_level=Commune.Level.STANDARD,
            ntm_level_year=2020,
            difficulty=DIFFICULT,
        )
        _assess(commune, OCT, ALL_MET)
        _assess(commune, NOV, {**ALL_MET, "3.1": Decimal(40)})
        stale = CommuneFactory(province=province, name=f"Cũ {n}", target_year=2026)
        _assess(stale, dt.date(2024, 1, 1), ALL_MET)
