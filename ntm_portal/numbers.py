"""Decimal numbers as people type them, in the active language's notation. Pure functions.

Vietnamese writes 1.500,5 (dot groups thousands, comma is the decimal mark); English writes
1,500.5. Forms show numbers in the active notation, so reading them back must use the same
notation, or 1,000 shown in English would be saved as 1. Outside a grouped number either mark
is taken as the decimal point ("1,5" and "1.5"), as people type both.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.utils.formats import get_format

PLAIN_RE = re.compile(r"-?\d+(?:[.,]\d+)?")


def parse_decimal(text: str, *, decimal_separator: str, thousand_separator: str) -> Decimal | None:
    """'1.500,5' (vi) → Decimal('1500.5'); blank → None; raises ValueError on anything else."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if not cleaned:
        return None
    thousands, decimal = re.escape(thousand_separator), re.escape(decimal_separator)
    grouped = re.fullmatch(rf"-?\d{{1,3}}(?:{thousands}\d{{3}})+(?:{decimal}\d+)?", cleaned)
    if grouped:
        cleaned = cleaned.replace(thousand_separator, "").replace(decimal_separator, ".")
    elif PLAIN_RE.fullmatch(cleaned):
        cleaned = cleaned.replace(",", ".")
    else:
        raise ValueError(f"not a number: {text!r}")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {text!r}") from exc
    return value


def parse_local_decimal(text: str) -> Decimal | None:
    """parse_decimal in the notation of the active language (what the form displayed)."""
    return parse_decimal(
        text,
        decimal_separator=get_format("DECIMAL_SEPARATOR"),
        thousand_separator=get_format("THOUSAND_SEPARATOR"),
    )


def trimmed(value: Decimal) -> Decimal:
    """Decimal('95.000') → Decimal('95'), Decimal('96.50') → Decimal('96.5'): the same number
    without trailing zeros (and never in exponent form, unlike ``normalize``)."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def decimal_places(value: Decimal) -> int:
    """Digits after the point that matter: 95.000 has 0, 96.50 has 1, 1E+2 has 0."""
    return max(0, -int(trimmed(value).as_tuple().exponent))
