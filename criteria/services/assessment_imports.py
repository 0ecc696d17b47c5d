"""Import assessments from the office's spreadsheet: a dry run, and an all-or-nothing apply.

Both read the file (assessment_sheets), then hand the entries to the engine the form and the
API use (``assessments_create_many``), in chunks so a large file reports its progress. The dry
run does exactly what the apply does inside a transaction it rolls back, so it finds every
error the apply would meet and writes nothing; the apply commits only if no row failed.
A large file is applied by a background job: the export jobs' machinery (exports/), whose
"file" is then the list of the assessments entered.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from criteria import assessment_template as layout
from criteria.models import Assessment
from criteria.permissions import can_import_assessments
from criteria.services.assessment_sheets import (
    ImportProblem,
    ImportRow,
    ParsedImport,
    assessment_workbook_read,
    problems_of,
)
from criteria.services.assessments import assessments_create_many
from ntm_portal import spreadsheets
from ntm_portal.models import User

CHUNK = 10  # rows per engine call: the progress moves every CHUNK communes
ENGINE_KEY_RE = re.compile(r"rows\[(\d+)\]\.?(.*)")
FIELD_COLUMNS = {"commune": layout.COMMUNE, "period": layout.PERIOD, "stage": layout.STAGE}
Progress = Callable[[int, int | None], None]


@dataclass(frozen=True)
class ImportedLine:
    """One row as the engine evaluated it (what the dry run previews and the apply stored)."""

    row: int
    commune_code: str
    commune_name: str
    period: dt.date
    stage: str
    criteria_met: int
    criteria_total: int
    meets_standard: bool

    @property
    def stage_label(self) -> str:
        return str(Assessment.Stage(self.stage).label)


@dataclass
class ImportReport:
    problems: list[ImportProblem] = field(default_factory=list)
    lines: list[ImportedLine] = field(default_factory=list)
    skipped: int = 0
    is_applied: bool = False

    @property
    def is_valid(self) -> bool:
        return not self.problems


class AssessmentImportRefused(ValidationError):
    """The file has errors and nothing was written; ``report`` lists them with their places."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__([str(problem) for problem in report.problems], code="import_refused")
        self.report = report


def assessment_import_check(*, source: IO[bytes], user: User) -> ImportReport:
    """The dry run: every problem of the file, or the scores its rows would get. Writes nothing."""
    _check_allowed(user)
    parsed = _read(source)
    if parsed.problems:
        return ImportReport(problems=parsed.problems, skipped=parsed.skipped)
    with transaction.atomic():
        report = _enter(parsed, user, progress=None)
        transaction.set_rollback(True)
    return report


def assessment_import_apply(
    *, source: IO[bytes], user: User, progress: Progress | None = None
) -> ImportReport:
    """Enter every filled row, all or nothing; AssessmentImportRefused lists what is wrong."""
    _check_allowed(user)
    parsed = _read(source)
    if parsed.problems:
        raise AssessmentImportRefused(ImportReport(problems=parsed.problems))
    with transaction.atomic():
        report = _enter(parsed, user, progress=progress)
        if report.problems:
            raise AssessmentImportRefused(report)
    report.is_applied = True
    return report


def _check_allowed(user: User) -> None:
    if not can_import_assessments(user):
        raise PermissionDenied(_("Chỉ văn phòng điều phối được nhập đánh giá từ tệp."))


def _read(source: IO[bytes]) -> ParsedImport:
    try:
        workbook = spreadsheets.workbook_open(source)
    except ValidationError as error:
        return ParsedImport(problems=problems_of(error))
    try:
        return assessment_workbook_read(workbook)
    finally:
        workbook.close()


def _enter(parsed: ParsedImport, user: User, progress: Progress | None) -> ImportReport:
    """Run the engine over every chunk (a failed chunk rolls back only its own savepoint, so
    every row is checked); the caller commits or rolls back the whole."""
    report = ImportReport(skipped=parsed.skipped)
    total = len(parsed.rows)
    for start in range(0, total, CHUNK):
        chunk = parsed.rows[start : start + CHUNK]
        try:
            stored = assessments_create_many(entries=[r.entry for r in chunk], entered_by=user)
        except ValidationError as error:
            report.problems.extend(_engine_problems(error, chunk, parsed))
        else:
            report.lines.extend(_line(row, a) for row, a in zip(chunk, stored, strict=True))
        if progress is not None:
            progress(start + len(chunk), total)
    return report


def _engine_problems(
    error: ValidationError, chunk: Sequence[ImportRow], parsed: ParsedImport
) -> list[ImportProblem]:
    """The engine's ``rows[3].values.1.2`` keys as the sheet's row and column."""
    messages = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
    problems = []
    for key, texts in messages.items():
        match = ENGINE_KEY_RE.fullmatch(key)
        row = chunk[int(match.group(1))].row if match else None
        column = _column(match.group(2) if match else "", parsed)
        problems.extend(ImportProblem(parsed.sheet, row, column, text) for text in texts)
    return problems


def _column(field_name: str, parsed: ParsedImport) -> str:
    if field_name.startswith("values."):
        return parsed.columns.get(field_name.removeprefix("values."), "")
    return FIELD_COLUMNS.get(field_name, "")


def _line(row: ImportRow, assessment: Assessment) -> ImportedLine:
    return ImportedLine(
        row=row.row,
        commune_code=row.entry.commune.code,
        commune_name=row.entry.commune.name,
        period=assessment.period,
        stage=assessment.stage,
        criteria_met=assessment.criteria_met,
        criteria_total=assessment.criteria_total,
        meets_standard=assessment.meets_standard,
    )


def upload_store(*, upload: Any) -> str:
    """Keep an uploaded file for the background job; returns its storage path."""
    name = get_valid_filename(upload.name or "tep.xlsx")[-100:]
    path = f"imports/assessments/{timezone.now():%Y/%m}/{uuid.uuid4().hex}/{name}"
    return default_storage.save(path, upload)


def upload_read(path: str) -> IO[bytes]:
    with default_storage.open(path, "rb") as stored:
        return io.BytesIO(stored.read())
