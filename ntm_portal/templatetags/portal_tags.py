"""Formatting for the page shell and every app: money in đồng, Vietnamese numbers, periods."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms, template
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def money(value: int | Decimal | None) -> str:
    """21000000 → '21.000.000 đồng' (Vietnamese grouping in vi, commas in en)."""
    if value is None or value == "":
        return "—"
    return _("%(amount)s đồng") % {"amount": number_format(int(value), force_grouping=True)}


@register.filter
def amount(value: int | Decimal | None) -> str:
    """An activity's own value: '—' when it has none (0 is how "no amount" is stored), else
    :func:`money`. Sums keep ``money``, where 0 đồng is a real total."""
    return money(value) if value else "—"


@register.filter
def is_choice_group(bound_field: Any) -> bool:
    """Checkboxes or radio buttons: rendered as a fieldset with a legend, not a <label for>."""
    widget = bound_field.field.widget
    return isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple)


@register.filter
def num(value: int | float | Decimal | None, decimals: int | None = None) -> str:
    """A grouped number in the active locale; '—' for missing."""
    if value is None or value == "":
        return "—"
    if isinstance(value, Decimal) and decimals is None:
        value = value.normalize() if value == value.to_integral() else value
        if value == value.to_integral():
            value = int(value)
    return number_format(value, decimal_pos=decimals, force_grouping=True)


@register.filter
def period(value: dt.date | None) -> str:
    """date(2026, 11, 1) → '11/2026'."""
    if not value:
        return "—"
    return f"{value.month:02d}/{value.year}"


@register.simple_tag(takes_context=True)
def render_panel(context: template.Context, panel: dict) -> str:
    """Render one registered page panel with its own context plus the request."""
    # Render inside the page's own context: context processors do not run (and query) again.
    panel_template = context.template.engine.get_template(panel["template_name"])
    with context.push(**panel["context"]):
        return panel_template.render(context)


@register.simple_tag(takes_context=True)
def query_string(context: template.Context, **changes: object) -> str:
    """The current query string with some parameters changed (for sorting and pagination links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def page_query(context: template.Context, param: str, number: int, anchor: str = "") -> str:
    """The current query string with the page parameter ``param`` set to ``number`` (several
    paginated tables on one page each keep their own parameter; the others are kept)."""
    link = query_string(context, **{param: number})
    return f"{link}#{anchor}" if anchor else link


@register.simple_tag
def language_menu() -> list[tuple[str, str]]:
    """[(code, name)] with each language named in itself, as settings.LANGUAGES spells it.

    (Django's own tag translates the names, so the Vietnamese page offered "Tiếng Anh",
    which an English reader looking for a way out does not recognise.)
    """
    return list(settings.LANGUAGES)
