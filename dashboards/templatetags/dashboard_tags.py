"""Filters of the dashboards: a change with its sign, in the same format as its figure."""

from decimal import Decimal

from django import template

from ntm_portal.templatetags.portal_tags import num

register = template.Library()


@register.filter
def signed(value: int | Decimal | None, decimals: int | None = None) -> str:
    """+3, −2 (a true minus sign), 0; +0,45 with decimals=2; '—' when unknown."""
    if value is None:
        return "—"
    text = num(abs(value), decimals)
    if value > 0:
        return f"+{text}"
    return f"\u2212{text}" if value < 0 else text
