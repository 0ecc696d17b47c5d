"""Who may write what in the campaigns app. Reading is open to every portal role (the selectors
scope); the leader reads only.

- campaigns, award lists and award decisions: the coordination office;
- pledges: an agency for itself, a commune for itself, or the office for anyone;
- contributions and exemplary people: a commune for itself, or the office.
"""

from __future__ import annotations

from typing import Any

from ntm_portal.permissions import (
    PortalUser,
    is_agency_staff,
    is_commune_officer,
    is_coordination_office,
)


def can_manage_campaigns(user: PortalUser) -> bool:
    return is_coordination_office(user)


def can_change_campaign(user: PortalUser, campaign: Any) -> bool:
    return is_coordination_office(user)


def can_register_pledges(user: PortalUser) -> bool:
    return is_coordination_office(user) or is_agency_staff(user) or is_commune_officer(user)


def can_change_pledge(user: PortalUser, pledge: Any) -> bool:
    if is_coordination_office(user):
        return True
    if is_agency_staff(user):
        return pledge.agency_id is not None and pledge.agency_id == user.agency_id
    if is_commune_officer(user):
        return pledge.commune_id is not None and pledge.commune_id == user.commune_id
    return False


def can_record_for_communes(user: PortalUser) -> bool:
    """Contributions and exemplary people: the office, or a commune officer (own commune)."""
    return is_coordination_office(user) or is_commune_officer(user)


def can_change_commune_record(user: PortalUser, record: Any) -> bool:
    if is_coordination_office(user):
        return True
    return is_commune_officer(user) and record.commune_id == user.commune_id


def can_manage_awards(user: PortalUser) -> bool:
    return is_coordination_office(user)


def can_change_award(user: PortalUser, award: Any) -> bool:
    return is_coordination_office(user)


def participant_of(user: PortalUser, data: dict) -> dict:
    """Who pledges: the user's own agency or commune; the office's choice (from ``data``)."""
    if is_agency_staff(user):
        return {"agency": user.agency, "commune": None}
    if is_commune_officer(user):
        return {"agency": None, "commune": user.commune}
    return {"agency": data.pop("agency", None), "commune": data.pop("commune", None)}
