"""Demo agencies, assignments and support activities (sample data, labelled as such in the UI).

The cases of Sở Công Thương (Xuân Lạc, Trung Hòa), Ban Dân vận (Bành Trạch), Ban Nội chính and
the power company (Sỹ Bình) follow the news reports in shared/data/demo_facts.md; dates within
a year and the amounts the reports do not give are plausible values. The other agencies and
their current assignments (covering this year, with activities in the last months, so the
monthly report cycle has work to do) are invented. Every activity is flagged ``is_sample``.
Writes go through the services; safe to run twice (rows are matched by their natural keys).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from communes.models import Commune, Province, Village
from criteria.models import CriteriaSet
from sponsorships.models import Agency, Assignment, SupportActivity
from sponsorships.services.activities import activity_create
from sponsorships.services.agencies import agency_create, assignment_create

K = SupportActivity.Kind
F = SupportActivity.FundingSource
HOUSEHOLDS = SupportActivity.BeneficiaryUnit.HOUSEHOLDS
PEOPLE = SupportActivity.BeneficiaryUnit.PEOPLE
PPC = "Ban Thường vụ Tỉnh ủy Bắc Kạn"

AGENCIES = [
    # short name, name, kind, contact
    ("SCT", "Sở Công Thương", Agency.Kind.DEPARTMENT, "Số 7, đường Trường Chinh, TP Bắc Kạn"),
    ("BDVTU", "Ban Dân vận Tỉnh ủy", Agency.Kind.PARTY_BOARD, "Tỉnh ủy Bắc Kạn"),
    ("BNCTU", "Ban Nội chính Tỉnh ủy", Agency.Kind.PARTY_BOARD, "Tỉnh ủy Bắc Kạn"),
    ("PCBK", "Công ty Điện lực Bắc Kạn", Agency.Kind.ENTERPRISE, "TP Bắc Kạn"),
    ("CAT", "Công an tỉnh Bắc Kạn", Agency.Kind.ARMED_FORCES, "TP Bắc Kạn"),
    ("BCHQS", "Bộ Chỉ huy Quân sự tỉnh Bắc Kạn", Agency.Kind.ARMED_FORCES, "TP Bắc Kạn"),
    ("SGTVT", "Sở Giao thông Vận tải", Agency.Kind.DEPARTMENT, "TP Bắc Kạn"),
    ("TDTN", "Tỉnh đoàn Bắc Kạn", Agency.Kind.MASS_ORGANISATION, "TP Bắc Kạn"),
]


def _real_cases() -> list[dict[str, Any]]:
    """Assignments and activities from the news reports (demo_facts.md)."""
    return [
        {
            "agency": "SCT",
            "commune": "02023",
            "start": dt.date(2015, 1, 1),
            "end": dt.date(2020, 12, 31),
            "decision": ("Phân công theo QĐ của BTV Tỉnh ủy", None),
            "focus": [4, 7],
            "goals": "Giúp xã Xuân Lạc đạt chuẩn nông thôn mới giai đoạn 2015–2018; "
            "tiếp tục hỗ trợ các "
            "tiêu chí thuộc lĩnh vực ngành Công Thương đến năm 2020.",
            "activities": [
                (
                    dt.date(2015, 9, 10),
                    K.GOODS,
                    "Tặng 600 bóng đèn compact tiết kiệm điện",
                    21_000_000,
                    dict(quantity=600, quantity_unit="bóng đèn", criteria=[4]),
                ),
                (
                    dt.date(2016, 1, 25),
                    K.VOLUNTEER,
                    "Tặng 50 suất quà Tết cho hộ nghèo, gia đình chính sách",
                    10_000_000,
                    dict(
                        quantity=50,
                        quantity_unit="suất quà",
                        beneficiaries=50,
                        beneficiary_unit=HOUSEHOLDS,
                        funding=F.STAFF_FUND,
                        criteria=[11],
                    ),
                ),
                (
                    dt.date(2016, 6, 15),
                    K.OTHER,
                    "Thiết kế bao bì, nhãn mác “Măng khô Mẩy Puốc Xuân Lạc” cho HTX Cao Phong",
                    7_500_000,
                    dict(
                        funding=F.PROGRAMME,
                        criteria=[13],
                        description="Từ chương trình khuyến công địa phương.",
                    ),
                ),
                (
                    dt.date(2016, 9, 20),
                    K.TRAINING,
                    "Tập huấn Ban quản lý xây dựng NTM xã về báo cáo đầu tư, "
                    "thiết kế, dự toán, quyết toán",
                    0,
                    dict(quantity=1, quantity_unit="lớp"),
                ),
                (
                    dt.date(2017, 4, 12),
                    K.WORKS,
                    "Xây cầu bê tông cốt thép 5 m × 3,5 m",
                    40_000_000,
                    dict(
                        funding=F.STAFF_FUND,
                        criteria=[2],
                        description="Quỹ cán bộ (một ngày lương mỗi năm); "
                        "quỹ đã thu 80.972.842 đồng từ 2015.",
                    ),
                ),
                (
                    dt.date(2017, 8, 5),
                    K.WORKS,
                    "Nâng cấp trạm biến áp Bản Ó và Bản He",
                    0,
                    dict(
                        village="Bản Ó",
                        criteria=[4],
                        funding=F.ENTERPRISE,
                        description="Phối hợp với Công ty Điện lực Bắc Kạn.",
                    ),
                ),
                (
                    dt.date(2017, 11, 2),
                    K.GOODS,
                    "Tặng 14 lò đốt rác mini cho các thôn",
                    21_000_000,
                    dict(
                        quantity=14,
                        quantity_unit="lò đốt rác",
                        criteria=[17],
                        description="1.500.000 đồng mỗi lò.",
                    ),
                ),
                (
                    dt.date(2018, 3, 8),
                    K.WORKS,
                    "Hỗ trợ xây dựng nhà văn hóa thôn Nà Ngần",
                    0,
                    dict(village="Nà Ngần", criteria=[6]),
                ),
                (
                    dt.date(2018, 5, 19),
                    K.VOLUNTEER,
                    "10 hoạt động tình nguyện của đoàn viên Sở tại xã",
                    0,
                    dict(quantity=10, quantity_unit="hoạt động", labour_days=30),
                ),
                (
                    dt.date(2018, 9, 14),
                    K.CASH,
                    "Hỗ trợ nâng cấp chợ xã Xuân Lạc",
                    40_000_000,
                    dict(
                        criteria=[7], description="Sau nâng cấp, xã đạt tiêu chí 7 cuối năm 2018."
                    ),
                ),
            ],
        },
        {
            "agency": "SCT",
            "commune": "01948",
            "start": dt.date(2019, 5, 1),
            "end": dt.date(2020, 12, 31),
            "decision": ("Phân công tháng 5/2019", dt.date(2019, 5, 1)),
            "focus": [4],
            "goals": "Hỗ trợ xã Trung Hòa về điện nông thôn.",
            "activities": [
                (
                    dt.date(2020, 1, 15),
                    K.WORKS,
                    "Khảo sát, lập dự toán đường dây 0,4 kV dài 800 m đến thôn Bó Mòn",
                    0,
                    dict(
                        village="Bó Mòn",
                        quantity=800,
                        quantity_unit="m",
                        beneficiaries=17,
                        beneficiary_unit=HOUSEHOLDS,
                        criteria=[4],
                        description="Đưa điện tới 17 hộ người Mông trước Tết Nguyên đán 2020.",
                    ),
                ),
            ],
        },
        {
            "agency": "BDVTU",
            "commune": "01891",
            "start": dt.date(2023, 1, 1),
            "end": dt.date(2023, 12, 31),
            "decision": ("", None),
            "focus": [6, 17],
            "goals": "Vận động nhân dân chung sức xây dựng nông thôn mới.",
            "activities": [
                (
                    dt.date(2023, 3, 18),
                    K.WORKS,
                    "Xây cổng chào thôn Pác Châm",
                    25_000_000,
                    dict(village="Pác Châm", funding=F.STAFF_FUND, criteria=[6]),
                ),
                (
                    dt.date(2023, 5, 10),
                    K.COMMUNICATION,
                    "Hội nghị tuyên truyền xây dựng nông thôn mới",
                    0,
                    dict(beneficiaries=80, beneficiary_unit=PEOPLE),
                ),
                (
                    dt.date(2023, 7, 22),
                    K.LABOUR,
                    "Ngày chủ nhật xanh: dọn vệ sinh thôn Nà Lần và Pác Châm",
                    0,
                    dict(village="Nà Lần", labour_days=60, criteria=[17]),
                ),
                (
                    dt.date(2023, 10, 15),
                    K.COMMUNICATION,
                    "Xây dựng 3 mô hình “Dân vận khéo”",
                    0,
                    dict(quantity=3, quantity_unit="mô hình"),
                ),
            ],
        },
        {
            "agency": "BNCTU",
            "commune": "01978",
            "start": dt.date(2023, 1, 1),
            "end": dt.date(2023, 12, 31),
            "decision": ("", None),
            "focus": [4, 19],
            "goals": "Cùng Công ty Điện lực Bắc Kạn giúp xã Sỹ Bình.",
            "activities": [
                (
                    dt.date(2023, 4, 6),
                    K.TRAINING,
                    "Khảo sát, hướng dẫn xã về an ninh trật tự và tiêu chí 19",
                    0,
                    dict(criteria=[19]),
                ),
            ],
        },
        {
            "agency": "PCBK",
            "commune": "01978",
            "start": dt.date(2023, 1, 1),
            "end": dt.date(2023, 12, 31),
            "decision": ("", None),
            "focus": [4],
            "goals": "Chiếu sáng đường thôn; hỗ trợ học sinh.",
            "activities": [
                (
                    dt.date(2023, 6, 20),
                    K.WORKS,
                    "Công trình điện chiếu sáng thôn 1A Nà Loạn",
                    172_000_000,
                    dict(village="1A Nà Loạn", funding=F.ENTERPRISE, criteria=[4]),
                ),
                (
                    dt.date(2023, 8, 25),
                    K.WORKS,
                    "Công trình điện chiếu sáng thôn 2 Khau Cưởm",
                    177_000_000,
                    dict(village="2 Khau Cưởm", funding=F.ENTERPRISE, criteria=[4]),
                ),
                (
                    dt.date(2023, 9, 1),
                    K.VOLUNTEER,
                    "Tặng 10 suất quà cho học sinh",
                    5_000_000,
                    dict(
                        quantity=10,
                        quantity_unit="suất quà",
                        beneficiaries=10,
                        beneficiary_unit=PEOPLE,
                        funding=F.ENTERPRISE,
                    ),
                ),
            ],
        },
    ]


def _current_cases(today: dt.date) -> list[dict[str, Any]]:
    """Invented current assignments (covering this year), with activities in the last months."""
    start, end = dt.date(2025, 1, 1), dt.date(max(2027, today.year + 1), 12, 31)

    def ago(days: int) -> dt.date:
        return max(start, today - dt.timedelta(days=days))

    def case(agency: str, commune: str, focus: list[int], activities: list) -> dict[str, Any]:
        return {
            "agency": agency,
            "commune": commune,
            "start": start,
            "end": end,
            "decision": ("Số 1234-QĐ/TU", dt.date(2024, 12, 20)),
            "focus": focus,
            "goals": "Giúp xã tăng thêm tiêu chí đạt chuẩn giai đoạn 2025–2027.",
            "activities": activities,
        }

    return [
        case(
            "SCT",
            "02023",
            [7, 13],
            [
                (
                    ago(150),
                    K.TRAINING,
                    "Tập huấn thương mại điện tử cho HTX măng khô",
                    0,
                    dict(criteria=[13]),
                ),
                (ago(70), K.GOODS, "Hỗ trợ quầy hàng cho chợ xã", 30_000_000, dict(criteria=[7])),
                (
                    ago(12),
                    K.GOODS,
                    "Tặng 200 bóng đèn LED cho hộ nghèo",
                    12_000_000,
                    dict(
                        quantity=200,
                        quantity_unit="bóng đèn",
                        beneficiaries=80,
                        beneficiary_unit=HOUSEHOLDS,
                        criteria=[4],
                    ),
                ),
            ],
        ),
        case(
            "CAT",
            "01879",
            [19, 6],
            [
                (ago(120), K.WORKS, "Xây nhà văn hóa thôn", 120_000_000, dict(criteria=[6])),
                (
                    ago(45),
                    K.LABOUR,
                    "Ra quân làm đường bê tông liên thôn",
                    0,
                    dict(labour_days=150, criteria=[2]),
                ),
                (
                    ago(20),
                    K.COMMUNICATION,
                    "Tuyên truyền phòng chống ma túy",
                    0,
                    dict(beneficiaries=150, beneficiary_unit=PEOPLE, criteria=[19]),
                ),
            ],
        ),
        case(
            "BCHQS",
            "01885",
            [2, 17],
            [
                (
                    ago(100),
                    K.LABOUR,
                    "Giúp dân mở rộng đường thôn",
                    0,
                    dict(labour_days=200, criteria=[2]),
                ),
                (
                    ago(35),
                    K.GOODS,
                    "Tặng 20 thùng rác công cộng",
                    16_000_000,
                    dict(quantity=20, quantity_unit="thùng", criteria=[17]),
                ),
            ],
        ),
        case(
            "SGTVT",
            "01957",
            [2],
            [
                (
                    ago(90),
                    K.WORKS,
                    "Hỗ trợ xi măng làm 1,2 km đường trục thôn",
                    180_000_000,
                    dict(quantity=Decimal("1.2"), quantity_unit="km", criteria=[2]),
                ),
                (
                    ago(25),
                    K.TRAINING,
                    "Hướng dẫn quản lý, bảo trì đường giao thông nông thôn",
                    0,
                    dict(criteria=[2]),
                ),
            ],
        ),
        case(
            "TDTN",
            "01882",
            [17, 6],
            [
                (
                    ago(60),
                    K.VOLUNTEER,
                    "Chiến dịch Thanh niên tình nguyện hè",
                    15_000_000,
                    dict(labour_days=90, criteria=[17]),
                ),
                (
                    ago(8),
                    K.VOLUNTEER,
                    "Tặng 40 suất học bổng cho học sinh nghèo",
                    20_000_000,
                    dict(
                        quantity=40,
                        quantity_unit="suất",
                        beneficiaries=40,
                        beneficiary_unit=PEOPLE,
                        criteria=[5],
                    ),
                ),
            ],
        ),
    ]


def load(*, province: Province, criteria_set: CriteriaSet | None = None, **_: Any) -> None:
    agencies = {
        short: _agency(short, name, kind, address) for short, name, kind, address in AGENCIES
    }
    criteria = {c.number: c for c in criteria_set.criteria.all()} if criteria_set else {}
    communes = {c.code: c for c in Commune.objects.filter(province=province)}
    for case in [*_real_cases(), *_current_cases(timezone.localdate())]:
        commune = communes.get(case["commune"])
        if commune is not None:
            _assignment(case, agencies[case["agency"]], commune, criteria)


def _agency(short_name: str, name: str, kind: str, address: str) -> Agency:
    existing = Agency.objects.filter(name=name).first()
    return existing or agency_create(
        user=None, name=name, short_name=short_name, kind=kind, address=address
    )


def _assignment(case: dict[str, Any], agency: Agency, commune: Commune, criteria: dict) -> None:
    assignment = Assignment.objects.filter(
        agency=agency, commune=commune, start_date=case["start"]
    ).first()
    if assignment is None:
        number, decided = case["decision"]
        assignment = assignment_create(
            user=None,
            agency=agency,
            commune=commune,
            start_date=case["start"],
            end_date=case["end"],
            decision_number=number,
            decision_date=decided,
            decision_issuer=PPC,
            goals=case["goals"],
            focus_criteria=[criteria[n] for n in case["focus"] if n in criteria],
        )
    villages = {v.name: v for v in Village.objects.filter(commune=commune)}
    existing = set(assignment.activities.values_list("title", flat=True))
    for day, kind, title, amount, extra in case["activities"]:
        if title not in existing:
            _activity(assignment, day, kind, title, amount, dict(extra), villages, criteria)


def _activity(
    assignment: Assignment,
    day: dt.date,
    kind: str,
    title: str,
    amount: int,
    extra: dict[str, Any],
    villages: dict[str, Village],
    criteria: dict,
) -> None:
    activity_create(
        assignment=assignment,
        user=None,
        is_sample=True,
        date=day,
        kind=kind,
        title=title,
        amount=amount,
        funding_source=extra.pop("funding", F.AGENCY_BUDGET),
        village=villages.get(extra.pop("village", "")),
        target_criteria=[criteria[n] for n in extra.pop("criteria", []) if n in criteria],
        **extra,
    )
