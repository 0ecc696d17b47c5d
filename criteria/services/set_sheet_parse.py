"""Check the rows of a criteria-set spreadsheet and turn them into the writer's specs.

Every problem is reported with its sheet, row and column (``CellError``); the caller writes
nothing while there is one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from communes.models import Province
from criteria.models import ClassificationScheme, Indicator
from criteria.services.imports import KEYS_BY_SCHEME
from criteria.services.set_workbook import (
    CRITERIA,
    INDICATORS,
    SET,
    SHEETS,
    THRESHOLDS,
    LayoutError,
    SheetRow,
    header_of,
)
from criteria.services.set_writer import CriterionSpec, IndicatorSpec, ThresholdSpec
from criteria.services.validation import kind_message


@dataclass(frozen=True)
class CellError:
    sheet: str
    row: int | None
    column: str
    message: str


@dataclass
class ParsedSet:
    set_fields: dict[str, Any] = field(default_factory=dict)
    criteria: list[CriterionSpec] = field(default_factory=list)
    # Where each threshold came from: (indicator code, key, year) → Excel row number.
    threshold_rows: dict[tuple[str, str, int | None], int] = field(default_factory=dict)


class _Sheet:
    """Reads typed cells of one sheet's rows, collecting errors named by sheet/row/column."""

    def __init__(self, key: str, errors: list[CellError]) -> None:
        self.key, self.name, self.errors = key, SHEETS[key][0], errors

    def error(self, row: SheetRow | None, column: str, message: str) -> None:
        header = header_of(self.key, column) if column else ""
        self.errors.append(CellError(self.name, row.number if row else None, header, message))

    def text(self, row: SheetRow, column: str, *, required: bool = False) -> str:
        value = row.cells.get(column)
        text = "" if value is None else str(value).strip()
        if required and not text:
            self.error(row, column, _("Thiếu giá trị bắt buộc."))
        return text

    def integer(self, row: SheetRow, column: str, *, required: bool = False) -> int | None:
        value = row.cells.get(column)
        if value is None or str(value).strip() == "":
            if required:
                self.error(row, column, _("Thiếu giá trị bắt buộc."))
            return None
        number = _as_decimal(value)
        if number is None or number != number.to_integral_value() or number < 0:
            self.error(row, column, _("“%(value)s” không phải là số nguyên.") % {"value": value})
            return None
        return int(number)

    def date(self, row: SheetRow, column: str, *, required: bool = False) -> dt.date | None:
        value = row.cells.get(column)
        if value is None or str(value).strip() == "":
            if required:
                self.error(row, column, _("Thiếu giá trị bắt buộc."))
            return None
        parsed = _as_date(value)
        if parsed is None:
            message = _("“%(value)s” không phải là ngày (dd/mm/yyyy).") % {"value": value}
            self.error(row, column, message)
        return parsed


def parse_rows(
    rows: dict[str, list[SheetRow]], layout: list[LayoutError]
) -> tuple[ParsedSet, list[CellError]]:
    """(ParsedSet, errors) from the rows read by ``set_workbook.read_workbook``."""
    errors = [_layout_error(e) for e in layout]
    parsed = ParsedSet()
    parsed.set_fields = _parse_set(rows[SET], _Sheet(SET, errors))
    scheme = parsed.set_fields.get("classification_scheme", "")
    by_number = _parse_criteria(rows[CRITERIA], _Sheet(CRITERIA, errors))
    by_code = _parse_indicators(rows[INDICATORS], by_number, _Sheet(INDICATORS, errors))
    context = _ThresholdContext(
        indicators=by_code,
        keys=KEYS_BY_SCHEME.get(scheme, set()),
        sheet=_Sheet(THRESHOLDS, errors),
        seen=parsed.threshold_rows,
    )
    for row in rows[THRESHOLDS]:
        _parse_threshold(row, context)
    parsed.criteria = list(by_number.values())
    return parsed, errors


def _layout_error(error: LayoutError) -> CellError:
    if error.code == "missing_sheet":
        message = _("Thiếu trang tính “%(sheet)s”.") % {"sheet": error.sheet}
    else:
        message = _("Thiếu cột bắt buộc “%(column)s”.") % {"column": error.column}
    return CellError(error.sheet, error.row, error.column, message)


def _parse_set(rows: list[SheetRow], sheet: _Sheet) -> dict[str, Any]:
    if len(rows) != 1:
        sheet.error(None, "", _("Trang tính này phải có đúng một dòng dữ liệu."))
        return {}
    row = rows[0]
    fields: dict[str, Any] = {
        key: sheet.text(row, key, required=key in ("code", "name", "decision_number"))
        for key in ("code", "name", "decision_number", "issuer", "legal_basis")
    }
    fields["legal_basis"] = fields["legal_basis"] or fields["decision_number"]
    fields["decision_date"] = sheet.date(row, "decision_date")
    fields["valid_from"] = sheet.date(row, "valid_from", required=True)
    fields["valid_to"] = sheet.date(row, "valid_to")
    if fields["valid_from"] and fields["valid_to"] and fields["valid_to"] < fields["valid_from"]:
        sheet.error(row, "valid_to", _("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."))
    fields["classification_scheme"] = _scheme(row, sheet)
    fields["province"] = _province(row, sheet)
    return fields


def _scheme(row: SheetRow, sheet: _Sheet) -> str:
    scheme = sheet.text(row, "classification_scheme", required=True)
    if scheme and scheme not in ClassificationScheme.values:
        allowed = ", ".join(ClassificationScheme.values)
        message = _("“%(value)s” không hợp lệ (chỉ nhận: %(allowed)s).")
        sheet.error(row, "classification_scheme", message % {"value": scheme, "allowed": allowed})
    return scheme


def _province(row: SheetRow, sheet: _Sheet) -> Province | None:
    code = sheet.text(row, "province")
    if not code:
        return None
    province = Province.objects.filter(code=code).first()
    if province is None:
        sheet.error(row, "province", _("Không có tỉnh mã “%(value)s”.") % {"value": code})
    return province


def _parse_criteria(rows: list[SheetRow], sheet: _Sheet) -> dict[int, CriterionSpec]:
    by_number: dict[int, CriterionSpec] = {}
    first_row: dict[int, int] = {}
    for row in rows:
        number = sheet.integer(row, "number", required=True)
        fields = {
            "code": sheet.text(row, "code", required=True),
            "name_vi": sheet.text(row, "name_vi", required=True),
            "name_en": sheet.text(row, "name_en"),
            "is_name_verified": True,
        }
        critical = sheet.integer(row, "is_critical")
        if critical is not None:
            fields["is_critical"] = bool(critical)
        if number is None:
            continue
        if number in first_row:
            _duplicate(sheet, row, "number", first_row[number])
            continue
        first_row[number] = row.number
        by_number[number] = CriterionSpec(number=number, fields=fields)
    return by_number


def _duplicate(sheet: _Sheet, row: SheetRow, column: str, first: int) -> None:
    sheet.error(row, column, _("Dòng trùng với dòng %(row)s.") % {"row": first})


def _parse_indicators(
    rows: list[SheetRow], criteria: dict[int, CriterionSpec], sheet: _Sheet
) -> dict[str, IndicatorSpec]:
    by_code: dict[str, IndicatorSpec] = {}
    first_row: dict[str, int] = {}
    for position, row in enumerate(rows):
        number = sheet.integer(row, "criterion_number", required=True)
        code = sheet.text(row, "code", required=True)
        fields = {
            "name_vi": sheet.text(row, "name_vi", required=True),
            "name_en": sheet.text(row, "name_en"),
            "kind": _choice(row, "kind", Indicator.Kind.values, sheet),
            "comparator": _choice(row, "comparator", Indicator.Comparator.values, sheet),
            "unit": sheet.text(row, "unit"),
            "position": position,
            "is_verified": True,
        }
        if number is not None and number not in criteria:
            message = _("Không có tiêu chí số %(value)s trong trang “Tiêu chí”.")
            sheet.error(row, "criterion_number", message % {"value": number})
        if code in first_row:
            _duplicate(sheet, row, "code", first_row[code])
        elif code and number in criteria:
            first_row[code] = row.number
            by_code[code] = IndicatorSpec(code=code, fields=fields)
            criteria[number].indicators.append(by_code[code])
    return by_code


def _choice(row: SheetRow, column: str, allowed: list[str], sheet: _Sheet) -> str:
    value = sheet.text(row, column, required=True)
    if value and value not in allowed:
        message = _("“%(value)s” không hợp lệ (chỉ nhận: %(allowed)s).")
        sheet.error(row, column, message % {"value": value, "allowed": ", ".join(allowed)})
    return value


@dataclass(frozen=True)
class _ThresholdContext:
    indicators: dict[str, IndicatorSpec]
    keys: set[str]
    sheet: _Sheet
    seen: dict[tuple[str, str, int | None], int]


def _parse_threshold(row: SheetRow, context: _ThresholdContext) -> None:
    sheet, keys = context.sheet, context.keys
    errors_before = len(sheet.errors)
    code = sheet.text(row, "indicator_code", required=True)
    key = sheet.text(row, "key", required=True)
    year = sheet.integer(row, "year")
    indicator = context.indicators.get(code)
    if code and indicator is None:
        message = _("Mã chỉ tiêu “%(value)s” không có trong trang “Chỉ tiêu”.")
        sheet.error(row, "indicator_code", message % {"value": code})
    if key and key not in keys:
        message = _("“%(value)s” không phải là vùng / nhóm xã của cách phân loại của bộ này.")
        sheet.error(row, "key", message % {"value": key})
    if year is not None and not 1900 <= year <= 2100:
        sheet.error(row, "year", _("Năm “%(value)s” không hợp lệ.") % {"value": year})
    value = _threshold_value(row, indicator, sheet)
    if indicator is None or value is None or len(sheet.errors) > errors_before:
        return
    seen = context.seen
    if (code, key, year) in seen:
        _duplicate(sheet, row, "key", seen[code, key, year])
        return
    seen[code, key, year] = row.number
    source = sheet.text(row, "source")  # from a decision: verified; blank: not verified
    indicator.thresholds.append(ThresholdSpec(key, year, value, bool(source), source))


def _threshold_value(
    row: SheetRow, indicator: IndicatorSpec | None, sheet: _Sheet
) -> Decimal | None:
    raw = row.cells.get("value")
    if raw is None or str(raw).strip() == "":
        sheet.error(row, "value", _("Thiếu giá trị bắt buộc."))
        return None
    value = _as_decimal(raw)
    if value is None or not value.is_finite():
        sheet.error(row, "value", _("“%(value)s” không phải là số.") % {"value": raw})
        return None
    kind = indicator.fields["kind"] if indicator else ""
    message = kind_message(kind, value) if kind in Indicator.Kind.values else None
    if message:
        sheet.error(row, "value", message)
        return None
    return value


def _as_decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    try:
        return Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        return None


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None
