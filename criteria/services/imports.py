"""Import a criteria set from its JSON description (see criteria/data/criteria_2021_2025.json).

The whole file is checked before anything is written; every bad row is reported with its
place in the file (``criteria[3].indicators[1].kind``) and nothing is written. Importing the
same file again updates the rows it names to the file's values and creates nothing twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from communes.models import CommuneGroup, Province, Region
from criteria import rules
from criteria.models import ClassificationScheme, CriteriaSet, EnteredVia, Indicator
from criteria.services.set_writer import (
    CriterionSpec,
    IndicatorSpec,
    ThresholdSpec,
    write_criteria_set,
)

KEYS_BY_SCHEME = {
    ClassificationScheme.REGION: set(Region.values),
    ClassificationScheme.COMMUNE_GROUP: set(CommuneGroup.values),
}


class _Errors(dict[str, list[str]]):
    def add(self, where: str, message: str) -> None:
        self.setdefault(where, []).append(message)


def criteria_set_import(
    *, data: Mapping[str, Any], province: Province | None = None
) -> CriteriaSet:
    """Create or update a criteria set, its criteria, indicators and thresholds from ``data``.

    With ``province`` the set is that province's own copy (its code gets the province code).
    """
    errors = _Errors()
    set_fields = _parse_set(data, province, errors)
    scheme = set_fields.get("classification_scheme", ClassificationScheme.REGION)
    criteria = _parse_criteria(data.get("criteria"), KEYS_BY_SCHEME.get(scheme, set()), errors)
    _apply_critical(data, criteria, errors)
    if errors:
        raise ValidationError(errors)
    _cite_decision(criteria, set_fields.get("decision_number", ""))
    return write_criteria_set(set_fields, criteria, entered_via=EnteredVia.FILE)


def _cite_decision(criteria: list[CriterionSpec], decision: str) -> None:
    """A threshold the file marks verified comes from the set's decision: record it as its source
    (as the spreadsheet import does), so verified and sourced always go together."""
    for spec in criteria:
        for indicator in spec.indicators:
            indicator.thresholds = [
                replace(t, source=decision) if t.is_verified else t for t in indicator.thresholds
            ]


def _parse_set(
    data: Mapping[str, Any], province: Province | None, errors: _Errors
) -> dict[str, Any]:
    if not isinstance(data, Mapping):
        errors.add("data", _("Tệp phải là một đối tượng JSON."))
        return {}
    fields: dict[str, Any] = {"province": province}
    for source, target in (("code", "code"), ("set", "name"), ("legal_basis", "legal_basis")):
        fields[target] = _required_text(data, source, source, errors)
    if province is not None and fields["code"]:
        fields["code"] = f"{fields['code']}-{province.code}"
    fields["valid_from"] = _date(data.get("valid_from"), "valid_from", errors, required=True)
    fields["valid_to"] = _date(data.get("valid_to"), "valid_to", errors, required=False)
    fields["decision_number"] = str(data.get("decision_number") or "")
    fields["issuer"] = str(data.get("issuer") or "")
    fields["decision_date"] = _date(
        data.get("decision_date"), "decision_date", errors, required=False
    )
    scheme = data.get("classification_scheme", ClassificationScheme.REGION)
    if scheme not in ClassificationScheme.values:
        errors.add(
            "classification_scheme",
            _("Cách phân loại “%(value)s” không hợp lệ.") % {"value": scheme},
        )
    fields["classification_scheme"] = scheme
    return fields


def _parse_criteria(items: Any, keys: set[str], errors: _Errors) -> list[CriterionSpec]:
    if not isinstance(items, list) or not items:
        errors.add("criteria", _("Thiếu danh sách tiêu chí."))
        return []
    criteria = [
        _parse_criterion(item, f"criteria[{i}]", keys, errors) for i, item in enumerate(items)
    ]
    _check_unique(
        [c.number for c in criteria], "criteria", _("Số tiêu chí %(value)s bị trùng."), errors
    )
    codes = [indicator.code for c in criteria for indicator in c.indicators]
    _check_unique(codes, "criteria", _("Mã chỉ tiêu %(value)s bị trùng."), errors)
    return criteria


def _apply_critical(data: Any, criteria: list[CriterionSpec], errors: _Errors) -> None:
    """Critical criteria (QĐ 18/2022 revocation rule), when the file says which they are.

    Either the set's ``critical_criteria_for_revocation`` (a list of numbers) or a criterion's
    own ``critical`` flag. A file that says neither leaves the stored flags as they are, so an
    office's correction in the admin survives a reload.
    """
    numbers = data.get("critical_criteria_for_revocation") if isinstance(data, Mapping) else None
    if numbers is not None and (
        not isinstance(numbers, list) or not all(isinstance(n, int) for n in numbers)
    ):
        errors.add("critical_criteria_for_revocation", _("Phải là danh sách số thứ tự tiêu chí."))
        numbers = None
    for spec in criteria:
        if numbers is not None:
            spec.fields["is_critical"] = spec.number in numbers or bool(spec.critical)
        elif spec.critical is not None:
            spec.fields["is_critical"] = spec.critical


def _parse_criterion(item: Any, where: str, keys: set[str], errors: _Errors) -> CriterionSpec:
    if not isinstance(item, Mapping):
        errors.add(where, _("Mỗi tiêu chí phải là một đối tượng JSON."))
        return CriterionSpec(number=0, fields={})
    number = item.get("number")
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        errors.add(f"{where}.number", _("Số tiêu chí phải là số nguyên dương."))
        number = 0
    fields = {
        "code": _required_text(item, "code", f"{where}.code", errors),
        "name_vi": _required_text(item, "name_vi", f"{where}.name_vi", errors),
        "name_en": str(item.get("name_en") or ""),
        "group": str(item.get("group") or ""),
        "is_name_verified": bool(item.get("name_verified", False)),
        "responsible_sector": str(item.get("responsible_sector") or ""),
    }
    indicators = item.get("indicators")
    if not isinstance(indicators, list):
        errors.add(f"{where}.indicators", _("Thiếu danh sách chỉ tiêu."))
        indicators = []
    parsed = [
        _parse_indicator(ind, f"{where}.indicators[{j}]", j, keys, errors)
        for j, ind in enumerate(indicators)
    ]
    critical = item.get("critical")
    return CriterionSpec(
        number=number,
        fields=fields,
        indicators=parsed,
        critical=bool(critical) if critical is not None else None,
    )


def _parse_indicator(
    item: Any, where: str, position: int, keys: set[str], errors: _Errors
) -> IndicatorSpec:
    if not isinstance(item, Mapping):
        errors.add(where, _("Mỗi chỉ tiêu phải là một đối tượng JSON."))
        return IndicatorSpec(code="", fields={})
    code = _required_text(item, "code", f"{where}.code", errors)
    kind, comparator = item.get("kind"), item.get("comparator")
    if kind not in Indicator.Kind.values:
        errors.add(
            f"{where}.kind",
            _("Chỉ tiêu %(code)s: kiểu “%(value)s” không hợp lệ (chỉ nhận: %(allowed)s).")
            % {"code": code, "value": kind, "allowed": ", ".join(Indicator.Kind.values)},
        )
    if comparator not in Indicator.Comparator.values:
        errors.add(
            f"{where}.comparator",
            _("Chỉ tiêu %(code)s: phép so sánh “%(value)s” không hợp lệ (chỉ nhận: %(allowed)s).")
            % {
                "code": code,
                "value": comparator,
                "allowed": ", ".join(Indicator.Comparator.values),
            },
        )
    is_verified = bool(item.get("verified", False))
    fields = {
        "name_vi": _required_text(item, "name_vi", f"{where}.name_vi", errors),
        "name_en": str(item.get("name_en") or ""),
        "kind": kind,
        "comparator": comparator,
        "unit": str(item.get("unit") or ""),
        "position": position,
        "is_verified": is_verified,
        "confidence": str(item.get("confidence") or ""),
        "note": str(item.get("note") or ""),
    }
    thresholds = _parse_thresholds(
        item.get("thresholds"), str(kind), is_verified, f"{where}.thresholds", keys, errors
    )
    return IndicatorSpec(code=code, fields=fields, thresholds=thresholds)


def _parse_thresholds(
    raw: Any, kind: str, is_verified: bool, where: str, keys: set[str], errors: _Errors
) -> list[ThresholdSpec]:
    if not isinstance(raw, Mapping):
        errors.add(where, _("Ngưỡng phải là một đối tượng theo vùng / nhóm xã."))
        return []
    specs = []
    for key, value in raw.items():
        if key not in keys:
            errors.add(f"{where}.{key}", _("Vùng / nhóm xã “%(key)s” không hợp lệ.") % {"key": key})
            continue
        by_year = value.items() if isinstance(value, Mapping) else [(None, value)]
        for year_text, year_value in by_year:
            place = f"{where}.{key}" + (f".{year_text}" if year_text is not None else "")
            year = _year(year_text, place, errors)
            number = _threshold_value(year_value, kind, place, errors)
            specs.append(ThresholdSpec(key, year, number, is_verified and number is not None))
    return specs


def _threshold_value(raw: Any, kind: str, where: str, errors: _Errors) -> Decimal | None:
    if raw is None:
        return None
    if isinstance(raw, bool):
        return Decimal(int(raw))
    try:
        value = Decimal(str(raw))
    except (InvalidOperation, ValueError):
        errors.add(where, _("Ngưỡng “%(value)s” không phải là số.") % {"value": raw})
        return None
    if rules.value_error(kind, value):
        errors.add(
            where,
            _("Ngưỡng %(value)s không hợp lệ cho chỉ tiêu kiểu %(kind)s.")
            % {"value": raw, "kind": kind},
        )
        return None
    return value


def _year(raw: Any, where: str, errors: _Errors) -> int | None:
    if raw is None:
        return None
    if str(raw).isdigit() and 1900 <= int(raw) <= 2100:
        return int(raw)
    errors.add(where, _("Năm “%(value)s” không hợp lệ.") % {"value": raw})
    return None


def _required_text(item: Mapping[str, Any], key: str, where: str, errors: _Errors) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        errors.add(where, _("Thiếu giá trị bắt buộc “%(key)s”.") % {"key": key})
        return ""
    return value.strip()


def _date(raw: Any, where: str, errors: _Errors, *, required: bool) -> dt.date | None:
    if raw is None and not required:
        return None
    try:
        return dt.date.fromisoformat(str(raw))
    except ValueError:
        errors.add(
            where, _("Ngày “%(value)s” không hợp lệ (định dạng YYYY-MM-DD).") % {"value": raw}
        )
        return None


def _check_unique(values: list[Any], where: str, message: str, errors: _Errors) -> None:
    seen: set[Any] = set()
    for value in values:
        if value in seen and value not in (0, ""):
            errors.add(where, message % {"value": value})
        seen.add(value)
