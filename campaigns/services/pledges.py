"""Pledges: an agency or a commune registers for a campaign with what it commits to, by when.

Who the pledge is for is decided by the caller from the user (an agency's staff pledge for their
agency, a commune officer for their commune); the office may register for anyone.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from campaigns.models import Campaign, Pledge
from ntm_portal.models import User

PLEDGE_FIELDS = ("content", "due_date", "target_criteria_gained", "target_amount")


def _check(pledge: Pledge) -> None:
    campaign = pledge.campaign
    if (pledge.agency_id is None) == (pledge.commune_id is None):
        raise ValidationError({"agency": [_("Chọn một cơ quan hoặc một xã đăng ký.")]})
    for name in ("target_criteria_gained", "target_amount"):
        value = getattr(pledge, name)
        if value is not None and value < 0:
            raise ValidationError({name: [_("Giá trị cam kết không được là số âm.")]})
    if pledge.due_date and not campaign.covers(pledge.due_date):
        raise ValidationError(
            {
                "due_date": [
                    _(
                        "Thời hạn cam kết phải nằm trong thời gian của phong trào "
                        "(%(start)s – %(end)s)."
                    )
                    % {
                        "start": date_format(campaign.start_date, "SHORT_DATE_FORMAT"),
                        "end": date_format(campaign.end_date, "SHORT_DATE_FORMAT"),
                    }
                ]
            }
        )


@transaction.atomic
def pledge_create(
    *,
    campaign: Campaign,
    user: User | None,
    agency: Any = None,
    commune: Any = None,
    is_sample: bool = False,
    **fields: Any,
) -> Pledge:
    pledge = Pledge(
        campaign=campaign,
        agency=agency,
        commune=commune,
        registered_by=user,
        is_sample=is_sample,
        **{name: fields[name] for name in PLEDGE_FIELDS if name in fields},
    )
    _check(pledge)
    pledge.full_clean(exclude=["registered_by"])
    pledge.save()
    return pledge


@transaction.atomic
def pledge_delete(*, pledge: Pledge, user: User | None) -> None:
    pledge.delete()
