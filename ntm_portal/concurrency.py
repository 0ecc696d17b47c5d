"""Optimistic concurrency, one definition for every app: two people editing one record do not
silently overwrite each other."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F, Model
from django.utils.translation import gettext_lazy as _


class ConcurrentUpdateError(ValidationError):
    """Someone else saved the record after it was read; nothing was written."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Bản ghi đã được người khác cập nhật trong lúc bạn đang sửa. Thay đổi của bạn chưa "
                "được lưu: hãy xem lại bản mới nhất rồi nhập lại."
            ),
            code="conflict",
        )


def claim_version(instance: Model, expected_version: int, **also: Any) -> None:
    """The real guard: a conditional UPDATE that only the first writer wins.

    ``instance.version`` is moved on with the row, so a later save() keeps the new number.
    """
    model = type(instance)
    won = model.objects.filter(pk=instance.pk, version=expected_version).update(
        version=F("version") + 1, **also
    )
    if not won:
        raise ConcurrentUpdateError()
    instance.version = expected_version + 1
