"""Writes for administrative units: importing provinces, districts, communes and villages.

`units_import` parses and validates the whole file first (communes.unit_rows), resolves the
regions, and only then writes everything in one transaction: one bad row writes nothing.
Writes are idempotent (keyed by official code) and set-based, so a national file of ~10,000
communes takes a handful of queries per 500 rows rather than several per row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from communes.models import Commune, District, Province, Village
from communes.unit_rows import UnitRow, parse_region, parse_units, read_records, row_error
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


def units_import(
    *, source: str, fmt: str = "csv", region: str | None = None, is_sample_data: bool = False
) -> UnitsImportResult:
    """Import units from CSV or JSON text. Raises ValidationError (nothing written) on bad input.

    `region` (a code such as "tdmnpb" or its Vietnamese name) applies to every province and
    commune of the file; without it a row's own `region` column, then the province's existing
    region, is used.
    """
    default_region = parse_region(region)
    rows = parse_units(read_records(source, fmt=fmt))
    return units_save(rows=rows, default_region=default_region, is_sample_data=is_sample_data)


@transaction.atomic
def units_save(
    *, rows: Sequence[UnitRow], default_region: str | None = None, is_sample_data: bool = False
) -> UnitsImportResult:
    """Write validated rows: update_or_create by code, set-based; villages are only added."""
    province_regions = _province_regions(rows=rows, default_region=default_region)
    provinces = _provinces_save(rows=rows, regions=province_regions, is_sample_data=is_sample_data)
    province_ids = {p.code: p.pk for p in Province.objects.filter(code__in=province_regions)}
    districts = _districts_save(rows=rows, province_ids=province_ids)
    district_ids = dict(
        District.objects.filter(
            code__in={r.district_code for r in rows if r.district_code}
        ).values_list("code", "id")
    )
    communes = _communes_save(
        rows=rows,
        province_ids=province_ids,
        district_ids=district_ids,
        default_region=default_region,
        province_regions=province_regions,
    )
    villages_created = _villages_add(rows=rows)
    return UnitsImportResult(provinces, districts, communes, villages_created)


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
    *, rows: Sequence[UnitRow], regions: dict[str, str], is_sample_data: bool
) -> UpsertCounts:
    names = {unit.province_code: unit.province_name for unit in rows}
    values = {
        code: {
            "name": name,
            "region": regions[code],
            **({"is_sample_data": True} if is_sample_data else {}),
        }
        for code, name in names.items()
    }
    return _upsert(Province, values)


def _districts_save(*, rows: Sequence[UnitRow], province_ids: dict[str, int]) -> UpsertCounts:
    values = {
        unit.district_code: {
            "province_id": province_ids[unit.province_code],
            "name": unit.district_name,
            "kind": unit.district_kind,
        }
        for unit in rows
        if unit.district_code
    }
    return _upsert(District, values)


def _communes_save(
    *,
    rows: Sequence[UnitRow],
    province_ids: dict[str, int],
    district_ids: dict[str, int],
    default_region: str | None,
    province_regions: dict[str, str],
) -> UpsertCounts:
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
    return _upsert(Commune, values, create_defaults=create_defaults)


def _villages_add(*, rows: Sequence[UnitRow]) -> int:
    wanted = {(unit.commune_code, name) for unit in rows for name in unit.villages}
    if not wanted:
        return 0
    commune_ids = dict(
        Commune.objects.filter(code__in={code for code, _name in wanted}).values_list("code", "id")
    )
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
    create_defaults: dict[str, dict[str, Any]] | None = None,
) -> UpsertCounts:
    """update_or_create by `code` for many rows: one read, one bulk insert, one bulk update."""
    existing = model._default_manager.in_bulk(list(values), field_name="code")
    new, changed = [], []
    for code, fields in values.items():
        obj = existing.get(code)
        if obj is None:
            new.append(model(code=code, **{**(create_defaults or {}).get(code, {}), **fields}))
        elif any(getattr(obj, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(obj, name, value)
            changed.append(obj)
    model._default_manager.bulk_create(new, batch_size=BATCH_SIZE)
    if changed:
        update_fields = sorted({name for fields in values.values() for name in fields})
        model._default_manager.bulk_update(changed, update_fields, batch_size=BATCH_SIZE)
    return UpsertCounts(
        created=len(new), updated=len(changed), unchanged=len(values) - len(new) - len(changed)
    )
