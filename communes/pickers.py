"""The commune and district pickers of every filter and form choosing one (ntm_portal.pickers)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse_lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from communes.models import Commune
from ntm_portal.pickers import PickerField, PickerFilter, name_lookup

# A code exactly, then the folded name exactly, then folded names containing the text.
_lookup = name_lookup(code="code", folded="search_name")


def commune_lookup(queryset: QuerySet[Commune], text: str) -> list[Commune]:
    """As _lookup, but where a code or name matches an old unit and the one in force (01840 Đức
    Xuân before and after 1/7/2025), the one in force wins."""
    rows = _lookup(queryset, text)
    current = [row for row in rows if row.is_current]
    return current if current and len(rows) > 1 else rows


SEARCH_LABEL = _("Tìm xã")


def commune_label(commune: Commune) -> str:
    """Named with its district: several districts reuse commune names."""
    district = commune.district if commune.district_id else None
    return f"{commune.name} ({district.name})" if district else commune.name


def _picker_kwargs(xa_only: bool) -> dict[str, Any]:
    url = reverse_lazy("communes-api:commune-list")
    return {
        "lookup": commune_lookup,
        "describe": commune_label,
        "url": format_lazy("{}?kind=xa", url) if xa_only else url,
        "search_label": SEARCH_LABEL,
    }


def commune_filter(*, xa_only: bool = True, **kwargs: Any) -> PickerFilter:
    return PickerFilter(**_picker_kwargs(xa_only), **kwargs)


def commune_field(*, xa_only: bool = True, **kwargs: Any) -> PickerField:
    return PickerField(**_picker_kwargs(xa_only), **kwargs)


# A district: its code exactly, then its name exactly, then names containing the text. The
# country has about 700; a district of the past (after the 2025 reform) is still found by its
# name or code typed without JavaScript.
district_lookup = name_lookup("name", code="code")


def _district_search() -> dict[str, Any]:
    # Every period's districts: none is in force after 1/7/2025, and links name old ones.
    url = format_lazy("{}?every_period=true", reverse_lazy("communes-api:district-list"))
    return {"lookup": district_lookup, "url": url, "search_label": _("Tìm huyện")}


def district_filter(**kwargs: Any) -> PickerFilter:
    """The district picker of a filter form."""
    return PickerFilter(**_district_search(), **kwargs)


def district_field(**kwargs: Any) -> PickerField:
    """The district picker of a form."""
    return PickerField(**_district_search(), **kwargs)
