"""Awards: proposal → review → decision, the coordination office's job (callers check).

A title (danh hiệu) is only proposed for the kind of subject it is for (a cờ thi đua for a
collective); an award form for any. A decision needs its number and date. The quota rule is a
warning, not a refusal (campaigns.selectors.awards.award_quota).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from campaigns.models import Award, Campaign
from ntm_portal.concurrency import ConcurrentUpdateError, claim_version
from ntm_portal.models import User

__all__ = ["ConcurrentUpdateError", "award_decide", "award_propose", "award_review"]

PROPOSAL_FIELDS = (
    "title",
    "form",
    "recipient_kind",
    "recipient_name",
    "agency",
    "commune",
    "reason",
)


def _check_proposal(award: Award) -> None:
    if (award.title is None) == (award.form is None):
        raise ValidationError(
            {
                "title": [
                    _("Chọn một danh hiệu thi đua hoặc một hình thức khen thưởng, không cả hai.")
                ]
            }
        )
    title = award.title
    if title is not None and title.recipient_kind != award.recipient_kind:
        raise ValidationError(
            {
                "title": [
                    _("Danh hiệu “%(title)s” chỉ xét cho đối tượng: %(kind)s.")
                    % {"title": title.name, "kind": title.get_recipient_kind_display().lower()}
                ]
            }
        )


@transaction.atomic
def award_propose(
    *, campaign: Campaign, user: User | None, is_sample: bool = False, **fields: Any
) -> Award:
    award = Award(campaign=campaign, proposed_by=user, is_sample=is_sample)
    for name in PROPOSAL_FIELDS:
        if name in fields:
            setattr(award, name, fields[name])
    _check_proposal(award)
    award.full_clean(exclude=["proposed_by"])
    award.save()
    return award


def _require_status(award: Award, *allowed: str) -> None:
    if award.status not in allowed:
        raise ValidationError(
            _("Đề nghị đang ở trạng thái “%(status)s”, không thực hiện được thao tác này.")
            % {"status": award.get_status_display()},
            code="invalid_status",
        )


@transaction.atomic
def award_review(
    *, award: Award, user: User | None, expected_version: int, approve: bool, note: str = ""
) -> Award:
    """The council's review: forward the proposal for decision, or turn it down (with why)."""
    _require_status(award, Award.Status.PROPOSED)
    if not approve and not note.strip():
        raise ValidationError({"review_note": [_("Hãy ghi lý do không đề nghị.")]})
    claim_version(award, expected_version)
    award.status = Award.Status.REVIEWED if approve else Award.Status.REJECTED
    award.review_note = note
    award.save(update_fields=["status", "review_note", "updated_at"])
    return award


@transaction.atomic
def award_decide(
    *,
    award: Award,
    user: User | None,
    expected_version: int,
    decision_number: str,
    decision_date: dt.date | None,
    signer: str = "",
) -> Award:
    """Record the award decision: number, date and signer."""
    _require_status(award, Award.Status.REVIEWED)
    errors = {}
    if not (decision_number or "").strip():
        errors["decision_number"] = [_("Quyết định khen thưởng phải có số quyết định.")]
    if decision_date is None:
        errors["decision_date"] = [_("Quyết định khen thưởng phải có ngày ký.")]
    if errors:
        raise ValidationError(errors)
    claim_version(award, expected_version)
    award.status = Award.Status.DECIDED
    award.decision_number = decision_number.strip()
    award.decision_date = decision_date
    award.signer = signer
    award.full_clean(exclude=["proposed_by"])
    award.save()
    return award
