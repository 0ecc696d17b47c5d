"""The office's choice of which assessment counts, and moving "current" when it changes.

Every store follows the rule in force (storage); changing it re-marks the current assessment
of every commune, rewrites the communes' cache, relinks the previous assessments and rebuilds
the summary tables, all in one transaction with every commune locked, so no entry interleaves.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from communes.models import Commune
from criteria.models import Assessment, CriterionResult, CurrentRule, CurrentRuleChange
from criteria.selectors import assessments_ranked, current_rule
from criteria.services.storage import CACHE_SOURCES, link_previous
from criteria.services.summaries import summaries_rebuild
from criteria.services.validation import invalid
from ntm_portal.models import User
from ntm_portal.permissions import is_coordination_office


@transaction.atomic
def current_rule_set(*, rule: str, changed_by: User) -> CurrentRuleChange | None:
    """Record the office's choice (who, when) and apply it; None when it is already in force."""
    if not is_coordination_office(changed_by):
        raise PermissionDenied(_("Chỉ Văn phòng Điều phối được thay đổi cách tính kết quả."))
    if rule not in CurrentRule.values:
        raise invalid("rule", _("Cách tính kết quả không hợp lệ."))
    _lock_communes()
    if rule == current_rule():
        return None
    change = CurrentRuleChange.objects.create(rule=rule, changed_by=changed_by)
    currents_recompute(rule=rule)
    return change


@transaction.atomic
def current_rule_apply() -> None:
    """Apply the rule in force to every commune (after a migration or a bulk load)."""
    _lock_communes()
    currents_recompute(rule=current_rule())


def _lock_communes() -> None:
    list(Commune.objects.select_for_update().order_by("pk").values_list("pk", flat=True))


def currents_recompute(*, rule: str) -> None:
    """Mark each commune's best assessment by ``rule`` current, then everything that follows
    from "current" (a fixed number of queries, whatever the number of communes)."""
    best = assessments_ranked(rule).filter(commune_id=OuterRef("pk")).values("pk")[:1]
    winners = list(
        Commune.objects.annotate(best=Subquery(best))
        .filter(best__isnull=False)
        .values_list("best", flat=True)
    )
    Assessment.objects.filter(is_current=True).exclude(pk__in=winners).update(is_current=False)
    Assessment.objects.filter(pk__in=winners).update(is_current=True)
    CriterionResult.objects.filter(is_current=True).exclude(assessment_id__in=winners).update(
        is_current=False
    )
    CriterionResult.objects.filter(assessment_id__in=winners).update(is_current=True)
    _rewrite_cache()
    link_previous(rule=rule)
    summaries_rebuild()


def _rewrite_cache() -> None:
    """The communes' copy of their current assessment's figures (storage._write_cache)."""
    current = Assessment.objects.filter(commune_id=OuterRef("pk"), is_current=True)
    assessed = Assessment.objects.filter(is_current=True).values("commune_id")
    Commune.objects.filter(pk__in=assessed).update(
        **{field: Subquery(current.values(source)[:1]) for field, source in CACHE_SOURCES.items()}
    )
