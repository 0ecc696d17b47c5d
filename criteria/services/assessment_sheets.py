"""Read the assessment template (criteria/assessment_template.py) into entries for the engine.

Every problem is collected with its sheet, row and column, so one pass lists them all. A cell
left empty is "not given": the indicator is left out of the entry (the engine keeps the
commune's value). A dash (-, –, —) is "not assessed": the indicator is sent as None. A row with
no indicator given at all is skipped (the template lists every commune; the office fills some).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl.workbook.workbook import Workbook

from communes.models import Commune, Province
from criteria import assessment_template as layout
from criteria.models import Assessment, CriteriaSet, Indicator
from criteria.selectors import criteria_set_current
from criteria.services.assessments import AssessmentEntry
from criteria.services.validation import kind_message, no_criteria_set, period_label
from ntm_portal import periods, spreadsheets

MAX_COMMUNE_ROWS = 1_000  # a province has at most a few hundred; the dry run stays under ~25 s
BOOLEAN_WORDS = {
    "đạt": Decimal(1),
    "có": Decimal(1),
    "chưa đạt": Decimal(0),
    "không đạt": Decimal(0),
    "không": Decimal(0),
}


@dataclass(frozen=True)
class ImportProblem:
    sheet: str
    row: int | None
    column: str
    message: str

    @property
    def place(self) -> str:
        """'Đánh giá!E7', 'Đánh giá!7', 'Thông tin!B2' or the sheet alone."""
        where = f"{self.column}{self.row or ''}"
        return f"{self.sheet}!{where}" if where and self.sheet else self.sheet

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message


@dataclass(frozen=True)
class ImportRow:
    row: int
    entry: AssessmentEntry


@dataclass
class ParsedImport:
    sheet: str = ""
    province: Province | None = None
    criteria_set: CriteriaSet | None = None
    rows: list[ImportRow] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # indicator code → column letter
    skipped: int = 0

    def problem(self, row: int | None, column: str, message: str, sheet: str = "") -> None:
        self.problems.append(ImportProblem(sheet or self.sheet, row, column, message))


def assessment_workbook_read(workbook: Workbook) -> ParsedImport:
    """Entries of every filled row, or the problems found (a refused file yields no rows)."""
    parsed = ParsedImport()
    if len(workbook.worksheets) < 2:
        parsed.problem(None, "", _("Tệp không theo mẫu: cần hai trang “Đánh giá” và “Thông tin”."))
        return parsed
    data, info = workbook.worksheets[0], workbook.worksheets[1]
    parsed.sheet = data.title
    _read_information(info, parsed)
    if parsed.problems:
        return parsed
    indicators = _read_header(data, parsed)
    _SheetReader(parsed, indicators).read(data)
    if not parsed.rows and not parsed.problems:
        parsed.problem(None, "", _("Tệp không có dòng nào có giá trị chỉ tiêu."))
    if parsed.problems:
        parsed.rows = []
    return parsed


def _read_information(info: Any, parsed: ParsedImport) -> None:
    province_code = _info_cell(info, layout.PROVINCE_CELL)
    set_code = _info_cell(info, layout.SET_CELL)
    parsed.province = Province.objects.filter(code=province_code).newest_first().first()
    if parsed.province is None:
        message = _("Không có tỉnh mã “%(code)s”.") % {"code": province_code}
        parsed.problem(layout.PROVINCE_CELL[0], "B", message, sheet=info.title)
    parsed.criteria_set = CriteriaSet.objects.filter(code=set_code).first()
    if parsed.criteria_set is None:
        message = _("Không có bộ tiêu chí mã “%(code)s”.") % {"code": set_code}
        parsed.problem(layout.SET_CELL[0], "B", message, sheet=info.title)


def _info_cell(info: Any, place: tuple[int, int]) -> str:
    row, column = place
    for cells in info.iter_rows(min_row=row, max_row=row, min_col=column, max_col=column):
        return spreadsheets.cell_text(cells[0].value)
    return ""


def _read_header(data: Any, parsed: ParsedImport) -> dict[str, Indicator]:
    """Indicator code → indicator, for the header's columns (unknown or repeated codes refused)."""
    known = {
        i.code: i for i in Indicator.objects.filter(criterion__criteria_set=parsed.criteria_set)
    }
    header = next(data.iter_rows(min_row=layout.HEADER_ROW, max_row=layout.HEADER_ROW), ())
    for index, cell in enumerate(header, start=1):
        code = spreadsheets.cell_text(cell.value)
        if index < layout.FIRST_INDICATOR_COLUMN or not code:
            continue
        letter = spreadsheets.column_letter(index)
        if code not in known:
            message = _("Mã chỉ tiêu “%(code)s” không có trong bộ tiêu chí %(set)s.")
            parsed.problem(
                layout.HEADER_ROW, letter, message % {"code": code, "set": parsed.criteria_set.code}
            )
        elif code in parsed.columns:
            message = _("Mã chỉ tiêu “%(code)s” đã có ở cột %(column)s.")
            parsed.problem(
                layout.HEADER_ROW, letter, message % {"code": code, "column": parsed.columns[code]}
            )
        else:
            parsed.columns[code] = letter
    return known


class _SheetReader:
    """Reads the commune rows of the data sheet into ``parsed``."""

    def __init__(self, parsed: ParsedImport, indicators: dict[str, Indicator]) -> None:
        self.parsed = parsed
        self.indicators = indicators
        self.letters = {letter: code for code, letter in parsed.columns.items()}
        # Oldest first, so a code reused after the 2025 reform maps to the unit in force now.
        communes = Commune.objects.filter(province=parsed.province).newest_first().reverse()
        self.communes = {c.code: c for c in communes}
        self.seen: dict[str, int] = {}
        self.sets: dict[dt.date, CriteriaSet | None] = {}

    def read(self, data: Any) -> None:
        for number, cells in spreadsheets.sheet_rows(data, first_row=layout.FIRST_ROW):
            if number >= layout.FIRST_ROW + MAX_COMMUNE_ROWS:
                message = _("Tệp có hơn %(max)s dòng xã; hãy chia theo tỉnh hoặc huyện.")
                self.parsed.problem(number, "", message % {"max": MAX_COMMUNE_ROWS})
                return
            by_letter = {
                cell.column_letter: cell for cell in cells if hasattr(cell, "column_letter")
            }
            values = self._values(number, by_letter)
            if not values:
                self.parsed.skipped += 1
                continue
            self._row(number, by_letter, values)

    def _row(self, number: int, cells: dict[str, Any], values: dict[str, Decimal | None]) -> None:
        commune = self._commune(number, _text(cells, layout.COMMUNE))
        period = self._period(number, cells.get(layout.PERIOD))
        stage = self._stage(number, _text(cells, layout.STAGE))
        if commune is None or period is None or stage is None:
            return
        entry = AssessmentEntry(commune=commune, period=period, stage=stage, values=values)
        self.parsed.rows.append(ImportRow(row=number, entry=entry))

    def _values(self, number: int, cells: dict[str, Any]) -> dict[str, Decimal | None]:
        values: dict[str, Decimal | None] = {}
        for letter, code in self.letters.items():
            cell = cells.get(letter)
            if cell is None or spreadsheets.is_blank(cell.value):
                continue
            try:
                values[code] = indicator_value(cell, self.indicators[code].kind)
            except ValueError as error:
                self.parsed.problem(number, letter, str(error))
                values[code] = None
        return values

    def _commune(self, number: int, code: str) -> Commune | None:
        commune = self.communes.get(code)
        if not code:
            self.parsed.problem(number, layout.COMMUNE, _("Thiếu mã xã."))
            return None
        if commune is None:
            message = _("Xã mã “%(code)s” không thuộc tỉnh %(province)s.")
            self.parsed.problem(
                number, layout.COMMUNE, message % {"code": code, "province": self.parsed.province}
            )
            return None
        if code in self.seen:
            message = _("Xã mã “%(code)s” đã có ở dòng %(row)s.")
            self.parsed.problem(
                number, layout.COMMUNE, message % {"code": code, "row": self.seen[code]}
            )
            return None
        self.seen[code] = number
        return commune

    def _period(self, number: int, cell: Any) -> dt.date | None:
        try:
            period = month_of(cell.value if cell is not None else None)
        except ValueError:
            message = _("Kỳ phải là tháng/năm, ví dụ 11/2026.")
            self.parsed.problem(number, layout.PERIOD, message)
            return None
        message = self._set_message(period)
        if message:
            self.parsed.problem(number, layout.PERIOD, message)
            return None
        return period

    def _set_message(self, period: dt.date) -> str | None:
        """Why the template's set cannot take this period: no set in force, or another one."""
        if period not in self.sets:
            month_end = periods.add_months(period, 1) - dt.timedelta(days=1)
            self.sets[period] = criteria_set_current(on=month_end, province=self.parsed.province.pk)
        in_force = self.sets[period]
        if in_force is None:
            return " ".join(no_criteria_set(period).messages)
        if in_force != self.parsed.criteria_set:
            message = _(
                "Kỳ %(period)s áp dụng bộ tiêu chí %(in_force)s, không phải bộ %(set)s của tệp."
            )
            return message % {
                "period": period_label(period),
                "in_force": in_force.code,
                "set": self.parsed.criteria_set.code,
            }
        return None

    def _stage(self, number: int, text: str) -> str | None:
        stage = stage_of(text)
        if stage is None:
            labels = ", ".join(str(label) for label in Assessment.Stage.labels)
            message = _("Giai đoạn “%(value)s” không hợp lệ (chỉ nhận: %(allowed)s).")
            self.parsed.problem(number, layout.STAGE, message % {"value": text, "allowed": labels})
        return stage


def _text(cells: dict[str, Any], letter: str) -> str:
    cell = cells.get(letter)
    return spreadsheets.cell_text(cell.value) if cell is not None else ""


def month_of(value: Any) -> dt.date:
    """A date cell or '11/2026' → date(2026, 11, 1); ValueError otherwise."""
    if isinstance(value, dt.datetime | dt.date):
        return dt.date(value.year, value.month, 1)
    return periods.parse_month(spreadsheets.cell_text(value))


def stage_of(text: str) -> str | None:
    """A stage's value or its label (in the active language or in Vietnamese), any case."""
    wanted = text.strip().casefold()
    for value, label in Assessment.Stage.choices:
        with translation.override("vi"):
            vietnamese = str(label)
        if wanted in (value, str(label).casefold(), vietnamese.casefold()):
            return value
    return None


def indicator_value(cell: Any, kind: str) -> Decimal | None:
    """A filled cell as the indicator's value (None: "not assessed"); ValueError with a message."""
    text = spreadsheets.cell_text(cell.value)
    if text in layout.NOT_ASSESSED_MARKS:
        return None
    value = _boolean(cell.value) if kind == Indicator.Kind.BOOLEAN else None
    if value is None:
        try:
            value = spreadsheets.cell_decimal(cell)
        except ValueError:
            raise ValueError(_not_a_value(kind, text)) from None
    message = kind_message(kind, value) if value is not None else None
    if message:
        raise ValueError(message)
    return value


def _boolean(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return Decimal(int(value))
    return BOOLEAN_WORDS.get(spreadsheets.cell_text(value).casefold())


def _not_a_value(kind: str, text: str) -> str:
    if kind == Indicator.Kind.BOOLEAN:
        return _("“%(value)s”: chỉ nhận Đạt (1) hoặc Chưa đạt (0).") % {"value": text}
    return _("“%(value)s” không phải là số.") % {"value": text}


def problems_of(error: ValidationError) -> list[ImportProblem]:
    """A file-level refusal (not xlsx, empty) as problems without a place in a sheet."""
    return [ImportProblem("", None, "", message) for message in error.messages]
