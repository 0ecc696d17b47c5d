"""Load a criteria set (national, or a province's own stricter one) from a spreadsheet.

``criteria_set_workbook_preview`` is the dry run: every error by sheet, row and column, and
every value that would change (old → new), writing nothing. A threshold the office corrected in
the admin since the last import is flagged; ``criteria_set_workbook_apply`` keeps it unless told
to overwrite it. Apply re-checks the file and writes everything in one transaction; given the
preview's digest it refuses when the file or the stored set changed since that preview.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from criteria.models import CriteriaSet, EnteredVia, Threshold
from criteria.services.set_sheet_parse import CellError, ParsedSet, parse_rows
from criteria.services.set_workbook import CRITERIA, INDICATORS, SET, SHEETS, THRESHOLDS
from criteria.services.set_workbook import read_workbook as _read_workbook
from criteria.services.set_writer import write_criteria_set
from ntm_portal.models import User

SET_FIELDS = (
    "name",
    "decision_number",
    "decision_date",
    "issuer",
    "legal_basis",
    "valid_from",
    "valid_to",
    "classification_scheme",
    "province",
)
CRITERION_FIELDS = ("code", "name_vi", "name_en", "is_critical")
INDICATOR_FIELDS = ("name_vi", "name_en", "kind", "comparator", "unit")
FIELD_LABELS = {
    "name": _lazy("Tên"),
    "decision_number": _lazy("Số quyết định"),
    "decision_date": _lazy("Ngày ban hành"),
    "issuer": _lazy("Cơ quan ban hành"),
    "legal_basis": _lazy("Căn cứ pháp lý"),
    "valid_from": _lazy("Hiệu lực từ"),
    "valid_to": _lazy("Hiệu lực đến"),
    "classification_scheme": _lazy("Phân loại ngưỡng"),
    "province": _lazy("Tỉnh"),
    "code": _lazy("Mã"),
    "name_vi": _lazy("Tên"),
    "name_en": _lazy("Tên tiếng Anh"),
    "is_critical": _lazy("Tiêu chí quan trọng"),
    "kind": _lazy("Kiểu"),
    "comparator": _lazy("So sánh"),
    "unit": _lazy("Đơn vị"),
    "value": _lazy("Ngưỡng"),
    "source": _lazy("Quyết định nguồn"),
}


@dataclass(frozen=True)
class Change:
    """One value the import would write: ``old`` is None for a new row."""

    sheet: str
    item: str
    field: str
    old: Any
    new: Any
    corrected_in_admin: bool = False

    @property
    def field_label(self) -> str:
        return str(FIELD_LABELS.get(self.field, self.field))


@dataclass
class ImportPreview:
    code: str = ""
    errors: list[CellError] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    digest: str = ""

    @property
    def corrected(self) -> list[Change]:
        return [c for c in self.changes if c.corrected_in_admin]


def criteria_set_workbook_preview(*, file: IO[bytes]) -> ImportPreview:
    """The dry run: check the workbook and list what would change. Writes nothing."""
    preview, _parsed = _check(file)
    return preview


@transaction.atomic
def criteria_set_workbook_apply(
    *,
    file: IO[bytes],
    entered_by: User | None,
    overwrite_corrected: bool = False,
    expected_digest: str | None = None,
) -> ImportPreview:
    """Write the workbook's set, all or nothing; raises ValidationError listing every error."""
    preview, parsed = _check(file, lock=True)
    if preview.errors:
        raise ValidationError([_error_text(e) for e in preview.errors])
    if expected_digest is not None and expected_digest != preview.digest:
        raise ValidationError(
            _("Tệp hoặc bộ tiêu chí đã thay đổi kể từ lần chạy thử; hãy chạy thử lại.")
        )
    write_criteria_set(
        parsed.set_fields,
        parsed.criteria,
        entered_via=EnteredVia.SPREADSHEET,
        entered_by=entered_by,
        overwrite_corrected=overwrite_corrected,
    )
    return preview


def _error_text(error: CellError) -> str:
    place = _("Trang “%(sheet)s”, dòng %(row)s, cột “%(column)s”") % {
        "sheet": error.sheet,
        "row": error.row or "—",
        "column": error.column or "—",
    }
    return f"{place}: {error.message}"


def error_lines(preview: ImportPreview) -> list[str]:
    return [_error_text(e) for e in preview.errors]


def _check(file: IO[bytes], *, lock: bool = False) -> tuple[ImportPreview, ParsedSet]:
    content = file.read()
    try:
        rows, layout = _read_workbook(io.BytesIO(content))
    except ValueError:
        error = CellError("", None, "", _("Tệp không phải là bảng tính Excel (.xlsx) đọc được."))
        return ImportPreview(errors=[error]), ParsedSet()
    parsed, errors = parse_rows(rows, layout)
    code = parsed.set_fields.get("code", "")
    preview = ImportPreview(code=code, errors=errors)
    if not errors:
        preview.changes = _changes(parsed, _stored(code, lock=lock))
    preview.digest = _digest(content, preview.changes)
    return preview, parsed


def _digest(content: bytes, changes: list[Change]) -> str:
    digest = hashlib.sha256(content)
    digest.update(repr(changes).encode())
    return digest.hexdigest()


def _stored(code: str, *, lock: bool) -> CriteriaSet | None:
    sets = CriteriaSet.objects.select_related("province").prefetch_related(
        "criteria__indicators__thresholds"
    )
    if lock:
        sets = sets.select_for_update(of=("self",))
    return sets.filter(code=code).first()


def _changes(parsed: ParsedSet, stored: CriteriaSet | None) -> list[Change]:
    sheet = {key: name for key, (name, _fields) in SHEETS.items()}
    changes = _field_changes(
        sheet[SET], parsed.set_fields["code"], parsed.set_fields, stored, SET_FIELDS
    )
    criteria = {c.number: c for c in stored.criteria.all()} if stored else {}
    for spec in parsed.criteria:
        criterion = criteria.get(spec.number)
        item = str(spec.number)
        changes += _field_changes(sheet[CRITERIA], item, spec.fields, criterion, CRITERION_FIELDS)
        indicators = {i.code: i for i in criterion.indicators.all()} if criterion else {}
        for indicator_spec in spec.indicators:
            indicator = indicators.get(indicator_spec.code)
            changes += _field_changes(
                sheet[INDICATORS],
                indicator_spec.code,
                indicator_spec.fields,
                indicator,
                INDICATOR_FIELDS,
            )
            changes += _threshold_changes(sheet[THRESHOLDS], indicator_spec, indicator)
    return changes


def _field_changes(
    sheet: str, item: str, wanted: dict[str, Any], stored: Any, names: tuple[str, ...]
) -> list[Change]:
    result = []
    for name in names:
        if name not in wanted:
            continue
        old = getattr(stored, name) if stored is not None else None
        if stored is None or old != wanted[name]:
            result.append(Change(sheet, item, name, old, wanted[name]))
    return result


def _threshold_changes(sheet: str, spec: Any, indicator: Any) -> list[Change]:
    stored: dict[tuple[str, int | None], Threshold] = {}
    if indicator is not None:
        stored = {(t.classification_key, t.year): t for t in indicator.thresholds.all()}
    result = []
    for threshold in spec.thresholds:
        row = stored.get((threshold.classification_key, threshold.year))
        item = f"{spec.code} [{threshold.classification_key}]" + (
            f" {threshold.year}" if threshold.year else ""
        )
        corrected = row is not None and row.entered_via == EnteredVia.ADMIN
        for name in ("value", "source"):
            old = getattr(row, name) if row is not None else None
            if row is None or old != getattr(threshold, name):
                result.append(Change(sheet, item, name, old, getattr(threshold, name), corrected))
    return result
