"""The agency picker of every filter and form that chooses an agency (ntm_portal.pickers)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from ntm_portal.pickers import PickerField, PickerFilter, name_lookup

agency_lookup = name_lookup("name", "short_name")


def _picker_kwargs() -> dict[str, Any]:
    return {
        "lookup": agency_lookup,
        "url": reverse_lazy("sponsorships-api:agency-list"),
        "search_label": _("Tìm theo tên"),
    }


def agency_filter(**kwargs: Any) -> PickerFilter:
    return PickerFilter(**_picker_kwargs(), **kwargs)


def agency_field(**kwargs: Any) -> PickerField:
    return PickerField(**_picker_kwargs(), **kwargs)
