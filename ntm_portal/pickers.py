"""Searchable pickers for long choice lists (every commune or agency of the country).

A picker renders a <select> holding only the empty choice and the chosen value, so the page costs
the same at 100 or 10,000 communes, followed by a search box:

- without JavaScript the search box is submitted with the form (``<name>_search``) and the field
  resolves it on the server (a code or a name; "xuan lac" finds "Xuân Lạc"); an unknown or
  ambiguous text is a form error naming the candidates;
- with JavaScript (static/js/picker.js) the search box asks the API (``data-picker-url``) as the
  user types and fills the select with the matches.

The field's value stays the primary key, so links and API clients keep sending ``?commune=12``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ntm_portal.text import fold

# How many candidates an ambiguous search names in its error.
CANDIDATES = 5

Lookup = Callable[[QuerySet, str], list[Model]]


class SearchText(str):
    """Text typed in a picker's search box (as opposed to a primary key from its select)."""


def name_lookup(*fields: str, code: str | None = None, folded: str | None = None) -> Lookup:
    """A lookup trying, in turn: the code exactly, a name exactly, then names containing the text;
    the first step that matches anything wins (so "Xuân Lạc" does not also match "Xuân Lạc 2")."""

    def steps(text: str) -> list[Q]:
        key = fold(text)
        exact, contains = Q(), Q()
        for field in fields:
            exact |= Q(**{f"{field}__iexact": text})
            contains |= Q(**{f"{field}__icontains": text})
        if folded:
            exact |= Q(**{folded: key})
            contains |= Q(**{f"{folded}__contains": key})
        return ([Q(**{code: text})] if code else []) + [exact, contains]

    def lookup(queryset: QuerySet, text: str) -> list[Model]:
        for condition in steps(text):
            rows = list(queryset.filter(condition)[: CANDIDATES + 1])
            if rows:
                return rows
        return []

    return lookup


class PickerSelect(forms.Select):
    """The select of a picker: the empty choice and the chosen one, then the search box."""

    template_name = ""

    def __init__(self, *, url: str = "", search_label: str = "", attrs: dict | None = None):
        super().__init__(attrs)
        self.url = url
        self.search_label = search_label

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        text = (data.get(f"{name}_search") or "").strip()
        return SearchText(text) if text else data.get(name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and f"{name}_search" not in data

    def render(self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None) -> str:
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        select_id = final_attrs.get("id", f"id_{name}")
        search_id = f"{select_id}_search"
        final_attrs.update(
            {
                "data-picker-url": str(self.url),
                "data-picker-search": search_id,
                "data-picker-found": _("kết quả"),
            }
        )
        typed = value if isinstance(value, SearchText) else ""
        options = self._options(None if typed else value)
        search = format_html(
            '<input type="search" name="{}_search" id="{}" value="{}" aria-label="{}"'
            ' placeholder="{}" class="picker-search" autocomplete="off">',
            name,
            search_id,
            typed,
            self.search_label,
            self.search_label,
        )
        return format_html(
            '<span class="picker"><select{}>{}</select>{}</span>',
            flatatt(final_attrs),
            options,
            search,
        )

    def _options(self, value: Any) -> str:
        empty = format_html('<option value="">{}</option>', self._empty_label())
        chosen = self._chosen(value)
        if chosen is None:
            return empty
        key, label = chosen
        return format_html('{}<option value="{}" selected>{}</option>', empty, key, label)

    def _empty_label(self) -> str:
        field = getattr(self.choices, "field", None)
        label = getattr(field, "empty_label", None)
        return "" if label is None else label

    def _chosen(self, value: Any) -> tuple[str, str] | None:
        if isinstance(value, list | tuple):
            value = value[0] if value else None
        if value in (None, ""):
            return None
        field = self.choices.field
        if isinstance(value, Model):
            return str(value.pk), field.label_from_instance(value)
        try:
            instance = field.queryset.filter(pk=value).first()
        except (ValueError, TypeError, ValidationError):
            return None
        if instance is None:
            return None
        return str(instance.pk), field.label_from_instance(instance)


class PickerMixin:
    """Resolves a search box's text through ``lookup``; a primary key goes the usual way."""

    default_error_messages = {
        "picker_unknown": _("Không tìm thấy “%(text)s”. Nhập mã hoặc tên khác."),
        "picker_ambiguous": _(
            "“%(text)s” khớp với nhiều mục: %(candidates)s. Hãy nhập mã hoặc tên đầy đủ."
        ),
    }

    def __init__(
        self,
        *args: Any,
        lookup: Lookup,
        url: Any = "",
        search_label: Any = "",
        describe: Callable[[Any], str] | None = None,
        **kwargs: Any,
    ) -> None:
        label = search_label or _("Tìm")
        kwargs["widget"] = PickerSelect(url=url, search_label=label)
        self.lookup = lookup
        self.describe = describe
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        return self.describe(obj) if self.describe else super().label_from_instance(obj)

    def bound_data(self, data: Any, initial: Any) -> Any:
        resolved = self.__dict__.get("resolved", {})
        return resolved.get(data, data) if isinstance(data, SearchText) else data

    def to_python(self, value: Any) -> Any:
        if not isinstance(value, SearchText):
            return super().to_python(value)
        rows = self.lookup(self.queryset, str(value))
        if len(rows) == 1:
            # Shown as the select's choice when the page renders again (bound_data).
            self.__dict__.setdefault("resolved", {})[value] = rows[0]
            return rows[0]
        if not rows:
            raise ValidationError(
                self.error_messages["picker_unknown"], code="picker_unknown", params={"text": value}
            )
        label = self.label_from_instance
        names = ", ".join(_candidate(label(row), row) for row in rows[:CANDIDATES])
        raise ValidationError(
            self.error_messages["picker_ambiguous"],
            code="picker_ambiguous",
            params={"text": value, "candidates": names + ("…" if len(rows) > CANDIDATES else "")},
        )


def _candidate(label: str, row: Any) -> str:
    code = getattr(row, "code", "")
    return f"{label} – {code}" if code else label


class PickerField(PickerMixin, forms.ModelChoiceField):
    """A form's searchable choice of one row of a long list."""


class PickerFilterField(PickerMixin, django_filters.fields.ModelChoiceField):
    pass


class PickerFilter(django_filters.ModelChoiceFilter):
    """A FilterSet's searchable choice: ``PickerFilter(lookup=…, url=…, queryset=…)``."""

    field_class = PickerFilterField
