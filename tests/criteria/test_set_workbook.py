"""Loading a criteria set from a spreadsheet: dry run, preview of changes, atomic apply."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from criteria.models import CriteriaSet, EnteredVia, Threshold
from criteria.services.set_import import (
    criteria_set_workbook_apply,
    criteria_set_workbook_preview,
)
from criteria.services.set_workbook import write_template
from tests.criteria.factories import CriteriaSetFactory
from tests.criteria.set_workbooks import THRESHOLD_ROWS, workbook_bytes
from tests.factories import UserFactory


def preview(content):
    return criteria_set_workbook_preview(file=io.BytesIO(content))


def apply(content, **kwargs):
    kwargs.setdefault("entered_by", None)
    return criteria_set_workbook_apply(file=io.BytesIO(content), **kwargs)


def stored_thresholds(code="tinh-thu-2026"):
    rows = Threshold.objects.filter(indicator__criterion__criteria_set__code=code)
    return {
        (t.indicator.code, t.classification_key, t.year): (t.value, t.source, t.is_verified)
        for t in rows.select_related("indicator")
    }


def errors_of(content):
    return {(e.sheet, e.row, e.column): e.message for e in preview(content).errors}


def test_round_trip_template_to_apply_reads_back_the_same_thresholds(db):
    buffer = io.BytesIO()
    write_template(buffer)  # the empty template has every sheet and header the reader needs
    assert {e.sheet for e in preview(buffer.getvalue()).errors} == {"Bộ tiêu chí"}

    dry_run = preview(workbook_bytes())
    assert dry_run.errors == []
    assert not CriteriaSet.objects.filter(code="tinh-thu-2026").exists()  # wrote nothing
    user = UserFactory()
    apply(workbook_bytes(), entered_by=user, expected_digest=dry_run.digest)

    assert stored_thresholds() == {
        ("1.1", "group_1", None): (Decimal("1"), "12/2026/QĐ-UBND", True),
        ("2.1", "group_1", None): (Decimal("90"), "12/2026/QĐ-UBND", True),
        ("2.1", "group_2", None): (Decimal("80"), "", False),
        ("2.1", "group_3", 2027): (Decimal("75"), "QĐ 51/2025/QĐ-TTg", True),
    }
    threshold = Threshold.objects.filter(entered_by=user).first()
    assert threshold.entered_via == EnteredVia.SPREADSHEET
    assert threshold.entered_at
    criteria_set = CriteriaSet.objects.get(code="tinh-thu-2026")
    assert (criteria_set.decision_number, criteria_set.issuer) == ("12/2026/QĐ-UBND", "UBND tỉnh")

    filled = io.BytesIO()
    write_template(filled, criteria_set=criteria_set)  # the set's current content, read back
    again = preview(filled.getvalue())
    assert again.errors == []
    assert again.changes == []


def test_reimport_previews_old_to_new_and_flags_values_corrected_in_the_admin(db):
    apply(workbook_bytes())
    corrected = Threshold.objects.get(indicator__code="2.1", classification_key="group_2")
    corrected.value, corrected.entered_via = Decimal("85"), EnteredVia.ADMIN
    corrected.save()
    rows = [list(r) for r in THRESHOLD_ROWS]
    rows[1][3], rows[2][3] = 95, 70

    changes = preview(workbook_bytes(thresholds=rows)).changes

    values = {(c.item, c.field): (c.old, c.new, c.corrected_in_admin) for c in changes}
    assert values == {
        ("2.1 [group_1]", "value"): (Decimal("90.00"), Decimal("95"), False),
        ("2.1 [group_2]", "value"): (Decimal("85.00"), Decimal("70"), True),
    }
    apply(workbook_bytes(thresholds=rows))
    assert stored_thresholds()["2.1", "group_1", None][0] == Decimal("95")
    assert stored_thresholds()["2.1", "group_2", None][0] == Decimal("85")  # kept
    apply(workbook_bytes(thresholds=rows), overwrite_corrected=True)
    assert stored_thresholds()["2.1", "group_2", None][0] == Decimal("70")


def test_an_error_on_the_last_row_writes_nothing(db):
    rows = [*THRESHOLD_ROWS, ["2.1", "group_2", 2028, "cao", ""]]
    content = workbook_bytes(thresholds=rows)

    assert errors_of(content) == {("Ngưỡng", 6, "Ngưỡng"): "“cao” không phải là số."}
    with pytest.raises(ValidationError) as error:
        apply(content)
    assert "dòng 6" in error.value.messages[0]
    assert not CriteriaSet.objects.filter(code="tinh-thu-2026").exists()


def test_apply_refuses_when_the_set_changed_since_the_dry_run(db):
    apply(workbook_bytes())
    rows = [list(r) for r in THRESHOLD_ROWS]
    rows[1][3] = 95
    digest = preview(workbook_bytes(thresholds=rows)).digest
    Threshold.objects.filter(indicator__code="2.1", classification_key="group_1").update(
        value=Decimal("91")
    )

    with pytest.raises(ValidationError):
        apply(workbook_bytes(thresholds=rows), expected_digest=digest)
    assert stored_thresholds()["2.1", "group_1", None][0] == Decimal("91")


@pytest.mark.parametrize(
    ("row", "column", "expected"),
    [
        (["9.9", "group_1", None, 50, ""], "Mã chỉ tiêu", "không có trong trang"),
        (["2.1", "group_1", 2026, "cao", ""], "Ngưỡng", "không phải là số"),
        (["2.1", "group_1", 2026, 140, ""], "Ngưỡng", "Tỷ lệ phải từ 0 đến 100"),
        (["1.1", "group_2", None, 2, ""], "Ngưỡng", "Đạt (1) hoặc Chưa đạt (0)"),
        (["2.1", "tdmnpb", None, 50, ""], "Vùng / nhóm xã", "không phải là vùng / nhóm xã"),
        (["2.1", "group_1", None, 70, ""], "Vùng / nhóm xã", "trùng với dòng 3"),
        (["2.1", "group_1", "năm sau", 70, ""], "Từ năm", "không phải là số nguyên"),
    ],
)
def test_bad_threshold_rows_are_named_by_sheet_row_and_column(db, row, column, expected):
    errors = errors_of(workbook_bytes(thresholds=[*THRESHOLD_ROWS, row]))

    assert list(errors) == [("Ngưỡng", 6, column)]
    assert expected in errors["Ngưỡng", 6, column]


def test_bad_sheets_rows_and_missing_columns_are_all_listed(db):
    criteria = [[1, "TC01", "Quy hoạch", "", 0], [1, "TC01b", "Trùng", "", 0]]
    indicators = [
        [1, "1.1", "Có quy hoạch", "", "boolean", "eq", ""],
        [3, "3.1", "Không có tiêu chí", "", "text", "gte", ""],
    ]

    errors = errors_of(
        workbook_bytes(
            criteria=criteria, indicators=indicators, thresholds=[], drop_columns=("issuer",)
        )
    )
    assert ("Tiêu chí", 3, "Số") in errors
    assert ("Chỉ tiêu", 3, "Số tiêu chí") in errors
    assert ("Chỉ tiêu", 3, "Kiểu") in errors
    missing = errors_of(workbook_bytes(drop_columns=("value",), drop_sheets=("criteria",)))
    assert ("Ngưỡng", 1, "Ngưỡng") in missing
    assert ("Tiêu chí", None, "") in missing


def test_not_a_spreadsheet_is_refused(db):
    assert preview(b"not a workbook").errors[0].message.startswith("Tệp không phải")


def test_commands_dry_run_then_apply(db, tmp_path):
    path = tmp_path / "set.xlsx"
    path.write_bytes(workbook_bytes())

    call_command("import_criteria_set", str(path), stdout=io.StringIO())
    assert not CriteriaSet.objects.filter(code="tinh-thu-2026").exists()
    call_command("import_criteria_set", str(path), "--apply", stdout=io.StringIO())
    assert len(stored_thresholds()) == 4
    out = tmp_path / "template.xlsx"
    call_command("criteria_set_template", "--out", str(out), "--set", "tinh-thu-2026")
    assert preview(out.read_bytes()).changes == []


def test_command_refuses_a_bad_file_and_writes_nothing(db, tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(workbook_bytes(thresholds=[["9.9", "group_1", None, 1, ""]]))

    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_criteria_set", str(path), "--apply", stdout=io.StringIO())
    assert not CriteriaSet.objects.filter(code="tinh-thu-2026").exists()


def test_a_province_loads_its_own_stricter_set_which_wins_in_its_province(db):
    import datetime as dt

    from criteria.selectors import criteria_set_for_period
    from tests.communes.factories import ProvinceFactory
    from tests.criteria.set_workbooks import SET_ROW

    province = ProvinceFactory()
    CriteriaSetFactory(code="quoc-gia", valid_from=dt.date(2026, 2, 15))
    own = [*SET_ROW[:9], province.code]

    apply(workbook_bytes(set_rows=[own]))

    criteria_set = CriteriaSet.objects.get(code="tinh-thu-2026")
    assert criteria_set.province == province
    assert criteria_set_for_period(period=dt.date(2026, 3, 1), province=province) == criteria_set
    assert errors_of(workbook_bytes(set_rows=[[*SET_ROW[:9], "99"]])) == {
        ("Bộ tiêu chí", 2, "Mã tỉnh"): "Không có tỉnh mã “99”."
    }
