"""The kernel's Excel writer, read back with openpyxl: real numbers and dates, a bold frozen
header, widths, formats, a title line, several sheets, and progress while rows stream."""

import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from ntm_portal.documents import xlsx

COLUMNS = [
    xlsx.Column("Ngày", 12, xlsx.DATE),
    xlsx.Column("Xã", 20),
    xlsx.Column("Giá trị (đồng)", 16, xlsx.MONEY),
    xlsx.Column("Ngày công", 10, xlsx.DECIMAL),
    xlsx.Column("Số hưởng lợi", 12, xlsx.INTEGER),
]


def rows(n):
    for i in range(n):
        yield [dt.date(2026, 11, 1 + i % 28), f"Xã {i}", 1_500_000 * i, Decimal("2.5"), i]


def read(sheets, **kwargs):
    buffer = io.BytesIO()
    written = xlsx.write_workbook(buffer, sheets, **kwargs)
    buffer.seek(0)
    return written, load_workbook(buffer)


def test_numbers_are_numbers_and_dates_are_dates():
    written, book = read([xlsx.Sheet(name="Hoạt động", columns=COLUMNS, rows=rows(3))])
    sheet = book["Hoạt động"]
    assert written == 3
    assert [c.value for c in sheet[1]] == [c.header for c in COLUMNS]
    date, name, money, days, people = sheet[3]
    assert date.is_date
    assert date.value == dt.datetime(2026, 11, 2)
    assert date.number_format == "dd/mm/yyyy"
    assert (money.value, money.data_type, money.number_format) == (1_500_000, "n", "#,##0")
    assert (days.value, people.value, name.value) == (2.5, 1, "Xã 1")


def test_the_header_is_bold_and_frozen_and_columns_have_widths():
    _written, book = read([xlsx.Sheet(name="A", columns=COLUMNS, rows=rows(1))])
    sheet = book["A"]
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.b for cell in sheet[1])
    assert round(sheet.column_dimensions["B"].width) == 21  # 20 + Excel's padding
    assert sheet.auto_filter.ref == "A1:E2"


def test_a_title_line_several_sheets_and_empty_cells():
    sheets = [
        xlsx.Sheet(name="Tổng hợp: tháng 11/2026", columns=COLUMNS[:2], rows=[], title="BÁO CÁO"),
        xlsx.Sheet(name="Chi tiết", columns=COLUMNS, rows=[[None, "=1+1", None, None, None]]),
    ]
    _written, book = read(sheets)
    assert book.sheetnames == ["Tổng hợp  tháng 11 2026", "Chi tiết"]
    summary = book.worksheets[0]
    assert summary["A1"].value == "BÁO CÁO"
    assert summary["A1"].font.b
    assert summary["A3"].value == "Ngày"
    assert summary.freeze_panes == "A4"
    detail = book["Chi tiết"]
    assert detail["A2"].value is None
    assert (detail["B2"].value, detail["B2"].data_type) == ("=1+1", "s")  # text, not a formula


def test_aware_datetimes_are_written_in_local_time(settings):
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    moment = dt.datetime(2026, 11, 30, 1, 0, tzinfo=ZoneInfo("UTC"))
    _written, book = read([xlsx.Sheet(name="A", columns=COLUMNS[:1], rows=[[moment]])])
    assert book["A"]["A2"].value == dt.datetime(2026, 11, 30, 8, 0)


def test_progress_is_reported_every_thousand_rows_and_at_the_end():
    seen = []
    written, _book = read(
        [xlsx.Sheet(name="A", columns=COLUMNS, rows=rows(2_500))], progress=seen.append
    )
    assert written == 2_500
    assert seen == [1_000, 2_000, 2_500]
