"""A campaign's summary as an official document (the same administrative layout as the monthly
report, through the one document module ntm_portal.documents) and as an Excel workbook.

The template (templates/documents/campaigns/campaign_report.html) sees only the dataclasses
built here and in campaigns.selectors.results.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Campaign
from campaigns.selectors.results import CampaignResults, campaign_results
from ntm_portal.documents import render_pdf, verification_code
from ntm_portal.documents.layout import Letterhead, office_letterhead
from ntm_portal.documents.xlsx import (
    DATE,
    DECIMAL,
    INTEGER,
    MONEY,
    TEXT,
    Column,
    Sheet,
    write_workbook,
)
from ntm_portal.models import DocumentSettings
from ntm_portal.permissions import PortalUser

TEMPLATE = "documents/campaigns/campaign_report.html"
KIND = "campaign_report"


@dataclass(frozen=True)
class CampaignReportDocument:
    doc: Letterhead
    results: CampaignResults


def campaign_report_document(*, user: PortalUser, campaign: Campaign) -> CampaignReportDocument:
    return CampaignReportDocument(
        doc=_letterhead(campaign), results=campaign_results(user=user, campaign=campaign)
    )


def campaign_report_pdf(*, user: PortalUser, campaign: Campaign) -> bytes:
    document = campaign_report_document(user=user, campaign=campaign)
    return render_pdf(template_name=TEMPLATE, context={"report": document, "doc": document.doc})


def report_filename(campaign: Campaign, ext: str) -> str:
    return f"tong-ket-phong-trao-{campaign.pk}.{ext}"


def _letterhead(campaign: Campaign) -> Letterhead:
    path = reverse("campaigns:campaign_results", kwargs={"pk": campaign.pk})
    return office_letterhead(
        DocumentSettings.load(),
        date=timezone.localdate(),
        doc_type="Báo cáo",
        subject=f"Tổng kết phong trào thi đua “{campaign.name}”",
        code=verification_code(kind=KIND, object_id=campaign.pk, version=campaign.version),
        verify_url=f"{settings.PORTAL_BASE_URL.rstrip('/')}{path}",
    )


def write_campaign_report_xlsx(target: str | IO[bytes], *, results: CampaignResults) -> int:
    """One workbook: targets, communes, agencies, pledges, exemplary people, awards."""
    return write_workbook(target, _sheets(results))


def _sheets(results: CampaignResults) -> list[Sheet]:
    return [sheet(results) for sheet in SHEETS]


def _targets_sheet(results: CampaignResults) -> Sheet:
    return Sheet(
        "Chỉ tiêu",
        [Column("Chỉ tiêu", 40), Column("Kế hoạch", 18, MONEY), Column("Kết quả", 18, MONEY)],
        [(t.label, t.target, t.result) for t in results.targets],
        title=results.campaign.name,
    )


def _communes_sheet(results: CampaignResults) -> Sheet:
    return Sheet(
        "Xã",
        [
            Column("Xã", 24),
            Column("Huyện", 18),
            Column("Tiêu chí lúc bắt đầu", 14, INTEGER),
            Column("Tiêu chí lúc kết thúc", 14, INTEGER),
            Column("Tiêu chí tăng thêm", 30),
            Column("Đạt chuẩn trong phong trào", 14),
        ],
        (
            (
                r.name,
                r.district,
                r.before.met if r.before else None,
                r.now.met if r.now else None,
                ", ".join(r.gained),
                "Có" if r.reached_standard else "",
            )
            for r in results.communes
        ),
        title=results.campaign.name,
    )


def _agencies_sheet(results: CampaignResults) -> Sheet:
    return Sheet(
        "Cơ quan",
        [
            Column("Cơ quan", 36),
            Column("Giá trị hỗ trợ (đồng)", 18, MONEY),
            Column("Hoạt động", 12, INTEGER),
            Column("Cam kết", 10, INTEGER),
            Column("Cam kết hoàn thành", 12, INTEGER),
        ],
        ((a.name, a.amount, a.activities, a.pledges, a.pledges_kept) for a in results.agencies),
        title=results.campaign.name,
    )


def _pledges_sheet(results: CampaignResults) -> Sheet:
    return Sheet(
        "Cam kết",
        [
            Column("Đơn vị", 30),
            Column("Nội dung", 40),
            Column("Thời hạn", 12, DATE),
            Column("Chỉ tiêu", 16, MONEY),
            Column("Kết quả", 16, MONEY),
            Column("Tình trạng", 16),
        ],
        (
            (
                str(p.pledge.participant),
                p.pledge.content,
                p.pledge.due_date,
                p.target,
                p.measured,
                p.status_label,
            )
            for p in results.pledges
        ),
        title=results.campaign.name,
    )


def _contributions_sheet(results: CampaignResults) -> Sheet:
    return Sheet(
        "Đóng góp",
        [
            Column("Đất hiến (m²)", 16, DECIMAL),
            Column("Ngày công", 14, DECIMAL),
            Column("Tiền (đồng)", 18, MONEY),
            Column("Hiện vật (đồng)", 18, MONEY),
            Column("Số xã", 10, INTEGER),
        ],
        [
            (
                results.contributions.land_m2,
                results.contributions.labour_days,
                results.contributions.money,
                results.contributions.goods_value,
                results.contributions.communes,
            )
        ],
        title=results.campaign.name,
    )


def _exemplars_sheet(results: CampaignResults) -> Sheet:
    return Sheet(
        "Điển hình",
        [
            Column("Tên", 28),
            Column("Đối tượng", 14),
            Column("Xã", 20),
            Column("Thành tích", 60),
        ],
        ((e.name, e.get_kind_display(), e.commune.name, e.achievement) for e in results.exemplars),
        title=results.campaign.name,
    )


def _awards_sheet(results: CampaignResults) -> Sheet:
    return Sheet(
        "Khen thưởng",
        [
            Column("Cá nhân, tập thể, hộ", 30),
            Column("Danh hiệu / hình thức", 34),
            Column("Trạng thái", 16),
            Column("Số quyết định", 18),
            Column("Ngày quyết định", 14, DATE),
            Column("Người ký", 24, TEXT),
        ],
        (
            (
                a.recipient_name,
                str(a.distinction),
                a.get_status_display(),
                a.decision_number,
                a.decision_date,
                a.signer,
            )
            for a in results.awards
        ),
        title=results.campaign.name,
    )


SHEETS = (
    _targets_sheet,
    _communes_sheet,
    _agencies_sheet,
    _pledges_sheet,
    _contributions_sheet,
    _exemplars_sheet,
    _awards_sheet,
)
