"""Small helpers shared by the sponsorship pages: role gate, 403, pagination, service errors."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.paginator import Page
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from ntm_portal import pagination
from ntm_portal.permissions import has_portal_role

PAGE_SIZE = 25


def role_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Logged in (the middleware) and holding a portal role; an account without a role gets 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not has_portal_role(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def require(allowed: bool) -> None:
    """In scope but not allowed: 403 (outside scope was already a 404 from the selector)."""
    if not allowed:
        raise PermissionDenied


def paginate(request: HttpRequest, queryset: QuerySet | list, per_page: int = PAGE_SIZE) -> Page:
    return pagination.paginate(request, queryset, per_page)


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form's fields (unknown names go to the top)."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, errors in exc.error_dict.items():
        field = name if name in form.fields else None
        if name == NON_FIELD_ERRORS:
            field = None
        form.add_error(field, errors)
