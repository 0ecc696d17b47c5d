"""Community contributions: a commune records its own; the office may record for any.

Every write keeps the contribution summaries (campaigns.services.contribution_summaries) in its
transaction."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from campaigns.models import Contribution
from campaigns.services import contribution_summaries as summaries
from ntm_portal.models import User

CONTRIBUTION_FIELDS = (
    "commune",
    "village",
    "period_start",
    "period_end",
    "land_m2",
    "labour_days",
    "money",
    "goods_value",
    "contributors",
    "note",
)
AMOUNTS = ("land_m2", "labour_days", "money", "goods_value")


def _check(contribution: Contribution) -> None:
    errors: dict[str, list[str]] = {}
    for name in AMOUNTS:
        value = getattr(contribution, name)
        if value is not None and value < 0:
            errors[name] = [_("Không được nhập số âm.")]
    start, end = contribution.period_start, contribution.period_end
    if start and end and end < start:
        errors["period_end"] = [_("Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.")]
    village = contribution.village
    if village is not None and village.commune_id != contribution.commune_id:
        errors["village"] = [_("Thôn này không thuộc xã đã chọn.")]
    if errors:
        raise ValidationError(errors)


def _save(contribution: Contribution, fields: dict[str, Any]) -> Contribution:
    old = summaries.counted_in_database(contribution.pk) if contribution.pk else None
    for name in CONTRIBUTION_FIELDS:
        if name in fields:
            value = fields[name]
            if name in AMOUNTS and value is None:
                value = 0
            if name in ("contributors", "note") and value is None:
                value = ""
            setattr(contribution, name, value)
    _check(contribution)
    contribution.full_clean(exclude=["recorded_by"])
    contribution.save()
    summaries.summaries_move(old=old, new=summaries.counted(contribution))
    return contribution


@transaction.atomic
def contribution_create(
    *, user: User | None, is_sample: bool = False, **fields: Any
) -> Contribution:
    return _save(Contribution(recorded_by=user, is_sample=is_sample), fields)


@transaction.atomic
def contribution_update(
    *, contribution: Contribution, user: User | None, **fields: Any
) -> Contribution:
    return _save(contribution, fields)


@transaction.atomic
def contribution_delete(*, contribution: Contribution, user: User | None) -> None:
    old = summaries.counted_in_database(contribution.pk)
    contribution.delete()
    summaries.summaries_move(old=old, new=None)
