"""Writes of campaigns (the coordination office's job; callers check permission first).

Updates and deletes are optimistic: the caller passes the version it read; a conditional
UPDATE decides and 0 rows means someone else saved first (ntm_portal.concurrency).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from campaigns.models import Campaign
from ntm_portal.concurrency import ConcurrentUpdateError, claim_version
from ntm_portal.models import User

__all__ = ["ConcurrentUpdateError", "campaign_create", "campaign_delete", "campaign_update"]

CAMPAIGN_FIELDS = (
    "name",
    "level",
    "kind",
    "parent",
    "launched_by",
    "decision_number",
    "decision_date",
    "start_date",
    "end_date",
    "goals",
    "target_communes_standard",
    "target_criteria_gained",
    "target_money",
)


def _day(value) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _check_period(campaign: Campaign) -> None:
    start, end = campaign.start_date, campaign.end_date
    if start and end and end < start:
        raise ValidationError({"end_date": [_("Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.")]})


def _check_parent(campaign: Campaign) -> None:
    parent = campaign.parent
    if campaign.kind == Campaign.Kind.SPRINT and parent is None:
        raise ValidationError({"parent": [_("Đợt thi đua cao điểm phải thuộc một phong trào.")]})
    seen: set[int] = set()
    while parent is not None and parent.pk not in seen:
        if campaign.pk is not None and parent.pk == campaign.pk:
            raise ValidationError(
                {"parent": [_("Phong trào cha không được là chính nó hoặc đợt con của nó.")]}
            )
        seen.add(parent.pk)
        parent = parent.parent
    _check_inside_parent(campaign)


def _check_inside_parent(campaign: Campaign) -> None:
    parent = campaign.parent
    if campaign.kind != Campaign.Kind.SPRINT or parent is None or not campaign.start_date:
        return
    if campaign.start_date < parent.start_date or (
        campaign.end_date and campaign.end_date > parent.end_date
    ):
        raise ValidationError(
            {
                "start_date": [
                    _("Đợt thi đua phải nằm trong thời gian của phong trào (%(start)s – %(end)s).")
                    % {"start": _day(parent.start_date), "end": _day(parent.end_date)}
                ]
            }
        )


def _check_numbers(campaign: Campaign) -> None:
    for name in ("target_communes_standard", "target_criteria_gained", "target_money"):
        value = getattr(campaign, name)
        if value is not None and value < 0:
            raise ValidationError({name: [_("Chỉ tiêu không được là số âm.")]})


def _validate(campaign: Campaign) -> None:
    _check_numbers(campaign)
    _check_period(campaign)
    _check_parent(campaign)
    campaign.full_clean(exclude=["created_by"])


def _set_fields(campaign: Campaign, fields: dict[str, Any]) -> None:
    for name in CAMPAIGN_FIELDS:
        if name in fields:
            value = fields[name]
            setattr(campaign, name, "" if value is None and name == "decision_number" else value)


@transaction.atomic
def campaign_create(*, user: User | None, **fields: Any) -> Campaign:
    campaign = Campaign(created_by=user)
    _set_fields(campaign, fields)
    _validate(campaign)
    campaign.save()
    return campaign


@transaction.atomic
def campaign_update(
    *, campaign: Campaign, user: User | None, expected_version: int, **fields: Any
) -> Campaign:
    """Change a campaign if nobody else did since ``expected_version`` was read."""
    _set_fields(campaign, fields)
    _validate(campaign)
    claim_version(campaign, expected_version, updated_at=timezone.now())
    campaign.save()
    return campaign


@transaction.atomic
def campaign_delete(*, campaign: Campaign, user: User | None, expected_version: int) -> None:
    """Delete a campaign that has no sprints and nothing recorded against it."""
    claim_version(campaign, expected_version)
    if campaign.children.exists() or _has_records(campaign):
        raise ValidationError(
            _(
                "Không thể xóa phong trào đã có đợt thi đua, đăng ký, điển hình hoặc khen thưởng; "
                "hãy sửa thời gian của phong trào."
            ),
            code="protected",
        )
    campaign.delete()


def _has_records(campaign: Campaign) -> bool:
    related = [
        rel.get_accessor_name()
        for rel in campaign._meta.related_objects
        if rel.related_model is not Campaign and rel.one_to_many
    ]
    return any(getattr(campaign, name).exists() for name in related)
