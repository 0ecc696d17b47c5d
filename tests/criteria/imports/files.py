"""Spreadsheets for the assessment import tests: the portal's template, filled as the office
would fill it (openpyxl edits the downloaded file)."""

import datetime as dt
import io

import openpyxl

from criteria.assessment_template import TemplateRequest, assessment_template_xlsx

PERIOD = dt.date(2026, 10, 1)


def template_bytes(province, criteria_set, *, period=PERIOD, stage="appraised") -> bytes:
    target = io.BytesIO()
    request = TemplateRequest(
        province=province, criteria_set=criteria_set, period=period, stage=stage
    )
    assessment_template_xlsx(request, target)
    return target.getvalue()


def filled(template: bytes, values: dict, cells: dict | None = None) -> io.BytesIO:
    """``values``: commune code → {indicator code: cell value}; ``cells``: 'E5' → value on the
    data sheet, or 'Thông tin!B2' → value on the information sheet."""
    workbook = openpyxl.load_workbook(io.BytesIO(template))
    data = workbook.worksheets[0]
    columns = {cell.value: cell.column for cell in data[1]}
    for row in data.iter_rows(min_row=3):
        for code, value in values.get(row[0].value, {}).items():
            data.cell(row=row[0].row, column=columns[code], value=value)
    for place, value in (cells or {}).items():
        sheet_name, _bang, cell = place.rpartition("!")
        sheet = workbook[sheet_name] if sheet_name else data
        sheet[cell] = value
    target = io.BytesIO()
    workbook.save(target)
    target.seek(0)
    return target


def row_of(template: bytes, commune_code: str) -> int:
    data = openpyxl.load_workbook(io.BytesIO(template)).worksheets[0]
    return next(row[0].row for row in data.iter_rows(min_row=3) if row[0].value == commune_code)
