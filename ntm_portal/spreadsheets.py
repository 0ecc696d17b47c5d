"""Reading spreadsheets people filled in (the writer is ntm_portal/documents/xlsx.py).

Only .xlsx is read (openpyxl, read-only, cached values rather than formulas). Cells are named
as Excel shows them (``E7``), so an error can point at the cell to fix. Numbers typed as text
are read in Vietnamese notation (1.500,5), the notation of the office's files; a number cell is
taken as Excel stores it, and a cell formatted as a percentage (0,95 shown as 95%) reads as 95.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ntm_portal.numbers import parse_decimal

XLSX_MAGIC = b"PK\x03\x04"  # an .xlsx is a zip archive
# A few MB of zip may unpack to gigabytes of XML (a "zip bomb"); a province's file is far less.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
UNREADABLE = (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError)


def workbook_open(source: IO[bytes]) -> Workbook:
    """The workbook in ``source``; ValidationError (code ``empty`` / ``not_xlsx``) otherwise."""
    head = source.read(len(XLSX_MAGIC))
    source.seek(0)
    if not head:
        raise ValidationError(_("Tệp trống."), code="empty")
    try:
        if head != XLSX_MAGIC or _unpacked_size(source) > MAX_UNPACKED_BYTES:
            raise zipfile.BadZipFile
        return load_workbook(source, read_only=True, data_only=True)
    except UNREADABLE as exc:
        raise ValidationError(
            _("Tệp không phải là bảng tính Excel (.xlsx)."), code="not_xlsx"
        ) from exc


def _unpacked_size(source: IO[bytes]) -> int:
    with zipfile.ZipFile(source) as archive:
        size = sum(info.file_size for info in archive.infolist())
    source.seek(0)
    return size


def column_letter(index: int) -> str:
    """1 → 'A', 27 → 'AA'."""
    return get_column_letter(index)


def sheet_rows(sheet: Worksheet, *, first_row: int = 1) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number, cells) from ``first_row`` on, skipping rows with nothing in them."""
    for number, cells in enumerate(sheet.iter_rows(min_row=first_row), start=first_row):
        if any(not is_blank(cell.value) for cell in cells):
            yield number, tuple(cells)


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Any) -> str:
    """A cell as text: 90001 (a number cell) → '90001', 1.1 → '1.1', None → ''."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def cell_decimal(cell: Any) -> Decimal | None:
    """A number cell, or text in Vietnamese notation; blank → None; ValueError otherwise."""
    value = cell.value
    if isinstance(value, bool | dt.date):
        raise ValueError(f"not a number: {value!r}")
    if isinstance(value, int | float):
        number = Decimal(str(value))
        if "%" in (getattr(cell, "number_format", "") or ""):
            number = _plain(number * 100)
        return number
    return parse_decimal(cell_text(value), decimal_separator=",", thousand_separator=".")


def _plain(number: Decimal) -> Decimal:
    """95.00 → 95 and 95.50 → 95.5, never 1E+2."""
    return number.quantize(Decimal(1)) if number == number.to_integral() else number.normalize()
