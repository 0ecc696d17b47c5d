"""Demo emulation campaigns (shared/data/demo_facts.md), labelled as sample data in the UI.

The four campaigns and the 2019 sprint; the 2011–2020 community contributions (the province's
totals: over 302,000 m² of land, 408,000 labour days and 75 billion đồng, spread evenly over a
few communes since the split by commune is not known); the exemplary people named in the news
reports; and the awards of the 2011–2020 review (4 provincial emulation flags, certificates of
merit of the provincial chairman to 54 collectives and 57 individuals, of the Prime Minister to
5 collectives and 4 individuals). Recipients' names and decision numbers of that review are not
known: they are marked "(mẫu)". Safe to run twice: campaigns are matched by name, and the
other rows are written only when the campaign has none yet.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from campaigns.award_lists import award_lists_ensure
from campaigns.models import (
    Award,
    AwardForm,
    Campaign,
    Contribution,
    EmulationTitle,
    Exemplary,
    Pledge,
)
from campaigns.services.awards import award_decide, award_propose, award_review
from campaigns.services.contributions import contribution_create
from campaigns.services.exemplars import exemplary_create
from campaigns.services.pledges import pledge_create
from communes.models import Commune, Province
from sponsorships.models import Agency

NATIONAL = "Cả nước chung sức xây dựng nông thôn mới"
PROVINCIAL = "Bắc Kạn chung sức xây dựng nông thôn mới"
SECTOR = "Ngành Công Thương chung sức xây dựng nông thôn mới"
AGENCY = "Sở Công Thương Bắc Kạn chung tay, góp sức xây dựng nông thôn mới"
SPRINT = "100 ngày đêm lao động sáng tạo chào mừng 70 năm Ngày giải phóng tỉnh Bắc Kạn"

ROUND_2026 = "Bắc Kạn chung sức xây dựng nông thôn mới – đợt 6 tháng cuối năm 2026 (mẫu)"

CAMPAIGNS: list[dict[str, Any]] = [
    {
        "name": NATIONAL,
        "level": Campaign.Level.NATIONAL,
        "launched_by": "Thủ tướng Chính phủ",
        "decision_number": "1620/QĐ-TTg",
        "decision_date": dt.date(2011, 9, 20),
        "start_date": dt.date(2011, 9, 20),
        "end_date": dt.date(2025, 12, 31),
        "goals": (
            "20% số xã đạt chuẩn nông thôn mới vào năm 2015 và 50% vào năm 2020. Tiếp tục theo "
            "Quyết định 1730/QĐ-TTg ngày 05/9/2016 (2016–2020) và 587/QĐ-TTg ngày 18/5/2022 "
            "(2021–2025)."
        ),
    },
    {
        "name": PROVINCIAL,
        "level": Campaign.Level.PROVINCIAL,
        "parent": NATIONAL,
        "launched_by": "UBND tỉnh Bắc Kạn",
        "start_date": dt.date(2011, 10, 1),
        "end_date": dt.date(2020, 12, 31),
        "goals": "Huy động cả hệ thống chính trị và người dân cùng xây dựng nông thôn mới.",
    },
    {
        "name": SECTOR,
        "level": Campaign.Level.SECTOR,
        "parent": NATIONAL,
        "launched_by": "Bộ Công Thương",
        "start_date": dt.date(2016, 1, 1),
        "end_date": dt.date(2020, 12, 31),
        "goals": "Ngành Công Thương giúp các xã đạt tiêu chí 4 (điện) và 7 (hạ tầng thương mại).",
    },
    {
        "name": AGENCY,
        "level": Campaign.Level.AGENCY,
        "parent": SECTOR,
        "launched_by": "Sở Công Thương Bắc Kạn",
        "start_date": dt.date(2016, 1, 1),
        "end_date": dt.date(2020, 12, 31),
        "goals": "Giúp xã Xuân Lạc (Chợ Đồn) và xã Trung Hòa (Ngân Sơn) đạt các tiêu chí 4 và 7.",
    },
    {
        "name": SPRINT,
        "kind": Campaign.Kind.SPRINT,
        "level": Campaign.Level.PROVINCIAL,
        "parent": PROVINCIAL,
        "launched_by": "UBND tỉnh Bắc Kạn",
        "start_date": dt.date(2019, 5, 16),
        "end_date": dt.date(2019, 8, 24),
        "goals": "Chào mừng 70 năm Ngày giải phóng tỉnh Bắc Kạn (24/8/1949 – 24/8/2019).",
    },
    {
        # Invented (sample): the round a council runs in the portal now, on the demo's 2026
        # assessments and activities.
        "name": ROUND_2026,
        "level": Campaign.Level.PROVINCIAL,
        "launched_by": "UBND tỉnh Bắc Kạn",
        "start_date": dt.date(2026, 7, 1),
        "end_date": dt.date(2026, 12, 31),
        "goals": "Thêm xã đạt chuẩn, tăng số tiêu chí bình quân, huy động nguồn lực cộng đồng.",
        "target_communes_standard": 3,
        "target_criteria_gained": 20,
        "target_money": 5_000_000_000,
    },
]

# (name, kind, commune name, what they did, category)
EXEMPLARS = [
    (
        "Bàn Văn Trị",
        "person",
        "Nhạn Môn",
        "Hiến đất, góp công làm đường giao thông nông thôn.",
        "donor",
    ),
    (
        "Hoàng Văn Mù",
        "person",
        "Nhạn Môn",
        "Hiến đất, góp công làm đường giao thông nông thôn.",
        "donor",
    ),
    (
        "Ma Văn Tình",
        "person",
        "Bằng Thành",
        "Hiến đất, góp ngày công xây dựng công trình của thôn.",
        "donor",
    ),
    ("Hà Văn Bảu", "person", "Quang Phong", "Hiến đất, góp công xây dựng nông thôn mới.", "donor"),
    (
        "Hoàng Văn Tiến",
        "person",
        "Xuân Dương",
        "Hiến đất, góp công xây dựng nông thôn mới.",
        "donor",
    ),
    ("Hoàng Văn Huân", "person", "Hương Nê", "Hiến đất, góp công xây dựng nông thôn mới.", "donor"),
    ("Nông Ngọc Tùng", "person", "Đức Vân", "Hiến đất, góp công xây dựng nông thôn mới.", "donor"),
    ("Thào Văn Dẩư", "person", "Nam Mẫu", "Hiến đất, góp công xây dựng nông thôn mới.", "donor"),
    ("Phạm Văn Sơn", "person", "Đồng Phúc", "Hiến đất, góp công xây dựng nông thôn mới.", "donor"),
    ("Nông Văn Đô", "person", "Tân Tiến", "Hiến đất, góp công xây dựng nông thôn mới.", "donor"),
    ("Thào A Súa", "person", "Xuân Lạc", "Hiến đất, góp công xây dựng nông thôn mới.", "donor"),
    (
        "Mô hình trồng cam, quýt Quang Thuận",
        "collective",
        "Quang Thuận",
        "Mô hình trồng cam, quýt cho thu nhập cao.",
        "production_model",
    ),
    (
        "Mô hình trồng cam, quýt Dương Phong",
        "collective",
        "Dương Phong",
        "Mô hình trồng cam, quýt cho thu nhập cao.",
        "production_model",
    ),
    (
        "Mô hình trồng cam, quýt Đôn Phong",
        "collective",
        "Đôn Phong",
        "Mô hình trồng cam, quýt cho thu nhập cao.",
        "production_model",
    ),
]

CONTRIBUTION_TOTALS = {
    "land_m2": Decimal(302_000),
    "labour_days": Decimal(408_000),
    "money": 75_000_000_000,
}
CONTRIBUTION_COMMUNES = ("Nhạn Môn", "Bằng Thành", "Quang Phong", "Xuân Dương", "Xuân Lạc")

REVIEW_DATE = dt.date(2020, 12, 31)
# (title or form name, is a title, recipient kind, how many, decision number, signer)
REVIEW_AWARDS = [
    ("Cờ thi đua của UBND tỉnh", True, "collective", 4, "(mẫu)/QĐ-UBND", "Chủ tịch UBND tỉnh"),
    (
        "Bằng khen của Chủ tịch UBND tỉnh",
        False,
        "collective",
        54,
        "(mẫu)/QĐ-UBND",
        "Chủ tịch UBND tỉnh",
    ),
    (
        "Bằng khen của Chủ tịch UBND tỉnh",
        False,
        "individual",
        57,
        "(mẫu)/QĐ-UBND",
        "Chủ tịch UBND tỉnh",
    ),
    (
        "Bằng khen của Thủ tướng Chính phủ",
        False,
        "collective",
        5,
        "(mẫu)/QĐ-TTg",
        "Thủ tướng Chính phủ",
    ),
    (
        "Bằng khen của Thủ tướng Chính phủ",
        False,
        "individual",
        4,
        "(mẫu)/QĐ-TTg",
        "Thủ tướng Chính phủ",
    ),
]
FLAG_COMMUNES = ("Quang Thuận", "Kim Lư", "Xuân Lạc", "Dương Phong")


def load(*, province: Province, **_: Any) -> dict[str, Campaign]:
    campaigns: dict[str, Campaign] = {}
    for row in CAMPAIGNS:
        campaigns[row["name"]] = _campaign(row, campaigns)
    communes = {c.name: c for c in Commune.objects.filter(province=province, kind=Commune.Kind.XA)}
    provincial = campaigns[PROVINCIAL]
    _contributions(provincial, communes)
    _exemplars(provincial, communes)
    _awards(provincial, communes)
    _pledges(campaigns[ROUND_2026], communes)
    return campaigns


def _campaign(row: dict[str, Any], known: dict[str, Campaign]) -> Campaign:
    fields = {**row, "parent": known.get(row.get("parent", "")), "is_sample": True}
    campaign, _created = Campaign.objects.update_or_create(name=row["name"], defaults=fields)
    return campaign


def _contributions(campaign: Campaign, communes: dict[str, Commune]) -> None:
    chosen = [communes[name] for name in CONTRIBUTION_COMMUNES if name in communes]
    if (
        not chosen
        or Contribution.objects.filter(is_sample=True, period_start=campaign.start_date).exists()
    ):
        return
    for index, commune in enumerate(chosen):
        share = {
            name: _share(total, len(chosen), index) for name, total in CONTRIBUTION_TOTALS.items()
        }
        contribution_create(
            user=None,
            is_sample=True,
            commune=commune,
            period_start=campaign.start_date,
            period_end=campaign.end_date,
            note="Phần chia đều (mẫu) của tổng đóng góp toàn tỉnh 2011–2020.",
            **share,
        )


def _share(total, parts: int, index: int):
    """An even split whose parts add up to ``total`` exactly (the last takes the rest)."""
    each = total // parts
    return total - each * (parts - 1) if index == parts - 1 else each


def _exemplars(campaign: Campaign, communes: dict[str, Commune]) -> None:
    if Exemplary.objects.filter(campaign=campaign).exists():
        return
    for name, kind, commune_name, achievement, category in EXEMPLARS:
        commune = communes.get(commune_name)
        if commune is not None:
            exemplary_create(
                user=None,
                is_sample=True,
                kind=kind,
                name=name,
                commune=commune,
                category=category,
                achievement=achievement,
                campaign=campaign,
            )


def _awards(campaign: Campaign, communes: dict[str, Commune]) -> None:
    if Award.objects.filter(campaign=campaign).exists():
        return
    # The migration seeds these lists, but a database emptied since (a test flush) has none.
    award_lists_ensure(EmulationTitle, AwardForm)
    for distinction, is_title, kind, count, number, signer in REVIEW_AWARDS:
        for index in range(count):
            recipient, commune = _recipient(kind, is_title, index, communes)
            award = award_propose(
                campaign=campaign,
                user=None,
                is_sample=True,
                title=EmulationTitle.objects.get(name=distinction) if is_title else None,
                form=None if is_title else AwardForm.objects.get(name=distinction),
                recipient_kind=kind,
                recipient_name=recipient,
                commune=commune,
                reason="Thành tích trong phong trào 2011–2020 (dữ liệu mẫu).",
            )
            award_review(award=award, user=None, expected_version=1, approve=True)
            award_decide(
                award=award,
                user=None,
                expected_version=2,
                decision_number=number,
                decision_date=REVIEW_DATE,
                signer=signer,
            )


def _recipient(kind: str, is_title: bool, index: int, communes: dict[str, Commune]):
    if is_title and index < len(FLAG_COMMUNES) and FLAG_COMMUNES[index] in communes:
        commune = communes[FLAG_COMMUNES[index]]
        return f"UBND xã {commune.name} (mẫu)", commune
    label = "Tập thể" if kind == "collective" else "Cá nhân"
    return f"{label} tiêu biểu số {index + 1} (mẫu)", None


def _pledges(campaign: Campaign, communes: dict[str, Commune]) -> None:
    """Sở Công Thương and xã Xuân Lạc register for the 2026 round."""
    if Pledge.objects.filter(campaign=campaign).exists():
        return
    agency = Agency.objects.filter(short_name="SCT").first()
    if agency is not None:
        pledge_create(
            campaign=campaign,
            user=None,
            is_sample=True,
            agency=agency,
            content="Hỗ trợ các xã được giúp đỡ ít nhất 50 triệu đồng (mẫu).",
            due_date=dt.date(2026, 12, 31),
            target_amount=50_000_000,
        )
    commune = communes.get("Xuân Lạc")
    if commune is not None:
        pledge_create(
            campaign=campaign,
            user=None,
            is_sample=True,
            commune=commune,
            content="Đạt thêm 2 tiêu chí trong 6 tháng cuối năm (mẫu).",
            due_date=dt.date(2026, 12, 31),
            target_criteria_gained=2,
        )
