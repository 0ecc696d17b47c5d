"""The criteria-set spreadsheet: its sheets and columns, the template, and reading a filled one.

One description of the format (``SHEETS``) serves the template writer and the reader, so they
cannot drift apart. Sheet names and headers are a file format, kept in Vietnamese whatever the
page's language; a header may also be given as the column's key (``indicator_code``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from openpyxl import load_workbook

from communes.models import CommuneGroup, Region
from criteria.models import CriteriaSet, Indicator, Threshold
from ntm_portal.documents.xlsx import DATE, DECIMAL, INTEGER, TEXT, Column, Sheet, write_workbook


@dataclass(frozen=True)
class Field:
    key: str
    header: str
    required: bool = False
    kind: str = TEXT
    width: float = 16


SET, CRITERIA, INDICATORS, THRESHOLDS = "set", "criteria", "indicators", "thresholds"
SHEETS: dict[str, tuple[str, tuple[Field, ...]]] = {
    SET: (
        "Bộ tiêu chí",
        (
            Field("code", "Mã bộ", True, width=22),
            Field("name", "Tên bộ tiêu chí", True, width=40),
            Field("decision_number", "Số quyết định", True, width=20),
            Field("decision_date", "Ngày ban hành", kind=DATE),
            Field("issuer", "Cơ quan ban hành", width=24),
            Field("legal_basis", "Căn cứ pháp lý", width=40),
            Field("valid_from", "Hiệu lực từ", True, kind=DATE),
            Field("valid_to", "Hiệu lực đến", kind=DATE),
            Field("classification_scheme", "Phân loại ngưỡng", True, width=18),
            Field("province", "Mã tỉnh"),
        ),
    ),
    CRITERIA: (
        "Tiêu chí",
        (
            Field("number", "Số", True, kind=INTEGER, width=8),
            Field("code", "Mã tiêu chí", True),
            Field("name_vi", "Tên tiêu chí", True, width=40),
            Field("name_en", "Tên tiếng Anh", width=30),
            Field("is_critical", "Tiêu chí quan trọng (1/0)", kind=INTEGER),
        ),
    ),
    INDICATORS: (
        "Chỉ tiêu",
        (
            Field("criterion_number", "Số tiêu chí", True, kind=INTEGER, width=10),
            Field("code", "Mã chỉ tiêu", True),
            Field("name_vi", "Tên chỉ tiêu", True, width=50),
            Field("name_en", "Tên tiếng Anh", width=30),
            Field("kind", "Kiểu", True),
            Field("comparator", "So sánh", True),
            Field("unit", "Đơn vị"),
        ),
    ),
    THRESHOLDS: (
        "Ngưỡng",
        (
            Field("indicator_code", "Mã chỉ tiêu", True),
            Field("key", "Vùng / nhóm xã", True),
            Field("year", "Từ năm", kind=INTEGER, width=10),
            Field("value", "Ngưỡng", True, kind=DECIMAL),
            Field("source", "Quyết định nguồn", width=28),
        ),
    ),
}
HELP_SHEET = "Hướng dẫn"


@dataclass(frozen=True)
class SheetRow:
    """One data row of a sheet: its row number in Excel (1-based) and cells by column key."""

    number: int
    cells: dict[str, Any]


@dataclass(frozen=True)
class LayoutError:
    sheet: str
    row: int | None
    column: str
    code: str  # "missing_sheet" or "missing_column"


def write_template(target: str | IO[bytes], *, criteria_set: CriteriaSet | None = None) -> None:
    """The template, filled with ``criteria_set``'s current content when one is given."""
    rows = _content(criteria_set) if criteria_set is not None else {}
    sheets = [
        Sheet(
            name=name,
            columns=[Column(f.header, f.width, f.kind) for f in fields],
            rows=rows.get(key, []),
        )
        for key, (name, fields) in SHEETS.items()
    ]
    sheets.append(Sheet(name=HELP_SHEET, columns=[Column("", 100)], rows=_help_rows()))
    write_workbook(target, sheets)


def _content(criteria_set: CriteriaSet) -> dict[str, list[list[Any]]]:
    s = criteria_set
    criteria = list(s.criteria.all())
    indicators = Indicator.objects.filter(criterion__criteria_set=s).select_related("criterion")
    thresholds = Threshold.objects.filter(indicator__criterion__criteria_set=s).select_related(
        "indicator"
    )
    set_row = [s.code, s.name, s.decision_number, s.decision_date, s.issuer, s.legal_basis]
    set_row += [s.valid_from, s.valid_to, s.classification_scheme]
    set_row += [s.province.code if s.province_id else ""]
    return {
        SET: [set_row],
        CRITERIA: [[c.number, c.code, c.name_vi, c.name_en, int(c.is_critical)] for c in criteria],
        INDICATORS: [
            [i.criterion.number, i.code, i.name_vi, i.name_en, i.kind, i.comparator, i.unit]
            for i in indicators
        ],
        THRESHOLDS: [
            [t.indicator.code, t.classification_key, t.year, t.value, t.source]
            for t in thresholds
            if t.value is not None  # unknown: no row (the engine treats both alike)
        ],
    }


def _help_rows() -> Iterator[list[str]]:
    yield ["Mỗi trang tính một bảng; giữ nguyên dòng tiêu đề. Ô trống ở cột không bắt buộc."]
    yield ["Phân loại ngưỡng: region (7 vùng, 2021–2025)"]
    yield ["hoặc commune_group (3 nhóm xã, 2026–2030)."]
    yield ["Vùng: " + ", ".join(Region.values)]
    yield ["Nhóm xã: " + ", ".join(CommuneGroup.values)]
    yield ["Kiểu chỉ tiêu: " + ", ".join(Indicator.Kind.values)]
    yield ["So sánh: " + ", ".join(Indicator.Comparator.values)]
    yield ["Ngưỡng kiểu boolean: 1 = Đạt. Tỷ lệ (percent): 0–100."]
    yield ["Từ năm: để trống nếu ngưỡng áp dụng mọi năm."]
    yield ["Quyết định nguồn: số quyết định ban hành ngưỡng (ngưỡng được đánh dấu đã kiểm chứng);"]
    yield ["để trống thì ngưỡng là chưa kiểm chứng."]


def read_workbook(file: IO[bytes]) -> tuple[dict[str, list[SheetRow]], list[LayoutError]]:
    """Every data row of every sheet by sheet key; layout errors (a sheet or a required column
    missing). Raises ValueError when the file is not a readable .xlsx workbook."""
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not xlsx
        raise ValueError(str(exc)) from exc
    rows: dict[str, list[SheetRow]] = {}
    errors: list[LayoutError] = []
    for key, (name, fields) in SHEETS.items():
        if name not in workbook.sheetnames:
            errors.append(LayoutError(name, None, "", "missing_sheet"))
            rows[key] = []
            continue
        rows[key] = _read_sheet(workbook[name], name, fields, errors)
    workbook.close()
    return rows, errors


def _read_sheet(worksheet: Any, name: str, fields: tuple[Field, ...], errors: list) -> list:
    lines = worksheet.iter_rows(values_only=True)
    header = [_header_key(cell, fields) for cell in next(lines, ())]
    for field in fields:
        if field.required and field.key not in header:
            errors.append(LayoutError(name, 1, field.header, "missing_column"))
    result = []
    for number, values in enumerate(lines, start=2):
        cells = {key: value for key, value in zip(header, values, strict=False) if key}
        if any(_blank(value) is False for value in cells.values()):
            result.append(SheetRow(number, cells))
    return result


def _header_key(cell: Any, fields: tuple[Field, ...]) -> str | None:
    text = str(cell or "").strip().casefold()
    for field in fields:
        if text in (field.header.casefold(), field.key):
            return field.key
    return None


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def header_of(sheet: str, key: str) -> str:
    """The column's header as the template writes it (error messages name columns by it)."""
    return next(f.header for f in SHEETS[sheet][1] if f.key == key)
