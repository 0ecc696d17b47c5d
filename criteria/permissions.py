"""Who may enter assessments. Pure predicates over the user's role and the commune's id.

- coordination office: any commune, any stage (self-assessment on a commune's behalf, appraisal);
- commune officer: only the self-assessment of their own commune;
- leader, agency staff, accounts without a role: never.
"""

from __future__ import annotations

from communes.models import Commune
from criteria.models import Assessment
from ntm_portal.permissions import PortalUser, is_commune_officer, is_coordination_office


def can_create_assessment(user: PortalUser, commune: Commune, stage: str) -> bool:
    if is_coordination_office(user):
        return stage in Assessment.Stage.values
    return (
        is_commune_officer(user)
        and user.commune_id == commune.pk
        and stage == Assessment.Stage.SELF_ASSESSED
    )


def can_create_any_assessment(user: PortalUser) -> bool:
    """Whether the user may enter an assessment at all (the API checks this before the body)."""
    return is_coordination_office(user) or is_commune_officer(user)


def assessment_stages_allowed(user: PortalUser, commune: Commune) -> list[str]:
    """The stages the user may enter for this commune, in workflow order (empty: none)."""
    return [
        stage for stage in Assessment.Stage.values if can_create_assessment(user, commune, stage)
    ]


def can_import_assessments(user: PortalUser) -> bool:
    """Importing a province's assessments from a spreadsheet: the coordination office only."""
    return is_coordination_office(user)


def can_import_criteria_set(user: PortalUser) -> bool:
    """Loading or changing a criteria set (reference data): the coordination office only
    (a superuser counts as the office)."""
    return is_coordination_office(user)
