"""Exemplary people and models: a commune records its own, the office any. Photos pass the
same checks as activity evidence (sponsorships.rules: type by magic bytes, size limit), and
only images (JPG, PNG) are taken."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from campaigns.models import Exemplary, ExemplaryPhoto
from ntm_portal.models import User
from sponsorships import rules

EXEMPLARY_FIELDS = ("kind", "name", "commune", "village", "category", "achievement", "campaign")
PHOTO_TYPES = ("image/jpeg", "image/png")


def _head(file: UploadedFile) -> bytes:
    file.seek(0)
    head = file.read(rules.EVIDENCE_HEAD_BYTES)
    file.seek(0)
    return head


def photo_error(file: UploadedFile) -> str | None:
    max_bytes = settings.EVIDENCE_MAX_BYTES
    name, head = file.name or "", _head(file)
    problem = rules.evidence_problem(name=name, head=head, size=file.size or 0, max_bytes=max_bytes)
    params = {"name": file.name, "max": max_bytes // (1024 * 1024)}
    if problem == rules.TOO_LARGE:
        return _("Tệp “%(name)s” quá lớn: tối đa %(max)s MB.") % params
    if problem == rules.EMPTY:
        return _("Tệp “%(name)s” rỗng.") % params
    if problem or rules.evidence_content_type(name=name, head=head) not in PHOTO_TYPES:
        return _("Tệp “%(name)s” không phải ảnh JPG hoặc PNG.") % params
    return None


def _validate(exemplary: Exemplary, photos: Iterable[UploadedFile]) -> None:
    errors = [message for file in photos if (message := photo_error(file))]
    if errors:
        raise ValidationError({"photos": errors})
    exemplary.full_clean(exclude=["recorded_by"])


def _store(exemplary: Exemplary, photos: Iterable[UploadedFile], user: User | None) -> None:
    for file in photos:
        ExemplaryPhoto.objects.create(
            exemplary=exemplary,
            file=file,
            original_name=(file.name or "")[:255],
            content_type=rules.evidence_content_type(name=file.name or "", head=_head(file)) or "",
            size=file.size or 0,
            uploaded_by=user,
        )


def _set(exemplary: Exemplary, fields: dict[str, Any]) -> None:
    for name in EXEMPLARY_FIELDS:
        if name in fields:
            value = fields[name]
            setattr(exemplary, name, "" if value is None and name == "village" else value)


@transaction.atomic
def exemplary_create(
    *,
    user: User | None,
    photos: Iterable[UploadedFile] = (),
    is_sample: bool = False,
    **fields: Any,
) -> Exemplary:
    photos = list(photos)
    exemplary = Exemplary(recorded_by=user, is_sample=is_sample)
    _set(exemplary, fields)
    _validate(exemplary, photos)
    exemplary.save()
    _store(exemplary, photos, user)
    return exemplary


@transaction.atomic
def exemplary_update(
    *, exemplary: Exemplary, user: User | None, photos: Iterable[UploadedFile] = (), **fields: Any
) -> Exemplary:
    photos = list(photos)
    _set(exemplary, fields)
    _validate(exemplary, photos)
    exemplary.save()
    _store(exemplary, photos, user)
    return exemplary


@transaction.atomic
def exemplary_delete(*, exemplary: Exemplary, user: User | None) -> None:
    for photo in exemplary.photos.all():
        photo.file.delete(save=False)
    exemplary.delete()
