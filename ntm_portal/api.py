"""API conventions shared by every app: pagination and the exception handler.

The error responses these produce are documented in the schema by ntm_portal/api_schema.py."""

from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, filters, pagination, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler


class KeysetPagination(pagination.CursorPagination):
    """Keyset pages in a stable order (``cursor_ordering`` of the view, else by id): each page
    costs the same however deep, so a client syncing everything pays O(n). Rows added while a
    client pages appear at the end; no count is given."""

    ordering = "pk"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_ordering(self, request: Request, queryset: Any, view: Any) -> tuple[str, ...]:
        ordering = getattr(view, "cursor_ordering", self.ordering)
        return (ordering,) if isinstance(ordering, str) else tuple(ordering)

    def decode_cursor(self, request: Request) -> Any:
        try:
            return super().decode_cursor(request)
        except exceptions.NotFound as exc:
            raise exceptions.ValidationError({self.cursor_query_param: [exc.detail]}) from exc


class CountedPaginator(Paginator):
    """Django's paginator, told its count when the caller knows it without counting rows."""

    def __init__(self, object_list: Any, per_page: int, count: int | None = None) -> None:
        super().__init__(object_list, per_page)
        if count is not None:
            self.count = count  # in place of the cached COUNT(*)


COUNT_DESCRIPTION = (
    "Rows matching the filters (page numbers only: keyset pages, `?cursor=`, have none). "
    "A list that keeps a summary on write reads it from there for the filters its "
    "description names, at the same cost whatever the size; otherwise the matching rows "
    "are counted."
)


class StandardPagination(pagination.PageNumberPagination):
    """Page numbers from 1; a page_size that is not a positive integer is a 400 (DRF would
    silently use the default), one above max_page_size is capped, an empty one is the default
    (as an empty ?page= is page 1).

    ``?cursor=`` (empty for the first page) switches to keyset pages (KeysetPagination): the
    same results without ``count``, ``next`` carrying the cursor of the following page; a
    page number beside it is a 400 (it would be ignored).

    ``count`` is the view's ``list_count(queryset)`` when it has one and that gives a number
    (read from a summary kept on write: a COUNT over a million rows is what made a first page
    grow with the country), else the rows counted."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    cursor_query_param = "cursor"
    keyset: KeysetPagination | None = None

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> Any:
        if self.cursor_query_param not in request.query_params:
            list_count = getattr(view, "list_count", None)
            count = list_count(queryset) if list_count else None
            self.django_paginator_class = partial(CountedPaginator, count=count)
            return super().paginate_queryset(queryset, request, view)
        if request.query_params.get(self.page_query_param, ""):
            raise exceptions.ValidationError(
                {self.page_query_param: [_("Trang có cursor không dùng số trang; bỏ page.")]}
            )
        self.keyset = KeysetPagination()
        self.keyset.get_page_size = self.get_page_size
        return self.keyset.paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data: Any) -> Response:
        if self.keyset is not None:
            return self.keyset.get_paginated_response(data)
        return super().get_paginated_response(data)

    def get_page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw in (None, ""):
            return self.page_size
        try:
            size = serializers.IntegerField(min_value=1).run_validation(raw)
        except exceptions.ValidationError as exc:
            raise exceptions.ValidationError({self.page_size_query_param: exc.detail}) from exc
        return min(size, self.max_page_size)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
        cursor = {
            "name": self.cursor_query_param,
            "required": False,
            "in": "query",
            "description": "Keyset pages: empty for the first, then the cursor of `next`. "
            "Stable order by id, no `count`, the same cost on every page.",
            "schema": {"type": "string"},
        }
        return [*parameters, cursor]

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        response = super().get_paginated_response_schema(schema)
        response["required"] = ["results"]  # no count with ?cursor=
        response["properties"]["count"]["description"] = COUNT_DESCRIPTION
        return response


class SearchFilter(filters.SearchFilter):
    """DRF's search, with a refused term (a NUL character) reported under its parameter, as the
    schema documents every 400 (DRF answers a bare list: found by schemathesis)."""

    def get_search_terms(self, request: Request) -> list[str]:
        try:
            return super().get_search_terms(request)
        except exceptions.ValidationError as exc:
            raise exceptions.ValidationError({self.search_param: exc.detail}) from exc


class InputSerializer(serializers.Serializer):
    """Base of every input (write) serializer: values must have the JSON type the schema gives,
    and strings its maxLength as sent.

    DRF would turn 0 into "0" for a CharField, "5" into 5 for an IntegerField or a related id,
    "true" into True: a client sending the wrong type would never learn it. It also measures a
    string after trimming its whitespace, so 65 characters passed a documented maxLength of 64.
    null is left to each field's allow_null.
    """

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            errors = {
                field.field_name: [message]
                for field in self._writable_fields
                if (message := input_error(field, data.get(field.field_name)))
            }
            if errors:
                raise exceptions.ValidationError(errors)
        return super().to_internal_value(data)


def input_error(field: serializers.Field, value: Any) -> str | None:
    """The field's own message when ``value`` has the wrong JSON type or is a string longer
    than the field's max_length, else None."""
    wrong_type = wrong_json_type(field, value)
    if wrong_type or not isinstance(field, serializers.CharField) or field.max_length is None:
        return wrong_type
    if isinstance(value, str) and len(value) > field.max_length:
        return str(field.error_messages["max_length"]).format(max_length=field.max_length)
    return None


def wrong_json_type(field: serializers.Field, value: Any) -> str | None:
    """The field's own "wrong type" message when ``value`` is not of its JSON type, else None."""
    if value is None:
        return None
    if isinstance(field, serializers.ManyRelatedField) and isinstance(value, list):
        wrong = (wrong_json_type(field.child_relation, item) for item in value)
        return next((message for message in wrong if message), None)
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    if isinstance(field, serializers.BooleanField):
        ok, key = isinstance(value, bool), "invalid"
    elif isinstance(field, serializers.IntegerField):
        ok, key = is_number and isinstance(value, int), "invalid"
    elif isinstance(field, serializers.DecimalField | serializers.FloatField):
        ok, key = is_number, "invalid"
    elif isinstance(field, serializers.PrimaryKeyRelatedField):
        ok, key = is_number and isinstance(value, int), "incorrect_type"
    elif isinstance(field, serializers.CharField):
        ok, key = isinstance(value, str), "invalid"
    else:
        return None
    if ok:
        return None
    return str(field.error_messages[key]).format(data_type=type(value).__name__)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Service-layer Django errors become DRF errors: ValidationError → 400 with field errors."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    return drf_exception_handler(exc, context)
