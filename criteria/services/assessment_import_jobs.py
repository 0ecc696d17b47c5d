"""The background apply of an assessment import, as a kind of the export jobs (exports/).

The job's row gives the page its status and progress; its "file" is the list of assessments
entered, and its error the file's problems (the first MAX_PROBLEMS_KEPT of them).
"""

from __future__ import annotations

from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from criteria.permissions import can_import_assessments
from criteria.selectors.imports import ASSESSMENT_IMPORT_KIND
from criteria.services.assessment_imports import (
    AssessmentImportRefused,
    ImportReport,
    assessment_import_apply,
    upload_read,
    upload_store,
)
from criteria.services.validation import period_label
from exports import registry
from exports.models import ExportJob
from exports.services.jobs import export_job_request
from ntm_portal.documents.xlsx import INTEGER, Column, Sheet, write_workbook
from ntm_portal.models import User

MAX_PROBLEMS_KEPT = 50


def assessment_import_request(*, user: User, upload: Any) -> ExportJob:
    """Keep the file and queue its apply (run at once where Celery is eager, as in development)."""
    if not can_import_assessments(user):
        raise PermissionDenied
    path = upload_store(upload=upload)
    params = {"upload": path, "filename": str(upload.name or "")}
    return export_job_request(user=user, kind=ASSESSMENT_IMPORT_KIND, params=params)


def assessment_import_job_write(
    target: IO[bytes], *, user: User, params: dict, progress: registry.Progress
) -> int:
    """Apply the stored file (then delete it) and write the list of what was entered."""
    try:
        report = assessment_import_apply(
            source=upload_read(params["upload"]), user=user, progress=progress
        )
    except AssessmentImportRefused as refused:
        raise ValidationError(_kept(refused.messages)) from None
    finally:
        default_storage.delete(params["upload"])
    return write_workbook(target, [_result_sheet(report)])


def _kept(messages: list[str]) -> list[str]:
    if len(messages) <= MAX_PROBLEMS_KEPT:
        return messages
    more = _("… và %(count)s lỗi khác.") % {"count": len(messages) - MAX_PROBLEMS_KEPT}
    return [*messages[:MAX_PROBLEMS_KEPT], more]


def _result_sheet(report: ImportReport) -> Sheet:
    columns = [
        Column(_("Dòng"), width=6, kind=INTEGER),
        Column(_("Mã xã"), width=10),
        Column(_("Tên xã"), width=24),
        Column(_("Kỳ"), width=10),
        Column(_("Giai đoạn"), width=16),
        Column(_("Số tiêu chí đạt"), width=12, kind=INTEGER),
        Column(_("Tổng số tiêu chí"), width=12, kind=INTEGER),
        Column(_("Đạt chuẩn"), width=10),
    ]
    rows = (
        [
            line.row,
            line.commune_code,
            line.commune_name,
            period_label(line.period),
            line.stage_label,
            line.criteria_met,
            line.criteria_total,
            _("Có") if line.meets_standard else _("Không"),
        ]
        for line in report.lines
    )
    return Sheet(name=_("Đánh giá đã nhập"), columns=columns, rows=rows)


def assessment_import_filename(params: dict) -> str:
    return f"ket-qua-nhap-danh-gia-{timezone.localtime():%Y%m%d-%H%M}.xlsx"


def register_assessment_import_kind() -> None:
    registry.register(
        registry.ExportKind(
            name=ASSESSMENT_IMPORT_KIND,
            label=gettext_lazy("Nhập đánh giá từ Excel"),
            allowed=can_import_assessments,
            write=assessment_import_job_write,
            filename=assessment_import_filename,
        )
    )
