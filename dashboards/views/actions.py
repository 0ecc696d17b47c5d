"""/dashboards/actions/: what needs action, every list with its count; filters in the URL."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from dashboards.forms import ActionFilterForm
from dashboards.selectors.actions import CAP, action_board
from ntm_portal.permissions import has_portal_role


@require_GET
def action_list_view(request: HttpRequest) -> HttpResponse:
    """Read only, for every portal role; an account without a role gets 403."""
    if not has_portal_role(request.user):
        raise PermissionDenied
    form = ActionFilterForm(request.GET)
    board = None
    if form.is_valid():
        board = action_board(
            user=request.user,
            filters=form.filters(),
            only=form.cleaned_data.get("list") or None,
            page=form.cleaned_data.get("page") or 1,
        )
    context = {"form": form, "board": board, "cap": CAP}
    return render(request, "dashboards/action_list.html", context)
