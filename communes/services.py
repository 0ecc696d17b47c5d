"""Writes for administrative units: importing provinces, districts, communes and villages.

`units_import` parses and validates the whole file first (communes.unit_rows), resolves the
regions, and only then writes everything in one transaction: one bad row writes nothing.
Writes are idempotent (keyed by official code within the file's validity) and set-based, so a
national file of ~10,000 communes takes a handful of queries per 500 rows rather than several per
row. A file valid from a date (the 1/7/2025 units) does not move codes out of the old units: the
unit in force with the same code is closed the day before and a new one is created beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from communes.merger_rows import Link, MergerRow, cycle_errors, parse_merger_map, unknown_code_error
from communes.models import Commune, CommuneSuccession, District, Province, Village
from communes.unit_rows import UnitRow, capped, parse_region, parse_units, read_records, row_error
from communes.validity import ONE_DAY, Validity
from ntm_portal.text import fold

BATCH_SIZE = 500
OPTIONAL_COMMUNE_FIELDS = (
    "commune_group",
    "difficulty",
    "ntm_level",
    "ntm_level_year",
    "target_year",
)


@dataclass(frozen=True)
class UpsertCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass(frozen=True)
class UnitsImportResult:
    provinces: UpsertCounts
    districts: UpsertCounts
    communes: UpsertCounts
    villages_created: int


ALWAYS = Validity()


def units_import(
    *,
    source: str,
    fmt: str = "csv",
    region: str | None = None,
    is_sample_data: bool = False,
    validity: Validity = ALWAYS,
) -> UnitsImportResult:
    """Import units from CSV or JSON text. Raises ValidationError (nothing written) on bad input.

    `region` (a code such as "tdmnpb" or its Vietnamese name) applies to every province and
    commune of the file; without it a row's own `region` column, then the province's existing
    region, is used. `validity` is the period every unit of the file is in force.
    """
    default_region = parse_region(region)
    rows = parse_units(read_records(source, fmt=fmt))
    _check_validity(validity)
    return units_save(
        rows=rows, default_region=default_region, is_sample_data=is_sample_data, validity=validity
    )


def _check_validity(validity: Validity) -> None:
    if validity.valid_from and validity.valid_to and validity.valid_to < validity.valid_from:
        message = _("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.")
        raise ValidationError({"valid_to": [message]})


@transaction.atomic
def units_save(
    *,
    rows: Sequence[UnitRow],
    default_region: str | None = None,
    is_sample_data: bool = False,
    validity: Validity = ALWAYS,
) -> UnitsImportResult:
    """Write validated rows: update_or_create by code within `validity`, set-based; villages are
    only added. A period overlapping another unit's with the same code writes nothing."""
    province_regions = _province_regions(rows=rows, default_region=default_region)
    provinces, province_ids = _provinces_save(
        rows=rows, regions=province_regions, is_sample_data=is_sample_data, validity=validity
    )
    districts, district_ids = _districts_save(
        rows=rows, province_ids=province_ids, validity=validity
    )
    communes, commune_ids = _communes_save(
        rows=rows,
        province_ids=province_ids,
        district_ids=district_ids,
        default_region=default_region,
        province_regions=province_regions,
        validity=validity,
    )
    villages_created = _villages_add(rows=rows, commune_ids=commune_ids)
    return UnitsImportResult(provinces, districts, communes, villages_created)


@dataclass(frozen=True)
class MergerImportResult:
    links_created: int
    links_unchanged: int
    units_closed: int


@transaction.atomic
def merger_map_import(*, source: str, effective_on: dt.date) -> MergerImportResult:
    """Link each old commune to the one it merged into on `effective_on` and end the old one the
    day before. An unknown code or a loop of successions raises ValidationError: nothing written.
    """
    links = _resolve_links(parse_merger_map(source), effective_on)
    existing = set(CommuneSuccession.objects.values_list("predecessor_id", "successor_id"))
    pairs = {(link.predecessor_id, link.successor_id) for link in links}
    new = [link for link in links if (link.predecessor_id, link.successor_id) not in existing]
    unit_codes = Commune.objects.filter(pk__in={pk for pair in pairs for pk in pair})
    errors = cycle_errors(new, existing, dict(unit_codes.values_list("pk", "code")))
    if errors:
        raise ValidationError({"file": capped(errors)})
    new_pairs = pairs - existing
    CommuneSuccession.objects.bulk_create(
        CommuneSuccession(predecessor_id=old, successor_id=new, effective_on=effective_on)
        for old, new in sorted(new_pairs)
    )
    closed = _close_merged({old for old, _new in pairs}, effective_on - ONE_DAY)
    return MergerImportResult(len(new_pairs), len(pairs) - len(new_pairs), closed)


def _close_merged(commune_ids: set[int], last_day: dt.date) -> int:
    """End the merged communes, then the districts and provinces left with no unit in force
    (the reform abolished Bắc Kạn's districts and the province itself)."""
    merged = Commune.objects.filter(pk__in=commune_ids)
    closed = merged.filter(valid_to__isnull=True).update(valid_to=last_day)
    open_communes = Commune.objects.filter(valid_to__isnull=True)
    for model, parent in ((District, "district_id"), (Province, "province_id")):
        model.objects.filter(pk__in=merged.values(parent), valid_to__isnull=True).exclude(
            pk__in=open_communes.exclude(**{f"{parent}__isnull": True}).values(parent)
        ).update(valid_to=last_day)
    return closed


def _resolve_links(rows: list[MergerRow], effective_on: dt.date) -> list[Link]:
    """Old codes as in force the day before, new codes as in force on the day."""
    day_before = effective_on - ONE_DAY
    old = _ids_on({r.old_code for r in rows}, day_before)
    new = _ids_on({r.new_code for r in rows}, effective_on)
    errors = []
    for merger in rows:
        if merger.old_code not in old:
            errors.append(unknown_code_error(merger, "old_commune_code", day_before))
        if merger.new_code not in new:
            errors.append(unknown_code_error(merger, "new_commune_code", effective_on))
    if errors:
        raise ValidationError({"file": capped(errors)})
    return [Link(r.row, old[r.old_code], new[r.new_code]) for r in rows]


def _ids_on(codes: set[str], day: dt.date) -> dict[str, int]:
    # newest_first: of two units in force that day with one code, the later one wins.
    units = Commune.objects.filter(code__in=codes).on(day).newest_first()
    ids: dict[str, int] = {}
    for code, pk in units.values_list("code", "pk"):
        ids.setdefault(code, pk)
    return ids


def _province_regions(*, rows: Sequence[UnitRow], default_region: str | None) -> dict[str, str]:
    """Each province's region: the option, else its stored one, else its first row's region."""
    existing = dict(
        Province.objects.filter(code__in={r.province_code for r in rows}).values_list(
            "code", "region"
        )
    )
    regions: dict[str, str] = {}
    for unit in rows:
        region = default_region or existing.get(unit.province_code) or unit.region
        if region:
            regions.setdefault(unit.province_code, region)
    first_rows = {}
    for unit in rows:
        first_rows.setdefault(unit.province_code, unit.row)
    errors = [
        row_error(
            row,
            "region",
            _("chưa rõ vùng của tỉnh %(code)s: thêm cột region hoặc dùng tuỳ chọn --region")
            % {"code": code},
        )
        for code, row in first_rows.items()
        if code not in regions
    ]
    if errors:
        raise ValidationError({"file": errors})
    return regions


def _provinces_save(
    *, rows: Sequence[UnitRow], regions: dict[str, str], is_sample_data: bool, validity: Validity
) -> tuple[UpsertCounts, dict[str, int]]:
    names = {unit.province_code: unit.province_name for unit in rows}
    values = {
        code: {
            "name": name,
            "region": regions[code],
            **({"is_sample_data": True} if is_sample_data else {}),
        }
        for code, name in names.items()
    }
    return _upsert(Province, values, validity=validity)


def _districts_save(
    *, rows: Sequence[UnitRow], province_ids: dict[str, int], validity: Validity
) -> tuple[UpsertCounts, dict[str, int]]:
    values = {
        unit.district_code: {
            "province_id": province_ids[unit.province_code],
            "name": unit.district_name,
            "kind": unit.district_kind,
        }
        for unit in rows
        if unit.district_code
    }
    return _upsert(District, values, validity=validity)


def _communes_save(
    *,
    rows: Sequence[UnitRow],
    province_ids: dict[str, int],
    district_ids: dict[str, int],
    default_region: str | None,
    province_regions: dict[str, str],
    validity: Validity,
) -> tuple[UpsertCounts, dict[str, int]]:
    values: dict[str, dict[str, Any]] = {}
    create_defaults: dict[str, dict[str, Any]] = {}
    for unit in rows:
        given = {
            name: getattr(unit, name)
            for name in OPTIONAL_COMMUNE_FIELDS
            if getattr(unit, name) is not None
        }
        region = unit.region or default_region
        values[unit.commune_code] = {
            "province_id": province_ids[unit.province_code],
            "district_id": district_ids.get(unit.district_code) if unit.district_code else None,
            "name": unit.commune_name,
            "search_name": fold(unit.commune_name),
            "kind": unit.commune_kind,
            **({"region": region} if region else {}),
            **given,
        }
        create_defaults[unit.commune_code] = {"region": province_regions[unit.province_code]}
    return _upsert(Commune, values, create_defaults=create_defaults, validity=validity)


def _villages_add(*, rows: Sequence[UnitRow], commune_ids: dict[str, int]) -> int:
    wanted = {(unit.commune_code, name) for unit in rows for name in unit.villages}
    if not wanted:
        return 0
    existing = set(
        Village.objects.filter(commune_id__in=commune_ids.values()).values_list(
            "commune_id", "name"
        )
    )
    new = [
        Village(commune_id=commune_ids[code], name=name)
        for code, name in sorted(wanted)
        if (commune_ids[code], name) not in existing
    ]
    Village.objects.bulk_create(new, batch_size=BATCH_SIZE)
    return len(new)


def _upsert(
    model: type[models.Model],
    values: dict[str, dict[str, Any]],
    *,
    validity: Validity,
    create_defaults: dict[str, dict[str, Any]] | None = None,
) -> tuple[UpsertCounts, dict[str, int]]:
    """update_or_create by (code, valid_from) for many rows: one read, then bulk writes.
    Returns the counts and the id of each code's unit within `validity`."""
    plan = _SuccessionPlan(model, validity, values)
    dated = {"valid_to": validity.valid_to} if validity.valid_to else {}
    new, changed, unchanged = [], [], []
    for code, fields in values.items():
        fields = {**fields, **dated}
        obj = plan.same_start(code)
        if obj is None:
            plan.close_predecessor(code)
            defaults = (create_defaults or {}).get(code, {})
            new.append(model(code=code, valid_from=validity.valid_from, **{**defaults, **fields}))
        elif any(getattr(obj, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(obj, name, value)
            changed.append(obj)
        else:
            unchanged.append(obj)
    plan.raise_overlaps([*new, *changed])
    manager = model._default_manager
    # Closing first: a code may have only one unit still in force at a time.
    manager.bulk_update(plan.closed, ["valid_to"], batch_size=BATCH_SIZE)
    if changed:
        update_fields = sorted({name for fields in values.values() for name in fields} | set(dated))
        manager.bulk_update(changed, update_fields, batch_size=BATCH_SIZE)
    manager.bulk_create(new, batch_size=BATCH_SIZE)
    counts = UpsertCounts(created=len(new), updated=len(changed), unchanged=len(unchanged))
    return counts, {obj.code: obj.pk for obj in [*new, *changed, *unchanged]}


class _SuccessionPlan:
    """The existing units of a file's codes, and which of them a dated file closes."""

    def __init__(self, model: type[models.Model], validity: Validity, values: dict) -> None:
        self.validity = validity
        self.units: dict[str, list[Any]] = {}
        for unit in model._default_manager.filter(code__in=list(values)):
            self.units.setdefault(unit.code, []).append(unit)
        self.closed: list[Any] = []

    def same_start(self, code: str) -> Any | None:
        return next(
            (u for u in self.units.get(code, []) if u.valid_from == self.validity.valid_from), None
        )

    def close_predecessor(self, code: str) -> None:
        """The unit in force with this code, started before the file's units, ends the day
        before they start (a file without a start date closes nothing)."""
        start = self.validity.valid_from
        for unit in self.units.get(code, []) if start else []:
            if unit.valid_to is None and (unit.valid_from is None or unit.valid_from < start):
                unit.valid_to = start - ONE_DAY
                self.closed.append(unit)

    def raise_overlaps(self, written: list[Any]) -> None:
        errors = [
            _(
                "Mã %(code)s: thời gian hiệu lực trùng với %(unit)s (%(period)s); "
                "hãy ghi rõ ngày hiệu lực của tệp."
            )
            % {"code": obj.code, "unit": other, "period": _period_text(other.validity)}
            for obj in written
            for other in self.units.get(obj.code, [])
            if other.pk != obj.pk and obj.validity.overlaps(other.validity)
        ]
        if errors:
            raise ValidationError({"file": errors})


def _period_text(validity: Validity) -> str:
    start = f"{validity.valid_from:%d/%m/%Y}" if validity.valid_from else "…"
    end = f"{validity.valid_to:%d/%m/%Y}" if validity.valid_to else "…"
    return f"{start} – {end}"
