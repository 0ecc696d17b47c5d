"""Filter pieces shared by every app's FilterSets."""

from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F, Model, QuerySet
from django.db.models.constants import LOOKUP_SEP
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from ntm_portal.forms import PeriodField

# What PeriodField accepts (periods.parse_month), as the API documents it; the year has no
# leading zero, as date() refuses year 0.
PERIOD_PATTERN = r"^([1-9]\d{3}-(0[1-9]|1[0-2])|(0?[1-9]|1[0-2])/[1-9]\d{3})$"


class YesNoSelect(forms.Select):
    """A yes/no filter select whose empty choice reads "all", not Django's "unknown"."""

    def __init__(self, attrs=None):
        choices = [("", _("Tất cả")), ("true", _("Có")), ("false", _("Không"))]
        super().__init__(attrs, choices)

    def format_value(self, value):
        return [{True: "true", False: "false", "true": "true", "false": "false"}.get(value, "")]


class YesNoField(forms.NullBooleanField):
    """ "true", "false", or empty for all; anything else is an error (Django's field would read
    ?is_late=maybe as "all" without a word)."""

    def to_python(self, value):
        if value not in (None, "", True, False, "true", "false"):
            raise ValidationError(
                forms.ChoiceField.default_error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)


@extend_schema_field(OpenApiTypes.BOOL)
class YesNoFilter(django_filters.BooleanFilter):
    field_class = YesNoField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", YesNoSelect)
        super().__init__(*args, **kwargs)


@extend_schema_field(
    {
        "type": "string",
        "pattern": PERIOD_PATTERN,
        "example": "2026-10",
        "description": "A month: YYYY-MM (2026-10) or MM/YYYY (10/2026).",
    }
)
class PeriodFilter(django_filters.Filter):
    """A month, typed as on the pages (MM/YYYY) or as links and the API write it (YYYY-MM)."""

    field_class = PeriodField


class NullsLastOrderingFilter(django_filters.OrderingFilter):
    """Sorting with empty values last in both directions, then a stable tie-break
    (``tie_break``: field names), so equal rows do not swap places between pages."""

    def __init__(self, *args: Any, tie_break: tuple[str, ...] = ("pk",), **kwargs: Any) -> None:
        self.tie_break = tie_break
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet, value: list[str] | None) -> QuerySet:
        if not value:
            return qs
        ordering = [
            _nulls_last(qs.model, self.param_map[v.lstrip("-")], v.startswith("-")) for v in value
        ]
        return qs.order_by(*ordering, *self.tie_break)


def _nulls_last(model: type[Model], path: str, descending: bool) -> Any:
    """The order by ``path``, empty values last. Said only where a value can be empty: PostgreSQL
    reads "name DESC NULLS LAST" from no plain index, even on a column that is never NULL."""
    expression = F(path)
    if not _may_be_null(model, path):
        return expression.desc() if descending else expression.asc()
    return expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True)


def _may_be_null(model: type[Model], path: str) -> bool:
    for name in path.split(LOOKUP_SEP):
        field = model._meta.get_field(name)
        if field.null or not field.concrete:  # a reverse relation may find no row
            return True
        model = field.related_model
    return False


def filtered_queryset(filterset: django_filters.FilterSet) -> QuerySet:
    """One behaviour for every filtered list: an invalid filter lists nothing (the page shows the
    error), never the whole list with the bad value silently dropped."""
    if filterset.is_bound and not filterset.is_valid():
        return filterset.queryset.none()
    return filterset.qs
