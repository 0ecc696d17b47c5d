"""Reading and validating administrative-unit files (CSV or JSON), without the database.

Every row is checked before anything is written; every problem is reported with its row and
column, e.g. "Dòng 7, cột commune_kind: loại đơn vị 'Xa' không hợp lệ". CSV rows are numbered
as a spreadsheet shows them (the header is row 1); JSON records from 1.

Columns (CSV header or JSON keys):
  required  province_code, province_name, commune_code, commune_name, commune_kind
  optional  district_code, district_name, district_kind (no district columns: two-level units),
            region, commune_group, difficulty, ntm_level, ntm_level_year, target_year,
            villages (CSV: names separated by ";"; JSON: a list or such a string)
Choice columns take the stored value ("especially_difficult") or the Vietnamese label
("Đặc biệt khó khăn"), case-insensitively; diacritics are required ("Xa" is not "Xã").
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from communes.models import Commune, CommuneGroup, Region
from ntm_portal.text import normalize_name

REQUIRED_COLUMNS = (
    "province_code",
    "province_name",
    "commune_code",
    "commune_name",
    "commune_kind",
)
FORMATS = ("csv", "json")
NAME_MAX_LENGTH = 120
YEAR_RANGE = (1990, 2100)
MAX_REPORTED_ERRORS = 50  # a systematic mistake should not bury the first messages
_CODE = re.compile(r"^\d{1,8}$")
_EXTRA_CHOICES = {
    "commune_group": {
        "1": CommuneGroup.GROUP_1,
        "2": CommuneGroup.GROUP_2,
        "3": CommuneGroup.GROUP_3,
    },
    "difficulty": {"đbkk": Commune.Difficulty.ESPECIALLY_DIFFICULT},
}


@dataclass(frozen=True)
class UnitRow:
    """One validated commune-level unit, with its province and (optional) district."""

    row: int
    province_code: str
    province_name: str
    commune_code: str
    commune_name: str
    commune_kind: str
    district_code: str | None = None
    district_name: str = ""
    district_kind: str = ""
    # Optional classification columns: None means "not given, leave as it is".
    region: str | None = None
    commune_group: str | None = None
    difficulty: str | None = None
    ntm_level: str | None = None
    ntm_level_year: int | None = None
    target_year: int | None = None
    villages: tuple[str, ...] = ()


@dataclass
class RowReader:
    """Reads one raw record's cells, collecting errors instead of stopping at the first."""

    row: int
    record: dict[str, Any]
    errors: list[str] = field(default_factory=list)

    def error(self, column: str, message: str) -> None:
        self.errors.append(row_error(self.row, column, message))

    def text(self, column: str, *, required: bool = False) -> str:
        value = self.record.get(column)
        value = "" if value is None else normalize_name(str(value))
        if required and not value:
            self.error(column, _("không được để trống"))
        return value

    def code(self, column: str, *, required: bool = False) -> str | None:
        value = self.text(column, required=required)
        if value and not _CODE.match(value):
            self.error(
                column,
                _("mã '%(value)s' không hợp lệ (chỉ gồm chữ số, tối đa 8 chữ số)")
                % {"value": value},
            )
        return value or None

    def name(self, column: str, *, required: bool = False) -> str:
        value = self.text(column, required=required)
        if len(value) > NAME_MAX_LENGTH:
            self.error(column, _("tên dài quá %(max)s ký tự") % {"max": NAME_MAX_LENGTH})
        return value

    def choice(
        self, column: str, choices: type, message: str, *, required: bool = False
    ) -> str | None:
        value = self.text(column, required=required)
        if not value:
            return None
        resolved = resolve_choice(column, choices, value)
        if resolved is None:
            self.error(column, message % {"value": value})
        return resolved

    def year(self, column: str) -> int | None:
        value = self.text(column)
        if not value:
            return None
        low, high = YEAR_RANGE
        if not value.isdigit() or not low <= int(value) <= high:
            self.error(
                column,
                _("năm '%(value)s' không hợp lệ (từ %(low)s đến %(high)s)")
                % {"value": value, "low": low, "high": high},
            )
            return None
        return int(value)

    def villages(self) -> tuple[str, ...]:
        value = self.record.get("villages")
        items = value if isinstance(value, list) else str(value or "").split(";")
        names = tuple(dict.fromkeys(n for n in (normalize_name(str(i)) for i in items) if n))
        for name in names:
            if len(name) > NAME_MAX_LENGTH:
                self.error(
                    "villages",
                    _("tên thôn '%(value)s' dài quá %(max)s ký tự")
                    % {"value": name[:30], "max": NAME_MAX_LENGTH},
                )
        return names


def row_error(row: int, column: str, message: str) -> str:
    """'Dòng 7, cột commune_kind: loại đơn vị 'Xa' không hợp lệ …'."""
    return _("Dòng %(row)s, cột %(column)s: %(message)s") % {
        "row": row,
        "column": column,
        "message": message,
    }


def resolve_choice(column: str, choices: type, value: str) -> str | None:
    """A stored value (exact, or upper-case: 'TDMNPB') or a Vietnamese label (any case) → value."""
    if value in choices.values or value.lower() in choices.values and value.isupper():
        return value.lower()
    with translation.override("vi"):
        labels = {str(label).casefold(): stored for stored, label in choices.choices}
    labels.update(_EXTRA_CHOICES.get(column, {}))
    return labels.get(value.casefold())


def parse_region(value: str | None) -> str | None:
    """The --region option: a region code or label; ValidationError when unknown."""
    if not value:
        return None
    resolved = resolve_choice("region", Region, normalize_name(value))
    if resolved is None:
        raise ValidationError({"region": [_("Vùng '%(value)s' không hợp lệ.") % {"value": value}]})
    return resolved


def read_records(source: str, *, fmt: str) -> list[tuple[int, dict[str, Any]]]:
    """(row number, raw record) pairs from CSV or JSON text; a ValidationError on bad shape."""
    if fmt not in FORMATS:
        raise ValidationError(
            {
                "format": [
                    _("Định dạng '%(value)s' không được hỗ trợ (csv hoặc json).") % {"value": fmt}
                ]
            }
        )
    records = read_csv(source) if fmt == "csv" else _read_json(source)
    columns = set().union(*(record.keys() for _row, record in records)) if records else set()
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if not records:
        raise ValidationError({"file": [_("Tệp không có dòng dữ liệu nào.")]})
    if missing:
        raise ValidationError(
            {"file": [_("Thiếu cột bắt buộc: %(columns)s.") % {"columns": ", ".join(missing)}]}
        )
    return records


def read_csv(source: str) -> list[tuple[int, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(source.lstrip("\ufeff")))
    if reader.fieldnames:
        reader.fieldnames = [name.strip() for name in reader.fieldnames]
    return [
        (reader.line_num, record)
        for record in reader
        if any((v or "").strip() for v in record.values())
    ]


def _read_json(source: str) -> list[tuple[int, dict[str, Any]]]:
    try:
        data = json.loads(source)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            {"file": [_("Tệp JSON không hợp lệ: %(error)s") % {"error": exc}]}
        ) from exc
    if isinstance(data, dict):
        data = data.get("units")
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise ValidationError(
            {"file": [_('Tệp JSON phải là một danh sách đơn vị (hoặc {"units": [...]}).')]}
        )
    return list(enumerate(data, start=1))


def parse_units(records: Iterable[tuple[int, dict[str, Any]]]) -> list[UnitRow]:
    """Validate every record; raise one ValidationError listing every problem, or return rows."""
    rows: list[UnitRow] = []
    errors: list[str] = []
    for row, record in records:
        reader = RowReader(row=row, record=record)
        unit = _parse_one(reader)
        errors.extend(reader.errors)
        if not reader.errors:
            rows.append(unit)
    errors.extend(consistency_errors(rows))
    if errors:
        raise ValidationError({"file": capped(errors)})
    return rows


def capped(errors: list[str]) -> list[str]:
    """The first MAX_REPORTED_ERRORS messages, then how many more there are."""
    if len(errors) <= MAX_REPORTED_ERRORS:
        return errors
    more = len(errors) - MAX_REPORTED_ERRORS
    return [*errors[:MAX_REPORTED_ERRORS], _("… và %(count)s lỗi khác.") % {"count": more}]


def _parse_one(reader: RowReader) -> UnitRow:
    unit = UnitRow(
        row=reader.row,
        province_code=reader.code("province_code", required=True) or "",
        province_name=reader.name("province_name", required=True),
        district_code=reader.code("district_code"),
        district_name=reader.name("district_name"),
        district_kind=reader.name("district_kind"),
        commune_code=reader.code("commune_code", required=True) or "",
        commune_name=reader.name("commune_name", required=True),
        commune_kind=reader.choice(
            "commune_kind",
            Commune.Kind,
            _("loại đơn vị '%(value)s' không hợp lệ (dùng Xã, Phường, Thị trấn hoặc Đặc khu)"),
            required=True,
        )
        or "",
        region=reader.choice("region", Region, _("vùng '%(value)s' không hợp lệ")),
        commune_group=reader.choice(
            "commune_group", CommuneGroup, _("nhóm xã '%(value)s' không hợp lệ")
        ),
        difficulty=reader.choice(
            "difficulty", Commune.Difficulty, _("mức khó khăn '%(value)s' không hợp lệ")
        ),
        ntm_level=reader.choice("ntm_level", Commune.Level, _("mức NTM '%(value)s' không hợp lệ")),
        ntm_level_year=reader.year("ntm_level_year"),
        target_year=reader.year("target_year"),
        villages=reader.villages(),
    )
    _check_row_rules(reader, unit)
    return unit


def _check_row_rules(reader: RowReader, unit: UnitRow) -> None:
    """Rules across the cells of one row."""
    if unit.district_code and not unit.district_name:
        reader.error("district_name", _("cần tên huyện khi có mã huyện"))
    if unit.ntm_level not in (None, Commune.Level.NONE) and unit.ntm_level_year is None:
        reader.error("ntm_level_year", _("cần năm đạt khi đã có mức NTM"))


def consistency_errors(rows: list[UnitRow]) -> list[str]:
    """Across rows: a commune code appears once; a province or district has one name."""
    errors: list[str] = []
    seen: dict[tuple[str, str], tuple[int, str]] = {}
    for unit in rows:
        keys = [
            ("commune_code", unit.commune_code, str(unit.row)),
            ("province_name", unit.province_code, unit.province_name),
        ]
        if unit.district_code:
            keys.append(
                ("district_name", unit.district_code, f"{unit.district_name}|{unit.province_code}")
            )
        for column, code, value in keys:
            first = seen.setdefault((column, code), (unit.row, value))
            if first[1] != value:
                errors.append(_conflict(unit.row, column, code, first[0]))
    return errors


def _conflict(row: int, column: str, code: str, first_row: int) -> str:
    messages = {
        "commune_code": _("mã '%(code)s' đã có ở dòng %(first)s"),
        "province_name": _("tỉnh '%(code)s' mang tên khác ở dòng %(first)s"),
        "district_name": _("huyện '%(code)s' mang tên hoặc tỉnh khác ở dòng %(first)s"),
    }
    return row_error(row, column, messages[column] % {"code": code, "first": first_row})
