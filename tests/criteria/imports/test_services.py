"""Assessment import: template → filled file → dry run (nothing written) → apply (all or
nothing) → assessments read back with their values and scores; every bad input refused with
its sheet, row and column."""

import datetime as dt
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied

from communes.models import Commune
from criteria.models import Assessment, IndicatorValue
from criteria.services.assessment_imports import (
    AssessmentImportRefused,
    assessment_import_apply,
    assessment_import_check,
)
from tests.communes.factories import CommuneFactory
from tests.criteria.imports.files import PERIOD, filled, row_of, template_bytes
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SHEET = "Đánh giá"
NOT_XLSX = "Tệp không phải là bảng tính Excel (.xlsx)."


def snapshot():
    return (Assessment.objects.count(), IndicatorValue.objects.count())


def stored_values(assessment):
    rows = assessment.indicator_values.select_related("indicator")
    return {row.indicator.code: row.value for row in rows}


def places(report):
    return {(p.sheet, p.row, p.column) for p in report.problems}


def test_the_template_lists_the_province_communes_and_the_set_indicators(
    template, communes, criteria_set
):
    workbook = openpyxl.load_workbook(io.BytesIO(template))
    data, info = workbook.worksheets
    header = [cell.value for cell in data[1]]
    assert header[4:] == ["1.1", "1.2", "2.1", "3.1"]
    assert [data.cell(row=r, column=1).value for r in (3, 4, 5)] == [c.code for c in communes]
    assert data["C3"].value == "10/2026"
    assert data["D3"].value == "Tỉnh thẩm định"
    assert "%" in data["F2"].value
    assert (info["B2"].value, info["B4"].value) == ("P90", criteria_set.code)


def test_the_template_lists_only_the_communes_in_force_in_the_period(
    province, communes, criteria_set, coordination_office
):
    """After the 2025 reform an ended commune gets no row, and a code reused by its successor
    maps to the successor."""
    ended = communes[0]
    ended.valid_to = dt.date(2025, 6, 30)
    ended.save(update_fields=["valid_to"])
    successor = CommuneFactory(
        province=province, code=ended.code, name="Xã Mới", valid_from=dt.date(2025, 7, 1)
    )
    template = template_bytes(province, criteria_set)
    data = openpyxl.load_workbook(io.BytesIO(template)).worksheets[0]
    rows = [(data.cell(row=r, column=1).value, data.cell(row=r, column=2).value) for r in (3, 4, 5)]
    assert rows == [(c.code, c.name) for c in (successor, communes[1], communes[2])]
    source = filled(template, {successor.code: {"1.1": 1}})
    assessment_import_apply(source=source, user=coordination_office)
    assert Assessment.objects.get().commune == successor


def test_dry_run_then_apply_stores_the_values_and_scores(template, communes, coordination_office):
    # given
    first, second, _third = communes
    upload = filled(
        template,
        {
            first.code: {"1.1": "Đạt", "1.2": "95,5", "2.1": 4, "3.1": "1.050,5"},
            second.code: {"1.1": 0, "1.2": 80},
        },
    )
    # when: the dry run
    report = assessment_import_check(source=upload, user=coordination_office)
    # then: every filled row previewed, nothing written, the empty row skipped
    assert report.is_valid, [str(p) for p in report.problems]
    assert [(line.commune_code, line.criteria_met) for line in report.lines] == [
        (first.code, 3),
        (second.code, 0),
    ]
    assert report.skipped == 1
    assert snapshot() == (0, 0)
    # when: the apply
    upload.seek(0)
    applied = assessment_import_apply(source=upload, user=coordination_office)
    # then
    assert applied.is_applied
    stored = Assessment.objects.get(commune=first)
    assert (stored.period, stored.stage, stored.criteria_met, stored.criteria_total) == (
        PERIOD,
        Assessment.Stage.APPRAISED,
        3,
        3,
    )
    assert stored.meets_standard
    values = {
        v.indicator.code: v.value for v in stored.indicator_values.select_related("indicator")
    }
    assert values == {
        "1.1": Decimal(1),
        "1.2": Decimal("95.5"),
        "2.1": Decimal(4),
        "3.1": Decimal("1050.5"),
    }
    other = Assessment.objects.get(commune=second)
    assert (other.criteria_met, other.meets_standard) == (0, False)
    assert Commune.objects.get(pk=first.pk).criteria_met == 3


def test_a_dash_means_not_assessed_and_an_empty_cell_is_left_out(
    template, communes, coordination_office
):
    first = communes[0]
    upload = filled(template, {first.code: {"1.1": 1, "1.2": "—"}})
    assessment_import_apply(source=upload, user=coordination_office)
    stored = Assessment.objects.get(commune=first)
    values = {
        v.indicator.code: v.value for v in stored.indicator_values.select_related("indicator")
    }
    assert values["1.2"] is None
    assert "2.1" not in values or values["2.1"] is None


def test_an_error_on_the_last_row_writes_nothing(template, communes, coordination_office):
    first, second, third = communes
    upload = filled(
        template,
        {first.code: {"1.1": 1}, second.code: {"1.1": 1}, third.code: {"1.2": 101}},
    )
    with pytest.raises(AssessmentImportRefused) as refused:
        assessment_import_apply(source=upload, user=coordination_office)
    assert places(refused.value.report) == {(SHEET, row_of(template, third.code), "F")}
    assert snapshot() == (0, 0)


@pytest.mark.parametrize(
    ("cells", "place"),
    [
        pytest.param({"E3": "có lẽ"}, (SHEET, 3, "E"), id="not-a-boolean"),
        pytest.param({"E3": 2}, (SHEET, 3, "E"), id="boolean-out-of-range"),
        pytest.param({"F3": 100.5}, (SHEET, 3, "F"), id="percent-over-100"),
        pytest.param({"H3": "nhiều"}, (SHEET, 3, "H"), id="text-for-a-number"),
        pytest.param({"H3": -1}, (SHEET, 3, "H"), id="negative-number"),
        pytest.param({"I1": "9.9"}, (SHEET, 1, "I"), id="unknown-indicator-code"),
        pytest.param({"A3": "99999"}, (SHEET, 3, "A"), id="commune-not-in-province"),
        pytest.param({"A4": "91001"}, (SHEET, 4, "A"), id="duplicate-commune-row"),
        pytest.param({"A3": None}, (SHEET, 3, "A"), id="commune-code-missing"),
        pytest.param({"C3": "13/2026"}, (SHEET, 3, "C"), id="period-unreadable"),
        pytest.param({"C3": "12/2020"}, (SHEET, 3, "C"), id="period-without-a-set"),
        pytest.param({"C3": "12/2026"}, (SHEET, 3, "C"), id="period-in-the-future"),
        pytest.param({"D3": "nháp"}, (SHEET, 3, "D"), id="stage-unknown"),
        pytest.param({"Thông tin!B2": "P00"}, ("Thông tin", 2, "B"), id="province-unknown"),
        pytest.param({"Thông tin!B4": "khong-co"}, ("Thông tin", 4, "B"), id="set-unknown"),
    ],
)
def test_bad_input_is_refused_at_its_place_and_nothing_is_written(
    template, communes, coordination_office, cells, place
):
    values = {c.code: {"1.1": 1} for c in communes[:2]}
    upload = filled(template, values, cells)
    report = assessment_import_check(source=upload, user=coordination_office)
    assert place in places(report), [str(p) for p in report.problems]
    assert all(p.message for p in report.problems)
    upload.seek(0)
    with pytest.raises(AssessmentImportRefused):
        assessment_import_apply(source=upload, user=coordination_office)
    assert snapshot() == (0, 0)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"", "Tệp trống.", id="empty"),
        pytest.param(
            b"ma_xa;1.1\n91001;1\n", "Tệp không phải là bảng tính Excel (.xlsx).", id="csv"
        ),
        pytest.param(b"PK\x03\x04broken", "Tệp không phải là bảng tính Excel (.xlsx).", id="zip"),
    ],
)
def test_a_file_that_is_not_xlsx_is_refused(coordination_office, content, message):
    report = assessment_import_check(source=io.BytesIO(content), user=coordination_office)
    assert [str(p) for p in report.problems] == [message]


def test_a_template_with_no_value_filled_is_refused(template, coordination_office):
    report = assessment_import_check(source=filled(template, {}), user=coordination_office)
    assert [str(p) for p in report.problems] == [
        "Đánh giá: Tệp không có dòng nào có giá trị chỉ tiêu."
    ]


def test_a_percent_formatted_cell_reads_as_the_percentage(template, communes, coordination_office):
    first = communes[0]
    upload = filled(template, {first.code: {"1.2": 0.955}})
    workbook = openpyxl.load_workbook(upload)
    workbook.worksheets[0]["F3"].number_format = "0.0%"
    target = io.BytesIO()
    workbook.save(target)
    target.seek(0)
    assessment_import_apply(source=target, user=coordination_office)
    value = IndicatorValue.objects.get(assessment__commune=first, indicator__code="1.2").value
    assert value == Decimal("95.5")


@pytest.mark.parametrize("role", ["leader", "commune_officer", "agency_staff", "no_role_user"])
def test_only_the_office_may_import(request, template, communes, role):
    user = request.getfixturevalue(role)
    upload = filled(template, {communes[0].code: {"1.1": 1}})
    with pytest.raises(PermissionDenied):
        assessment_import_apply(source=upload, user=user)
    with pytest.raises(PermissionDenied):
        assessment_import_check(source=upload, user=user)
    assert snapshot() == (0, 0)


def test_a_superuser_may_import(template, communes):
    admin = UserFactory(username="root", role="", is_superuser=True, is_staff=True)
    upload = filled(template, {communes[0].code: {"1.1": 1}})
    assessment_import_apply(source=upload, user=admin)
    assert Assessment.objects.filter(entered_by=admin).count() == 1


def test_the_period_is_read_from_a_date_cell(template, communes, coordination_office):
    upload = filled(template, {communes[0].code: {"1.1": 1}}, {"C3": dt.datetime(2026, 9, 1)})
    assessment_import_apply(source=upload, user=coordination_office)
    assert Assessment.objects.get(commune=communes[0]).period == dt.date(2026, 9, 1)


def test_a_zip_that_unpacks_too_large_is_refused(coordination_office, monkeypatch):
    monkeypatch.setattr("ntm_portal.spreadsheets.MAX_UNPACKED_BYTES", 1000)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("xl/worksheets/sheet1.xml", "0" * 10_000)
    archive.seek(0)
    report = assessment_import_check(source=archive, user=coordination_office)
    assert [str(p) for p in report.problems] == [NOT_XLSX]


def test_a_file_with_too_many_rows_is_refused_at_the_first_row_past_the_limit(
    template, communes, coordination_office, monkeypatch
):
    monkeypatch.setattr("criteria.services.assessment_sheets.MAX_COMMUNE_ROWS", 2)
    upload = filled(template, {c.code: {"1.1": 1} for c in communes})
    report = assessment_import_check(source=upload, user=coordination_office)
    assert places(report) == {(SHEET, 5, "")}
    assert snapshot() == (0, 0)
