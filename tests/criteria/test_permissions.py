"""Who may enter which assessment: every role × every stage × own or other commune."""

import pytest

from criteria.models import Assessment
from criteria.permissions import (
    assessment_stages_allowed,
    can_create_any_assessment,
    can_create_assessment,
)

SELF, APPRAISED = Assessment.Stage.SELF_ASSESSED, Assessment.Stage.APPRAISED


@pytest.mark.parametrize(
    ("role", "self_assessed", "appraised"),
    [
        ("anonymous", False, False),
        ("no_role_user", False, False),
        ("leader", False, False),
        ("agency_staff", False, False),  # helps commune A, but does not assess it
        ("other_agency_staff", False, False),
        ("commune_officer", True, False),  # commune A's own officer: self-assessment only
        ("other_commune_officer", False, False),
        ("coordination_office", True, True),
    ],
)
def test_who_may_enter_an_assessment_for_commune_a(
    request, commune_a, role, self_assessed, appraised
):
    from django.contrib.auth.models import AnonymousUser

    user = request.getfixturevalue(role) or AnonymousUser()

    assert can_create_assessment(user, commune_a, SELF) is self_assessed
    assert can_create_assessment(user, commune_a, APPRAISED) is appraised
    expected = [s for s, allowed in ((SELF, self_assessed), (APPRAISED, appraised)) if allowed]
    assert assessment_stages_allowed(user, commune_a) == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", False),
        ("no_role_user", False),
        ("leader", False),
        ("agency_staff", False),
        ("commune_officer", True),
        ("coordination_office", True),
    ],
)
def test_who_may_enter_assessments_at_all(request, role, expected):
    from django.contrib.auth.models import AnonymousUser

    user = request.getfixturevalue(role) or AnonymousUser()

    assert can_create_any_assessment(user) is expected


def test_an_unknown_stage_is_never_allowed(coordination_office, commune_a):
    assert can_create_assessment(coordination_office, commune_a, "approved") is False
