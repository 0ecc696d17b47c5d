"""Build criteria-set spreadsheets in memory for the import tests."""

import io

from openpyxl import Workbook

from criteria.services.set_workbook import CRITERIA, INDICATORS, SET, SHEETS, THRESHOLDS

SET_ROW = [
    "tinh-thu-2026",
    "Bộ tiêu chí xã NTM của tỉnh (thử)",
    "12/2026/QĐ-UBND",
    "01/03/2026",
    "UBND tỉnh",
    "",
    "15/02/2026",
    "",
    "commune_group",
    "",
]
CRITERIA_ROWS = [[1, "TC01", "Quy hoạch", "Planning", 0], [2, "TC02", "Hạ tầng", "", 0]]
INDICATOR_ROWS = [
    [1, "1.1", "Có quy hoạch", "", "boolean", "eq", ""],
    [2, "2.1", "Tỷ lệ đường được cứng hoá", "", "percent", "gte", "%"],
]
THRESHOLD_ROWS = [
    ["1.1", "group_1", None, 1, "12/2026/QĐ-UBND"],
    ["2.1", "group_1", None, 90, "12/2026/QĐ-UBND"],
    ["2.1", "group_2", None, 80, ""],  # no source decision: not verified
    ["2.1", "group_3", 2027, 75, "QĐ 51/2025/QĐ-TTg"],
]


def workbook_bytes(
    *,
    set_rows=None,
    criteria=None,
    indicators=None,
    thresholds=None,
    drop_columns=(),
    drop_sheets=(),
):
    content = {
        SET: [SET_ROW] if set_rows is None else set_rows,
        CRITERIA: CRITERIA_ROWS if criteria is None else criteria,
        INDICATORS: INDICATOR_ROWS if indicators is None else indicators,
        THRESHOLDS: THRESHOLD_ROWS if thresholds is None else thresholds,
    }
    workbook = Workbook()
    workbook.remove(workbook.active)
    for key, (name, fields) in SHEETS.items():
        if key in drop_sheets:
            continue
        sheet = workbook.create_sheet(name)
        keep = [i for i, f in enumerate(fields) if f.key not in drop_columns]
        sheet.append([fields[i].header for i in keep])
        for row in content[key]:
            sheet.append([row[i] if i < len(row) else None for i in keep])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
