"""The spreadsheet the office fills in to import assessments, and its layout.

Sheet 1 "Đánh giá": one row per commune. Columns A–D are the commune's code and name, the
period (mm/yyyy) and the stage; from column E on, one column per indicator. Row 1 holds the
indicator codes (what the import reads), row 2 each indicator's name, unit and kind (for
people; ignored), communes start on row 3. Period and stage are per row, so one file may
carry several months; the template fills them with the period and stage asked for.
Sheet 2 "Thông tin": the province's code in B2 and the criteria set's code in B4 (read), their
names in B3 and B5, then how to fill the cells (for people).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import IO

from django.utils.translation import gettext as _

from communes.models import Commune, Province
from criteria.models import Assessment, CriteriaSet, Indicator
from criteria.services.validation import period_label
from ntm_portal.documents.xlsx import TEXT, Column, Sheet, write_workbook
from ntm_portal.periods import last_day_of_month

HEADER_ROW, FIRST_ROW = 1, 3
COMMUNE, NAME, PERIOD, STAGE = "A", "B", "C", "D"
FIRST_INDICATOR_COLUMN = 5  # E
PROVINCE_CELL, SET_CELL = (2, 2), (4, 2)  # (row, column) on the information sheet: B2, B4
NOT_ASSESSED_MARKS = ("-", "–", "—")  # noqa: RUF001 (hyphen, en dash, em dash on purpose)


@dataclass(frozen=True)
class TemplateRequest:
    province: Province
    criteria_set: CriteriaSet
    period: dt.date
    stage: str


def template_indicators(criteria_set: CriteriaSet) -> list[Indicator]:
    """The set's indicators in the order of the form: by criterion, then position (1 query)."""
    return list(
        Indicator.objects.filter(criterion__criteria_set=criteria_set)
        .select_related("criterion")
        .order_by("criterion__number", "position", "id")
    )


def template_communes(province: Province, period: dt.date) -> list[Commune]:
    """The province's communes (xã) in force in the period, by code (1 query)."""
    in_force_on = period.replace(day=last_day_of_month(period))
    communes = province.communes.filter(kind=Commune.Kind.XA).on(in_force_on)
    return list(communes.order_by("code"))


def indicator_description(indicator: Indicator) -> str:
    unit = f" ({indicator.unit})" if indicator.unit else ""
    return f"{indicator.name_vi}{unit} · {indicator.get_kind_display()}"


def assessment_template_xlsx(request: TemplateRequest, target: IO[bytes]) -> int:
    """Write the template; returns the number of commune rows."""
    indicators = template_indicators(request.criteria_set)
    communes = template_communes(request.province, request.period)
    data = Sheet(
        name=_("Đánh giá"),
        columns=_columns(indicators),
        rows=_data_rows(request, indicators, communes),
    )
    info = Sheet(
        name=_("Thông tin"),
        columns=[Column(_("Mục"), width=28), Column(_("Giá trị"), width=90)],
        rows=_information_rows(request),
    )
    write_workbook(target, [data, info])
    return len(communes)


def assessment_template_filename(request: TemplateRequest) -> str:
    return (
        f"mau-nhap-danh-gia-{request.province.code}-{request.criteria_set.code}-"
        f"{request.period:%Y-%m}.xlsx"
    )


def _columns(indicators: Sequence[Indicator]) -> list[Column]:
    fixed = [
        Column(_("Mã xã"), width=10),
        Column(_("Tên xã"), width=24),
        Column(_("Kỳ (tháng/năm)"), width=12),
        Column(_("Giai đoạn"), width=16),
    ]
    return fixed + [Column(indicator.code, width=14, kind=TEXT) for indicator in indicators]


def _data_rows(
    request: TemplateRequest, indicators: Sequence[Indicator], communes: Sequence[Commune]
) -> Iterator[list[str]]:
    yield ["", "", "", ""] + [indicator_description(i) for i in indicators]
    stage = str(Assessment.Stage(request.stage).label)
    for commune in communes:
        yield [commune.code, commune.name, period_label(request.period), stage]


def _information_rows(request: TemplateRequest) -> list[list[str]]:
    stages = ", ".join(str(label) for label in Assessment.Stage.labels)
    return [
        [_("Mã tỉnh"), request.province.code],
        [_("Tỉnh"), request.province.name],
        [_("Mã bộ tiêu chí"), request.criteria_set.code],
        [_("Bộ tiêu chí"), request.criteria_set.name],
        [_("Cách điền"), _("Mỗi dòng một xã; mỗi cột từ cột E là một chỉ tiêu (mã ở dòng 1).")],
        [_("Kỳ"), _("Tháng/năm, ví dụ 11/2026. Mỗi dòng có thể có kỳ riêng.")],
        [_("Giai đoạn"), stages],
        [_("Ô để trống"), _("Không nhập chỉ tiêu này: giữ giá trị hiện có của xã.")],
        [_("Ô có dấu -"), _("Chỉ tiêu chưa đánh giá trong kỳ này.")],
        [_("Đạt / không đạt"), _("1 hoặc Đạt; 0 hoặc Chưa đạt.")],
        [_("Tỷ lệ (%)"), _("Từ 0 đến 100, ví dụ 96,5.")],
        [_("Số"), _("Số không âm; dấu phẩy là dấu thập phân, ví dụ 1.500,5.")],
        [_("Dòng trống"), _("Xã không có giá trị nào được bỏ qua.")],
    ]
