"""Demo agencies, assignments and support activities (sample data, labelled as such in the UI).

The cases are data, in ``data/demo_cases.json``: the "real" ones follow the news reports in
shared/data/demo_facts.md (absolute dates); the "current" ones are invented, cover this year and
have activities dated a number of days before today, so the monthly report cycle has work to do.
This module only reads the file, converts its values and writes through the services. Every
activity is flagged ``is_sample``. Safe to run twice: rows are matched by their natural keys
(agency name; agency, commune and start date; activity title within the assignment).
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils import timezone

from communes.models import Commune, Province, Village
from criteria.models import CriteriaSet, Criterion
from sponsorships.models import Agency, Assignment, SupportActivity
from sponsorships.services.activities import activity_create
from sponsorships.services.agencies import agency_create, assignment_create

DATA_FILE = Path(__file__).resolve().parent / "data" / "demo_cases.json"


def load(*, province: Province, criteria_set: CriteriaSet | None = None, **_: Any) -> None:
    data = demo_cases(today=timezone.localdate())
    agencies = {row["short_name"]: _agency(row) for row in data["agencies"]}
    criteria = {c.number: c for c in criteria_set.criteria.all()} if criteria_set else {}
    communes = {c.code: c for c in Commune.objects.filter(province=province)}
    for case in data["cases"]:
        commune = communes.get(case["commune"])
        if commune is not None:
            assignment = _assignment(case, agencies[case["agency"]], commune, criteria)
            _activities(assignment, case["activities"], criteria)


def demo_cases(*, today: dt.date, path: Path = DATA_FILE) -> dict[str, Any]:
    """The data file with its values converted: dates, enums, decimals, relative dates resolved."""
    data = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    issuer = data["decision_issuer"]
    return {
        "agencies": [{**row, "kind": Agency.Kind(row["kind"])} for row in data["agencies"]],
        "cases": [
            *(_real_case(raw, issuer) for raw in data["real"]["cases"]),
            *_current_cases(data["current"], issuer, today),
        ],
    }


def _real_case(raw: dict[str, Any], issuer: str) -> dict[str, Any]:
    activities = [
        _activity_fields(a, day=dt.date.fromisoformat(a["date"])) for a in raw["activities"]
    ]
    start, end = dt.date.fromisoformat(raw["start"]), dt.date.fromisoformat(raw["end"])
    return _case(raw, issuer, start, end, activities)


def _current_cases(block: dict[str, Any], issuer: str, today: dt.date) -> list[dict[str, Any]]:
    """Cases sharing one period (from ``start`` to 31/12 of max(end_year_at_least, next year))
    and one decision; each activity is dated ``days_ago`` before today, never before ``start``."""
    start = dt.date.fromisoformat(block["start"])
    end = dt.date(max(block["end_year_at_least"], today.year + 1), 12, 31)
    shared = {key: block[key] for key in ("decision_number", "decision_date", "goals")}
    cases = []
    for raw in block["cases"]:
        activities = [
            _activity_fields(a, day=max(start, today - dt.timedelta(days=a["days_ago"])))
            for a in raw["activities"]
        ]
        cases.append(_case({**shared, **raw}, issuer, start, end, activities))
    return cases


def _case(
    raw: dict[str, Any], issuer: str, start: dt.date, end: dt.date, activities: list[dict]
) -> dict[str, Any]:
    return {
        "agency": raw["agency"],
        "commune": raw["commune"],
        "focus": raw.get("focus", []),
        "activities": activities,
        "fields": {
            "start_date": start,
            "end_date": end,
            "decision_number": raw.get("decision_number", ""),
            "decision_date": _optional_date(raw.get("decision_date")),
            "decision_issuer": issuer,
            "goals": raw.get("goals", ""),
        },
    }


def _activity_fields(raw: dict[str, Any], *, day: dt.date) -> dict[str, Any]:
    """activity_create's fields, plus the village name and criterion numbers to resolve."""
    fields = {k: v for k, v in raw.items() if k not in ("date", "days_ago")}
    fields.update(
        date=day,
        kind=SupportActivity.Kind(raw["kind"]),
        funding_source=SupportActivity.FundingSource(raw.get("funding_source", "agency_budget")),
        village=raw.get("village", ""),
        criteria=raw.get("criteria", []),
    )
    if "beneficiary_unit" in raw:
        fields["beneficiary_unit"] = SupportActivity.BeneficiaryUnit(raw["beneficiary_unit"])
    return fields


def _optional_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _agency(row: dict[str, Any]) -> Agency:
    existing = Agency.objects.filter(name=row["name"]).first()
    return existing or agency_create(user=None, **row)


def _assignment(
    case: dict[str, Any], agency: Agency, commune: Commune, criteria: dict[int, Criterion]
) -> Assignment:
    fields = case["fields"]
    existing = Assignment.objects.filter(
        agency=agency, commune=commune, start_date=fields["start_date"]
    ).first()
    return existing or assignment_create(
        user=None,
        agency=agency,
        commune=commune,
        focus_criteria=[criteria[n] for n in case["focus"] if n in criteria],
        **fields,
    )


def _activities(
    assignment: Assignment, activities: list[dict[str, Any]], criteria: dict[int, Criterion]
) -> None:
    villages = {v.name: v for v in Village.objects.filter(commune=assignment.commune)}
    existing = set(assignment.activities.values_list("title", flat=True))
    for fields in activities:
        if fields["title"] in existing:
            continue
        fields = dict(fields)
        numbers = fields.pop("criteria")
        activity_create(
            assignment=assignment,
            user=None,
            is_sample=True,
            village=villages.get(fields.pop("village")),
            target_criteria=[criteria[n] for n in numbers if n in criteria],
            **fields,
        )
