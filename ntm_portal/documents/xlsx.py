"""The one Excel writer: xlsxwriter in constant-memory mode, rows streamed from iterators.

Every app describes its sheets (columns with a Vietnamese header, a width and a kind) and hands
over an iterator of rows; the writer flushes each row to disk as it goes, so 100,000 rows cost the
memory of one. Numbers stay numbers (money and counts as ``#,##0``), dates stay dates
(``dd/mm/yyyy``), the header row is bold and frozen, and a workbook may hold several sheets.
Only this module imports xlsxwriter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

import xlsxwriter
from django.utils import timezone

TEXT, INTEGER, MONEY, DECIMAL, DATE = "text", "integer", "money", "decimal", "date"
FORMATS = {INTEGER: "#,##0", MONEY: "#,##0", DATE: "dd/mm/yyyy"}
PROGRESS_EVERY = 1_000  # rows between two calls of the progress callback
MAX_SHEET_NAME = 31  # Excel's limit
FORBIDDEN_IN_SHEET_NAME = str.maketrans({c: " " for c in "[]:*?/\\"})

Progress = Callable[[int], None]


@dataclass(frozen=True)
class Column:
    header: str
    width: float = 14
    kind: str = TEXT


@dataclass
class Sheet:
    """One tab: its name, an optional title line above the header, columns and rows."""

    name: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[Any]]
    title: str = ""
    formats: dict[str, Any] = field(default_factory=dict, repr=False)


def sheet_name(text: str) -> str:
    return str(text).translate(FORBIDDEN_IN_SHEET_NAME)[:MAX_SHEET_NAME] or "Sheet"


def write_workbook(
    target: str | IO[bytes], sheets: Iterable[Sheet], *, progress: Progress | None = None
) -> int:
    """Write ``sheets`` to ``target`` (a path or a binary file); return the number of data rows.

    ``progress(rows_written)`` is called every PROGRESS_EVERY rows and once at the end.
    """
    workbook = xlsxwriter.Workbook(
        target,
        {
            "constant_memory": True,
            "strings_to_formulas": False,  # text stays text: no formula injection
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    styles = _styles(workbook)
    written = 0
    try:
        for sheet in sheets:
            written = _write_sheet(workbook, styles, sheet, written, progress)
    finally:
        workbook.close()
    if progress:
        progress(written)
    return written


def _styles(workbook: xlsxwriter.Workbook) -> dict[str, Any]:
    styles = {kind: workbook.add_format({"num_format": fmt}) for kind, fmt in FORMATS.items()}
    styles["header"] = workbook.add_format(
        {"bold": True, "text_wrap": True, "valign": "top", "bottom": 1}
    )
    styles["title"] = workbook.add_format({"bold": True, "font_size": 13})
    return styles


def _write_sheet(
    workbook: xlsxwriter.Workbook,
    styles: dict[str, Any],
    sheet: Sheet,
    written: int,
    progress: Progress | None,
) -> int:
    worksheet = workbook.add_worksheet(sheet_name(sheet.name))
    row = 0
    if sheet.title:
        worksheet.write_string(0, 0, str(sheet.title), styles["title"])
        row = 2
    for index, column in enumerate(sheet.columns):
        worksheet.set_column(index, index, column.width, styles.get(column.kind))
        worksheet.write_string(row, index, str(column.header), styles["header"])
    worksheet.freeze_panes(row + 1, 0)
    header_row = row
    kinds = [column.kind for column in sheet.columns]
    for values in sheet.rows:
        row += 1
        _write_row(worksheet, styles, row, kinds, values)
        written += 1
        if progress and written % PROGRESS_EVERY == 0:
            progress(written)
    if sheet.columns:
        worksheet.autofilter(header_row, 0, max(row, header_row), len(sheet.columns) - 1)
    return written


def _write_row(worksheet, styles, row: int, kinds: Sequence[str], values: Sequence[Any]) -> None:
    for col, (kind, value) in enumerate(zip(kinds, values, strict=False)):
        if value is None or value == "":
            continue
        if isinstance(value, dt.datetime | dt.date):
            worksheet.write_datetime(row, col, _naive(value), styles[DATE])
        elif isinstance(value, bool):
            worksheet.write_boolean(row, col, value)
        elif isinstance(value, int | float | Decimal):
            worksheet.write_number(row, col, _number(value), styles.get(kind))
        else:
            worksheet.write_string(row, col, str(value))


def _naive(value: dt.date) -> dt.date:
    """Excel has no time zones: an aware datetime is written as the local wall-clock time."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def _number(value: int | float | Decimal) -> int | float:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
