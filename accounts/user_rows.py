"""Reading the office's list of new accounts (CSV or Excel), without the database.

The first row names the columns, in any order, in Vietnamese or English (accents and case
ignored); other columns are ignored:
  họ tên / name               required
  e-mail / email              without it, a tên đăng nhập is needed and a temporary password
                              is generated
  điện thoại / phone
  vai trò / role              required: the stored value ("agency_staff") or its Vietnamese
                              label ("Cán bộ cơ quan giúp đỡ")
  mã cơ quan / agency         agency staff: the agency's short name or its number (id)
  mã xã / commune             commune officers: the commune's code
  tên đăng nhập / username    optional; by default the e-mail
Rows are numbered as a spreadsheet shows them (the header is row 1). Cells are read as text and
never evaluated: an Excel formula arrives as its text ("=HYPERLINK(…)").
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ntm_portal.text import fold, normalize_name

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
MAX_COLUMNS = 30
# An .xlsx is a zip: 2 MB of it may unpack to gigabytes of XML (a "zip bomb").
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
FORMATS = ("csv", "xlsx")

COLUMN_HEADERS = {  # column → accepted headers, folded (fold("Họ tên") == "ho ten")
    "name": ("ho ten", "ho va ten", "name", "full name"),
    "email": ("e-mail", "email", "thu dien tu"),
    "phone": ("dien thoai", "so dien thoai", "phone"),
    "role": ("vai tro", "role"),
    "agency": ("ma co quan", "co quan", "agency"),
    "commune": ("ma xa", "xa", "commune"),
    "username": ("ten dang nhap", "username"),
}
REQUIRED_COLUMNS = ("name", "role")
# The headers the downloadable template uses, and the names errors give to the columns.
COLUMN_NAMES = {
    "name": "họ tên",
    "email": "e-mail",
    "phone": "điện thoại",
    "role": "vai trò",
    "agency": "mã cơ quan",
    "commune": "mã xã",
    "username": "tên đăng nhập",
}
TEMPLATE_EXAMPLE = {
    "name": "Nguyễn Văn An",
    "email": "an.nguyen@example.gov.vn",
    "phone": "0209 3870 123",
    "role": "Cán bộ cơ quan giúp đỡ",
    "agency": "SCT",
}
FILE_ERROR = gettext_lazy(
    "Chỉ nhận tệp CSV (UTF-8) hoặc Excel (.xlsx). Hãy tải tệp mẫu và điền theo mẫu."
)

Record = tuple[int, dict[str, str]]


def read_user_file(content: bytes, *, name: str) -> list[Record]:
    """(row number, {column: text}) for every non-empty row; a ValidationError on bad shape."""
    check_size(len(content))
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in FORMATS:
        raise ValidationError(FILE_ERROR, code="format")
    rows = _csv_rows(content) if extension == "csv" else _xlsx_rows(content)
    return _records(rows)


def check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise ValidationError(
            _("Tệp lớn quá %(max)s MB; hãy chia thành nhiều tệp.")
            % {"max": MAX_BYTES // (1024 * 1024)},
            code="too_large",
        )


def template_csv() -> str:
    """The downloadable template: the header and one example row, with a BOM for Excel."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMN_NAMES.values())
    writer.writerow(TEMPLATE_EXAMPLE.get(column, "") for column in COLUMN_NAMES)
    return "\ufeff" + out.getvalue()


def _csv_rows(content: bytes) -> Iterator[list[str]]:
    if b"\x00" in content:  # a binary file (or UTF-16 "Unicode text") named .csv
        raise ValidationError(FILE_ERROR, code="format")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            _(
                "Tệp CSV không ở mã UTF-8 (có thể đã lưu bằng mã Windows). Trong Excel, chọn "
                "Lưu thành → “CSV UTF-8 (phân cách bằng dấu phẩy)” rồi tải lên lại."
            ),
            code="encoding",
        ) from exc
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        yield from csv.reader(io.StringIO(text), delimiter=delimiter)
    except csv.Error as exc:
        raise ValidationError(FILE_ERROR, code="format") from exc


def _xlsx_rows(content: bytes) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise ValidationError(FILE_ERROR, code="format") from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise ValidationError(FILE_ERROR, code="format")
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
        raise ValidationError(FILE_ERROR, code="format") from exc
    try:
        sheet = workbook.worksheets[0]
        for cells in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
            yield [_cell_text(value) for value in cells]
    finally:
        workbook.close()


def _cell_text(value: Any) -> str:
    """A cell as text: a formula stays its text, 912345678.0 reads 912345678."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _records(rows: Iterable[list[str]]) -> list[Record]:
    numbered = enumerate(rows, start=1)
    columns = _header(next((row for _n, row in numbered if any(c.strip() for c in row)), []))
    records: list[Record] = []
    for number, row in numbered:
        if not any(cell.strip() for cell in row):
            continue
        if len(records) == MAX_ROWS:
            raise ValidationError(
                _("Tệp có hơn %(max)s dòng; hãy chia thành nhiều tệp.") % {"max": MAX_ROWS},
                code="too_many_rows",
            )
        cells = {column: normalize_name(row[i]) for i, column in columns.items() if i < len(row)}
        records.append((number, cells))
    if not records:
        raise ValidationError(_("Tệp không có dòng dữ liệu nào."), code="empty")
    return records


def _header(cells: list[str]) -> dict[int, str]:
    """{position: column} from the header row; an error if a required column is missing."""
    known = {header: column for column, headers in COLUMN_HEADERS.items() for header in headers}
    columns: dict[int, str] = {}
    for position, cell in enumerate(cells[:MAX_COLUMNS]):
        column = known.get(fold(cell))
        if column is not None and column not in columns.values():
            columns[position] = column
    missing = [COLUMN_NAMES[c] for c in REQUIRED_COLUMNS if c not in columns.values()]
    if "email" not in columns.values() and "username" not in columns.values():
        missing.append(COLUMN_NAMES["email"])
    if missing:
        raise ValidationError(
            _("Thiếu cột: %(columns)s (dòng đầu của tệp phải là dòng tiêu đề như tệp mẫu).")
            % {"columns": ", ".join(missing)},
            code="columns",
        )
    return columns
