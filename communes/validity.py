"""Effective dating of administrative units (the 1/7/2025 reform abolished districts and merged
communes): each unit is valid from ``valid_from`` to ``valid_to`` inclusive, either end open
(null). Old and new units coexist, so a code is unique per validity period, not globally.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Validity:
    """A period; None at either end means open (since always / still in force)."""

    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    def overlaps(self, other: Validity) -> bool:
        starts_before_other_ends = (
            self.valid_from is None or other.valid_to is None or self.valid_from <= other.valid_to
        )
        ends_after_other_starts = (
            self.valid_to is None or other.valid_from is None or self.valid_to >= other.valid_from
        )
        return starts_before_other_ends and ends_after_other_starts


def valid_on_q(day: dt.date, prefix: str = "") -> Q:
    """Units in force on ``day`` (``prefix`` reaches them through a relation: "commune__")."""
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
    )


class DatedQuerySet(models.QuerySet):
    def on(self, day: dt.date) -> DatedQuerySet:
        """The structure of a chosen date."""
        return self.filter(valid_on_q(day))

    def current(self) -> DatedQuerySet:
        return self.on(timezone.localdate())

    def newest_first(self) -> DatedQuerySet:
        """For a lookup by code: the unit still in force before the ones it replaced."""
        return self.order_by(
            models.F("valid_to").desc(nulls_first=True), models.F("valid_from").desc()
        )


class EffectiveDated(models.Model):
    valid_from = models.DateField(
        _("hiệu lực từ"), null=True, blank=True, help_text=_("Để trống: từ trước khi có dữ liệu.")
    )
    valid_to = models.DateField(
        _("hiệu lực đến"), null=True, blank=True, help_text=_("Để trống: vẫn còn hiệu lực.")
    )

    class Meta:
        abstract = True

    @property
    def validity(self) -> Validity:
        return Validity(self.valid_from, self.valid_to)

    def is_valid_on(self, day: dt.date) -> bool:
        return self.validity.overlaps(Validity(day, day))

    @property
    def is_current(self) -> bool:
        return self.is_valid_on(timezone.localdate())


def dated_constraints(label: str) -> list[models.BaseConstraint]:
    """A code once per start date and once among the units still in force; periods in order."""
    return [
        models.UniqueConstraint(
            fields=["code", "valid_from"], name=f"communes_{label}_unique_code_from"
        ),
        # NULL starts are distinct to a unique index (and SQLite has no NULLS NOT DISTINCT).
        models.UniqueConstraint(
            fields=["code"],
            condition=Q(valid_from__isnull=True),
            name=f"communes_{label}_unique_code_no_start",
        ),
        models.UniqueConstraint(
            fields=["code"],
            condition=Q(valid_to__isnull=True),
            name=f"communes_{label}_unique_open_code",
        ),
        models.CheckConstraint(
            condition=Q(valid_from__isnull=True)
            | Q(valid_to__isnull=True)
            | Q(valid_to__gte=models.F("valid_from")),
            name=f"communes_{label}_valid_to_after_from",
        ),
    ]
