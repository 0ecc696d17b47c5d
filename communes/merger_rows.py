"""Reading and checking a merger map (old commune code → new commune code), without writing.

Columns: old_commune_code, new_commune_code (names are informative: old_commune_name,
new_commune_name). An old code names the unit in force the day before the merger, a new code the
unit in force on its day, so a new commune may reuse an old code (01840 Đức Xuân → 01840 Đức
Xuân). Every problem is reported with its row and column; a map with any problem writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from communes.unit_rows import RowReader, capped, read_csv, row_error

MAP_COLUMNS = ("old_commune_code", "new_commune_code")


@dataclass(frozen=True)
class MergerRow:
    row: int
    old_code: str
    new_code: str


@dataclass(frozen=True)
class Link:
    """One row resolved to unit ids."""

    row: int
    predecessor_id: int
    successor_id: int


def parse_merger_map(source: str) -> list[MergerRow]:
    records = read_csv(source)
    missing = [c for c in MAP_COLUMNS if records and c not in records[0][1]]
    if not records or missing:
        message = _("Thiếu cột bắt buộc: %(columns)s.") % {"columns": ", ".join(MAP_COLUMNS)}
        raise ValidationError({"file": [message]})
    rows, errors = [], []
    for row, record in records:
        reader = RowReader(row=row, record=record)
        old_code = reader.code("old_commune_code", required=True)
        new_code = reader.code("new_commune_code", required=True)
        errors.extend(reader.errors)
        if not reader.errors:
            rows.append(MergerRow(row, old_code or "", new_code or ""))
    errors.extend(_repeated_old_codes(rows))
    if errors:
        raise ValidationError({"file": capped(errors)})
    return rows


def _repeated_old_codes(rows: list[MergerRow]) -> list[str]:
    """An old unit merges into one new unit (the 2025 reform split none)."""
    first: dict[str, MergerRow] = {}
    errors = []
    for merger in rows:
        seen = first.setdefault(merger.old_code, merger)
        if seen is not merger and seen.new_code != merger.new_code:
            message = _("mã '%(code)s' đã sáp nhập vào xã khác ở dòng %(first)s") % {
                "code": merger.old_code,
                "first": seen.row,
            }
            errors.append(row_error(merger.row, "old_commune_code", message))
    return errors


def unknown_code_error(merger: MergerRow, column: str, day: dt.date) -> str:
    code = merger.old_code if column == "old_commune_code" else merger.new_code
    message = _("không có xã mã '%(code)s' còn hiệu lực ngày %(day)s") % {
        "code": code,
        "day": f"{day:%d/%m/%Y}",
    }
    return row_error(merger.row, column, message)


def cycle_errors(links: list[Link], existing: Iterable[tuple[int, int]], codes: dict) -> list[str]:
    """A row whose link closes a loop of successions (A → B → … → A), with the loop's codes."""
    successors: dict[int, set[int]] = {}
    for predecessor, successor in existing:
        successors.setdefault(predecessor, set()).add(successor)
    errors = []
    for link in links:
        successors.setdefault(link.predecessor_id, set()).add(link.successor_id)
        path = _path(successors, link.successor_id, link.predecessor_id)
        if path is not None:
            loop = " → ".join(codes.get(unit, str(unit)) for unit in [link.predecessor_id, *path])
            message = _("sáp nhập này tạo thành vòng lặp (%(loop)s)") % {"loop": loop}
            errors.append(row_error(link.row, "new_commune_code", message))
            successors[link.predecessor_id].discard(link.successor_id)
    return errors


def _path(successors: dict[int, set[int]], start: int, goal: int) -> list[int] | None:
    """Units from ``start`` to ``goal`` following successions (depth first), or None."""
    stack, parents = [start], {start: None}
    while stack:
        unit = stack.pop()
        if unit == goal:
            path = [unit]
            while parents[path[-1]] is not None:
                path.append(parents[path[-1]])
            return path[::-1]
        for successor in successors.get(unit, ()):
            if successor not in parents:
                parents[successor] = unit
                stack.append(successor)
    return None
