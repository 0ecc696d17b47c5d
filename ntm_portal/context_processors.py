from django.http import HttpRequest

from ntm_portal import permissions


def portal(request: HttpRequest) -> dict:
    """Role flags and the unread-notification count for the page shell."""
    user = request.user
    unread = 0
    if user.is_authenticated:
        unread = user.notifications.filter(read_at__isnull=True).count()
    return {
        "portal_role": permissions.role_of(user),
        "is_coordination_office": permissions.is_coordination_office(user),
        "is_agency_staff": permissions.is_agency_staff(user),
        "is_commune_officer": permissions.is_commune_officer(user),
        "is_leader": permissions.is_leader(user),
        "unread_notification_count": unread,
    }
