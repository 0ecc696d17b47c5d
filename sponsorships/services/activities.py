"""Writes of support activities and their evidence.

Callers check permission first (sponsorships.permissions). Every write records its user in
the history. Updates and deletes are optimistic: the caller passes the version it read, and a
conditional UPDATE … WHERE version = expected decides; 0 rows means someone else saved first,
and nothing is written (``ConcurrentUpdateError``). Each write moves the activity summaries
(sponsorships.services.summaries) in its transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from criteria.models import Criterion
from ntm_portal.concurrency import ConcurrentUpdateError, claim_version  # noqa: F401 (views use it)
from ntm_portal.models import User
from sponsorships import rules
from sponsorships.models import Evidence, SupportActivity
from sponsorships.services._history import save_with_history
from sponsorships.services.summaries import activity_summaries_move, counted, counted_saved

ACTIVITY_FIELDS = (
    "date",
    "kind",
    "title",
    "description",
    "village",
    "amount",
    "quantity",
    "quantity_unit",
    "labour_days",
    "beneficiaries",
    "beneficiary_unit",
    "funding_source",
)


def _period_text(activity: SupportActivity) -> str:
    assignment = activity.assignment
    start = date_format(assignment.start_date, "SHORT_DATE_FORMAT")
    if assignment.end_date is None:
        return _("từ %(start)s") % {"start": start}
    end = date_format(assignment.end_date, "SHORT_DATE_FORMAT")
    return _("từ %(start)s đến %(end)s") % {"start": start, "end": end}


def _domain_errors(activity: SupportActivity) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if activity.date and not activity.assignment.covers(activity.date):
        errors["date"] = [
            _("Ngày hoạt động phải nằm trong thời gian phân công (%(period)s).")
            % {"period": _period_text(activity)}
        ]
    for name in ("amount", "quantity", "labour_days", "beneficiaries"):
        value = getattr(activity, name)
        if value is not None and value < 0:
            errors[name] = [_("Giá trị không được âm.")]
    if activity.village_id and activity.village.commune_id != activity.assignment.commune_id:
        errors["village"] = [_("Thôn này không thuộc xã được giúp đỡ.")]
    if activity.beneficiaries is not None and not activity.beneficiary_unit:
        errors["beneficiary_unit"] = [_("Hãy chọn đơn vị: hộ hay người.")]
    return errors


def _validate(activity: SupportActivity, evidence_files: Iterable[UploadedFile]) -> None:
    errors = _domain_errors(activity)
    evidence_errors = [message for file in evidence_files if (message := _evidence_error(file))]
    if evidence_errors:
        errors["evidence"] = evidence_errors
    if errors:
        raise ValidationError(errors)
    activity.full_clean(exclude=["created_by", "updated_by"])


def _evidence_error(file: UploadedFile) -> str | None:
    file.seek(0)
    head = file.read(rules.EVIDENCE_HEAD_BYTES)
    file.seek(0)
    max_bytes = settings.EVIDENCE_MAX_BYTES
    problem = rules.evidence_problem(
        name=file.name or "", head=head, size=file.size or 0, max_bytes=max_bytes
    )
    params = {"name": file.name, "max": max_bytes // (1024 * 1024)}
    if problem == rules.TOO_LARGE:
        return _("Tệp “%(name)s” quá lớn: tối đa %(max)s MB.") % params
    if problem == rules.EMPTY:
        return _("Tệp “%(name)s” rỗng.") % params
    if problem == rules.WRONG_TYPE:
        return (
            _("Tệp “%(name)s” không đúng loại cho phép (ảnh JPG, PNG; tài liệu PDF, DOCX, XLSX).")
            % params
        )
    return None


def _store_evidence(
    *, activity: SupportActivity, files: Iterable[UploadedFile], user: User
) -> None:
    for file in files:
        file.seek(0)
        content_type = rules.evidence_content_type(
            name=file.name or "", head=file.read(rules.EVIDENCE_HEAD_BYTES)
        )
        file.seek(0)
        Evidence.objects.create(
            activity=activity,
            file=file,
            original_name=file.name[:255],
            content_type=content_type or "",
            size=file.size,
            uploaded_by=user,
        )


@transaction.atomic
def activity_create(
    *,
    assignment: Any,
    user: User,
    target_criteria: Iterable[Criterion] = (),
    evidence_files: Iterable[UploadedFile] = (),
    is_sample: bool = False,
    **fields: Any,
) -> SupportActivity:
    """Record an activity against an assignment; the agency comes from the assignment."""
    evidence_files = list(evidence_files)
    activity = SupportActivity(
        assignment=assignment,
        created_by=user,
        updated_by=user,
        is_sample=is_sample,
        **_pick(fields),
    )
    _validate(activity, evidence_files)
    save_with_history(activity, user=user, m2m={"target_criteria": target_criteria})
    activity_summaries_move(before=None, after=counted(activity))
    _store_evidence(activity=activity, files=evidence_files, user=user)
    return activity


@transaction.atomic
def activity_update(
    *,
    activity: SupportActivity,
    user: User,
    expected_version: int,
    target_criteria: Iterable[Criterion] | None = None,
    evidence_files: Iterable[UploadedFile] = (),
    **fields: Any,
) -> SupportActivity:
    """Change an activity if nobody else did since ``expected_version`` was read."""
    evidence_files = list(evidence_files)
    for name, value in _pick(fields).items():
        setattr(activity, name, value)
    _validate(activity, evidence_files)
    _claim_version(activity, expected_version)
    before = counted_saved(activity)  # the row is ours now: the claim locked it
    activity.updated_by = user
    save_with_history(activity, user=user, m2m={"target_criteria": target_criteria})
    activity_summaries_move(before=before, after=counted(activity))
    _store_evidence(activity=activity, files=evidence_files, user=user)
    return activity


@transaction.atomic
def activity_delete(*, activity: SupportActivity, user: User, expected_version: int) -> None:
    """Delete an activity (and its evidence) if it is still the version the user confirmed."""
    _claim_version(activity, expected_version)
    activity_summaries_move(before=counted_saved(activity), after=None)
    for evidence in activity.evidence.all():
        storage, name = evidence.file.storage, evidence.file.name
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
    activity._history_user = user
    activity.delete()


@transaction.atomic
def evidence_delete(*, evidence: Evidence, user: User) -> None:
    storage, name = evidence.file.storage, evidence.file.name
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(name))


def _claim_version(activity: SupportActivity, expected_version: int) -> None:
    claim_version(activity, expected_version, updated_at=timezone.now())


def _pick(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise TypeError(f"unknown activity fields: {sorted(unknown)}")
    return fields
