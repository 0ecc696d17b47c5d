"""Excel and CSV exports of a filtered activity list.

Callers pass the very queryset the list page shows (selector + SupportActivityFilterSet), so
the file always matches the screen. Cells that a spreadsheet would read as a formula are
neutralised (CSV/formula injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from sponsorships.models import SupportActivity

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
BATCH = 500


def headers() -> list[str]:
    return [
        _("Ngày"),
        _("Cơ quan"),
        _("Xã"),
        _("Huyện"),
        _("Thôn"),
        _("Hình thức"),
        _("Nội dung"),
        _("Tiêu chí"),
        _("Giá trị (đồng)"),
        _("Số lượng"),
        _("Đơn vị tính"),
        _("Ngày công"),
        _("Số hưởng lợi"),
        _("Đơn vị hưởng lợi"),
        _("Nguồn kinh phí"),
        _("Dữ liệu mẫu"),
    ]


def safe_text(value: str) -> str:
    """A leading =, +, -, @ would make Excel evaluate the cell; prefix it with a quote."""
    return f"'{value}" if value.startswith(FORMULA_PREFIXES) else value


def activity_rows(queryset: QuerySet[SupportActivity]) -> Iterator[list]:
    """One row per activity, in the list's order, in batches (fixed queries per batch)."""
    for activity in queryset.iterator(chunk_size=BATCH):
        assignment = activity.assignment
        commune = assignment.commune
        yield [
            activity.date,
            safe_text(assignment.agency.name),
            safe_text(commune.name),
            safe_text(str(commune.district) if commune.district_id else ""),
            safe_text(activity.village.name if activity.village_id else ""),
            str(activity.get_kind_display()),
            safe_text(activity.title),
            ", ".join(str(c.number) for c in activity.target_criteria.all()),
            activity.amount,
            activity.quantity,
            safe_text(activity.quantity_unit),
            activity.labour_days,
            activity.beneficiaries,
            str(activity.get_beneficiary_unit_display()) if activity.beneficiary_unit else "",
            str(activity.get_funding_source_display()),
            _("Có") if activity.is_sample else "",
        ]


def activities_xlsx(queryset: QuerySet[SupportActivity]) -> bytes:
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = _("Hoạt động")[:31]
    sheet.append(headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in activity_rows(queryset):
        sheet.append(row)
        sheet.cell(row=sheet.max_row, column=1).number_format = "DD/MM/YYYY"
        sheet.cell(row=sheet.max_row, column=9).number_format = "#,##0"
    sheet.freeze_panes = "A2"
    for index, width in enumerate(
        (12, 30, 18, 18, 16, 20, 50, 12, 16, 10, 12, 10, 12, 10, 22, 8), 1
    ):
        sheet.column_dimensions[get_column_letter(index)].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def activities_csv(queryset: QuerySet[SupportActivity]) -> bytes:
    """UTF-8 with a BOM so Excel shows the Vietnamese letters; ISO dates, plain integers."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers())
    for row in activity_rows(queryset):
        writer.writerow(["" if value is None else value for value in row])
    return buffer.getvalue().encode("utf-8-sig")
