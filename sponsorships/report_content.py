"""The frozen content of a monthly report: its JSON shape and the typed reader.

A version row (MonthlyReportVersion.content) stores exactly what the report page showed when
the report was sent. The JSON is built by ONE function,
``sponsorships.selectors.report_versions.monthly_report_content``, from the same selectors the
page reads; the page (draft or version), the API and the PDF/Excel documents all read it back
through ``read_content`` below, so what was sent and what is shown never disagree.

Shape, schema ``"ntm.monthly_report/1"`` (dates ISO ``YYYY-MM-DD``, moments ISO 8601 with
offset, decimals as strings so nothing is rounded, money as whole đồng)::

    {
      "schema": "ntm.monthly_report/1",
      "frozen_at": "2026-11-19T03:00:00+00:00",
      "period": "2026-11",
      "assignment": {"id": 1, "agency_id": 2, "agency_name": "Sở Công Thương",
                     "commune_id": 3, "commune_name": "Xuân Lạc", "district_name": "Chợ Đồn"},
      "activities": [                        # the month's activities, by date then id
        {"id": 9, "date": "2026-11-05", "title": "…", "kind": "cash", "amount": 5000000,
         "quantity": "12.00" | null, "quantity_unit": "bao", "labour_days": "1.5" | null,
         "beneficiaries": 30 | null, "beneficiary_unit": "households" | "",
         "funding_source": "agency_budget", "village": "Nà Pài" | null,
         "criteria": [4, 7],                 # numbers of the criteria aimed at
         "updated_at": "…"}                  # the activity's own last change when frozen
      ],
      "criteria": [                          # focus criteria, those changed in the month, and
        {"id": 7, "number": 7, "code": "TC7",  # those written about; in criterion order
         "name_vi": "…", "name_en": "…", "is_focus": true, "has_changed": false,
         "result": "met" | "not_met" | "not_assessed", "result_before": "…", "progress": "…"}
      ],
      "commune_progress": {"criteria_met": 15, "criteria_total": 19, "meets_standard": false,
                           "assessment_period": "2026-11" | null},
      "texts": {"difficulties": "…", "proposals": "…", "next_month_plan": "…"},
      "totals": {"activities": 2, "amount": 5000000, "labour_days": "0"}
    }

A later shape gets a new schema name and its own branch in ``read_content``; stored versions
are never rewritten.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import get_language

from criteria.models import Result
from ntm_portal import periods
from sponsorships.models import SupportActivity

SCHEMA = "ntm.monthly_report/1"


@dataclass(frozen=True)
class ActivityItem:
    id: int
    date: dt.date
    title: str
    kind: str
    amount: int
    quantity: Decimal | None
    quantity_unit: str
    labour_days: Decimal | None
    beneficiaries: int | None
    beneficiary_unit: str
    funding_source: str
    village: str | None
    criteria: tuple[int, ...]
    updated_at: dt.datetime | None

    @property
    def kind_label(self) -> str:
        return str(dict(SupportActivity.Kind.choices).get(self.kind, self.kind))


@dataclass(frozen=True)
class CriterionItem:
    id: int
    number: int
    code: str
    name_vi: str
    name_en: str
    is_focus: bool
    has_changed: bool
    result: str
    result_before: str
    progress: str

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "vi").startswith("en") else self.name_vi

    @property
    def result_label(self) -> str:
        return str(dict(Result.choices).get(self.result, self.result))

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


@dataclass(frozen=True)
class CommuneProgress:
    criteria_met: int
    criteria_total: int
    meets_standard: bool
    assessment_period: dt.date | None

    @property
    def is_assessed(self) -> bool:
        return self.assessment_period is not None


@dataclass(frozen=True)
class Totals:
    activities: int
    amount: int
    labour_days: Decimal


@dataclass(frozen=True)
class ReportContent:
    schema: str
    frozen_at: dt.datetime | None
    period: dt.date
    assignment_id: int
    agency_id: int
    agency_name: str
    commune_id: int
    commune_name: str
    district_name: str
    activities: tuple[ActivityItem, ...]
    criteria: tuple[CriterionItem, ...]
    commune_progress: CommuneProgress
    difficulties: str
    proposals: str
    next_month_plan: str
    totals: Totals

    @property
    def activity_ids(self) -> frozenset[int]:
        return frozenset(a.id for a in self.activities)


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _moment(value: str | None) -> dt.datetime | None:
    return None if not value else dt.datetime.fromisoformat(value)


def _activity(row: dict[str, Any]) -> ActivityItem:
    return ActivityItem(
        id=row["id"],
        date=dt.date.fromisoformat(row["date"]),
        title=row["title"],
        kind=row["kind"],
        amount=row["amount"],
        quantity=_decimal(row["quantity"]),
        quantity_unit=row["quantity_unit"],
        labour_days=_decimal(row["labour_days"]),
        beneficiaries=row["beneficiaries"],
        beneficiary_unit=row["beneficiary_unit"],
        funding_source=row["funding_source"],
        village=row["village"],
        criteria=tuple(row["criteria"]),
        updated_at=_moment(row.get("updated_at")),
    )


def _progress(row: dict[str, Any]) -> CommuneProgress:
    period = row["assessment_period"]
    return CommuneProgress(
        criteria_met=row["criteria_met"],
        criteria_total=row["criteria_total"],
        meets_standard=row["meets_standard"],
        assessment_period=periods.parse_period(period) if period else None,
    )


def read_content(content: dict[str, Any]) -> ReportContent:
    """The typed view of a stored content (any schema this code knows); ValueError otherwise."""
    if content.get("schema") != SCHEMA:
        raise ValueError(f"unknown monthly report content schema: {content.get('schema')!r}")
    assignment, texts, totals = content["assignment"], content["texts"], content["totals"]
    return ReportContent(
        schema=content["schema"],
        frozen_at=_moment(content.get("frozen_at")),
        period=periods.parse_period(content["period"]),
        assignment_id=assignment["id"],
        agency_id=assignment["agency_id"],
        agency_name=assignment["agency_name"],
        commune_id=assignment["commune_id"],
        commune_name=assignment["commune_name"],
        district_name=assignment["district_name"],
        activities=tuple(_activity(row) for row in content["activities"]),
        criteria=tuple(CriterionItem(**row) for row in content["criteria"]),
        commune_progress=_progress(content["commune_progress"]),
        difficulties=texts["difficulties"],
        proposals=texts["proposals"],
        next_month_plan=texts["next_month_plan"],
        totals=Totals(
            activities=totals["activities"],
            amount=totals["amount"],
            labour_days=Decimal(totals["labour_days"]),
        ),
    )
