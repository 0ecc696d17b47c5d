"""/ sends each role to its own home (issue 9): the commune officer to their commune, agency
staff to "Xã tôi giúp đỡ", the office to the action lists, a leader to the overview. Lives on
the top floor because it names pages of every app; the kernel imports none of them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from ntm_portal.permissions import (
    is_agency_staff,
    is_commune_officer,
    is_coordination_office,
    is_leader,
)


def home_url(user) -> str | None:
    """The user's home page, or None for an account without a role."""
    if is_commune_officer(user):
        return reverse("communes:commune_detail", args=[user.commune_id])
    if is_agency_staff(user):
        return reverse("sponsorships:staff_home")
    if is_coordination_office(user):
        return reverse("dashboards:action_list")
    if is_leader(user):
        return reverse("dashboards:province_overview")
    return None


def home_view(request: HttpRequest) -> HttpResponse:
    url = home_url(request.user)
    if url is None:
        return render(request, "dashboards/no_role.html")
    return HttpResponseRedirect(url)
