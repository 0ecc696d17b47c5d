"""A monthly report document built by hand (no database): the same bytes on every run, for the
pixel baseline and the render-time measurement."""

import datetime as dt

from ntm_portal.documents.layout import Letterhead
from sponsorships.report_document import ActivityRow, CriterionRow, MonthlyReportDocument

KINDS = ("Tiền mặt", "Tập huấn, hướng dẫn", "Hàng hóa, vật tư")


def sample_letterhead() -> Letterhead:
    return Letterhead(
        parent_body="UBND TỈNH BẮC KẠN",
        issuing_body="Sở Công Thương",
        number_symbol="BC-SCT",
        place_name="Bắc Kạn",
        date=dt.date(2026, 11, 20),
        doc_type="Báo cáo",
        subject="Kết quả giúp đỡ xã Xuân Lạc xây dựng nông thôn mới tháng 11 năm 2026",
        signer_title="Người báo cáo",
        signer_name="Nguyễn Thị Hồng Nhung",
        recipients=(
            "Văn phòng Điều phối nông thôn mới tỉnh (b/c);",
            "UBND xã Xuân Lạc (p/h);",
            "Lưu: VT.",
        ),
        verification_code="ABCDE-FGHJK",
        verify_url="https://ntm.backan.gov.vn/sponsorships/reports/42/",
    )


def sample_document(activities: int = 3) -> MonthlyReportDocument:
    rows = tuple(
        ActivityRow(
            date=dt.date(2026, 11, 1 + i % 28),
            title=f"Hỗ trợ thôn Nà Đon {i + 1}: làm đường bê tông, tập huấn trồng cây ăn quả",
            kind=KINDS[i % 3],
            amount=7_000_000,
        )
        for i in range(activities)
    )
    criteria = (
        CriterionRow(
            "2. Giao thông", "Đạt", True, True, True, "Hoàn thành 1,2 km đường trục thôn."
        ),
        CriterionRow("10. Thu nhập", "Chưa đạt", False, True, False, "Thu nhập bình quân đạt 92%."),
        CriterionRow("17. Môi trường", "Chưa đạt", False, False, True, ""),
    )
    return MonthlyReportDocument(
        doc=sample_letterhead(),
        agency="Sở Công Thương",
        commune="xã Xuân Lạc",
        district="huyện Chợ Đồn",
        period=dt.date(2026, 11, 1),
        status="Đã gửi",
        criteria_met=17,
        criteria_total=19,
        criteria=criteria,
        activities=rows,
        amount_total=sum(r.amount for r in rows),
        difficulties="Địa bàn rộng, đường vào các thôn vùng cao khó đi trong mùa mưa.",
        proposals="Đề nghị tỉnh bố trí thêm vốn lồng ghép cho tiêu chí thu nhập.",
        next_month_plan="Tiếp tục hỗ trợ xi măng làm đường thôn Khuổi Ún.",
    )
