"""Reading and validating unit files without the database: every error names row and column."""

import json

import pytest
from django.core.exceptions import ValidationError

from communes.models import Commune, CommuneGroup, Region
from communes.unit_rows import parse_region, parse_units, read_records

HEADER = (
    "province_code,province_name,district_code,district_name,district_kind,"
    "commune_code,commune_name,commune_kind"
)
KIND_HINT = "(dùng Xã, Phường, Thị trấn hoặc Đặc khu)"


def csv_text(*rows: str, header: str = HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


def errors_of(exc_info) -> list[str]:
    return exc_info.value.message_dict["file"]


def test_csv_rows_are_read_with_spreadsheet_row_numbers():
    source = csv_text(
        "06,Bắc Kạn,064,Chợ Đồn,Huyện,02023,Xuân Lạc,Xã",
        "06,Bắc Kạn,064,Chợ Đồn,Huyện,02020,Bằng Lũng,Thị trấn",
    )

    rows = parse_units(read_records(source, fmt="csv"))

    assert [(r.row, r.commune_code, r.commune_kind) for r in rows] == [
        (2, "02023", Commune.Kind.XA),
        (3, "02020", Commune.Kind.THI_TRAN),
    ]
    assert rows[0].district_code == "064"
    assert rows[0].district_kind == "Huyện"


def test_bad_kind_is_reported_with_row_and_column():
    source = csv_text(
        *[f"06,Bắc Kạn,064,Chợ Đồn,Huyện,0202{i},Xã {i},Xã" for i in range(5)],
        "06,Bắc Kạn,064,Chợ Đồn,Huyện,02099,Xuân Lạc,Xa",
    )

    with pytest.raises(ValidationError) as exc_info:
        parse_units(read_records(source, fmt="csv"))

    assert errors_of(exc_info) == [
        f"Dòng 7, cột commune_kind: loại đơn vị 'Xa' không hợp lệ {KIND_HINT}"
    ]


def test_every_bad_cell_is_reported_not_only_the_first():
    source = csv_text(
        "06,Bắc Kạn,064,Chợ Đồn,Huyện,ABC,,Xã",
        "06,Bắc Kạn,064,Chợ Đồn,Huyện,02023,Xuân Lạc,Làng",
    )

    with pytest.raises(ValidationError) as exc_info:
        parse_units(read_records(source, fmt="csv"))

    assert errors_of(exc_info) == [
        "Dòng 2, cột commune_code: mã 'ABC' không hợp lệ (chỉ gồm chữ số, tối đa 8 chữ số)",
        "Dòng 2, cột commune_name: không được để trống",
        f"Dòng 3, cột commune_kind: loại đơn vị 'Làng' không hợp lệ {KIND_HINT}",
    ]


def test_duplicate_code_and_conflicting_district_name_are_reported():
    source = csv_text(
        "06,Bắc Kạn,064,Chợ Đồn,Huyện,02023,Xuân Lạc,Xã",
        "06,Bắc Kạn,064,Chợ Mới,Huyện,02023,Xuân Lạc,Xã",
    )

    with pytest.raises(ValidationError) as exc_info:
        parse_units(read_records(source, fmt="csv"))

    assert errors_of(exc_info) == [
        "Dòng 3, cột commune_code: mã '02023' đã có ở dòng 2",
        "Dòng 3, cột district_name: huyện '064' mang tên hoặc tỉnh khác ở dòng 2",
    ]


def test_missing_required_column_is_reported_before_rows():
    source = csv_text(
        "06,Bắc Kạn,02023,Xuân Lạc", header="province_code,province_name,commune_code,commune_name"
    )

    with pytest.raises(ValidationError) as exc_info:
        read_records(source, fmt="csv")

    assert errors_of(exc_info) == ["Thiếu cột bắt buộc: commune_kind."]


def test_optional_columns_accept_values_and_vietnamese_labels():
    header = (
        HEADER + ",region,commune_group,difficulty,ntm_level,ntm_level_year,target_year,villages"
    )
    source = csv_text(
        "06,Bắc Kạn,064,Chợ Đồn,Huyện,02023,Xuân Lạc,xã,"
        "TDMNPB,3,Đặc biệt khó khăn,Đạt chuẩn NTM,2020,2020,Bản Ó; Bản He",
        header=header,
    )

    (row,) = parse_units(read_records(source, fmt="csv"))

    assert (row.commune_kind, row.region, row.commune_group) == (
        Commune.Kind.XA,
        Region.TDMNPB,
        CommuneGroup.GROUP_3,
    )
    assert (row.difficulty, row.ntm_level, row.ntm_level_year) == (
        Commune.Difficulty.ESPECIALLY_DIFFICULT,
        Commune.Level.STANDARD,
        2020,
    )
    assert row.villages == ("Bản Ó", "Bản He")


def test_level_without_year_and_bad_year_are_errors():
    header = HEADER + ",ntm_level,ntm_level_year,target_year"
    source = csv_text(
        "06,Bắc Kạn,064,Chợ Đồn,Huyện,02023,Xuân Lạc,Xã,standard,,20x5", header=header
    )

    with pytest.raises(ValidationError) as exc_info:
        parse_units(read_records(source, fmt="csv"))

    assert errors_of(exc_info) == [
        "Dòng 2, cột target_year: năm '20x5' không hợp lệ (từ 1990 đến 2100)",
        "Dòng 2, cột ntm_level_year: cần năm đạt khi đã có mức NTM",
    ]


def test_json_records_are_numbered_from_one_and_take_village_lists():
    source = json.dumps(
        {
            "units": [
                {
                    "province_code": "19",
                    "province_name": "Thái Nguyên",
                    "commune_code": "01840",
                    "commune_name": "Đức Xuân",
                    "commune_kind": "Phường",
                    "villages": ["Tổ 1", "Tổ 2"],
                },
                {
                    "province_code": "19",
                    "province_name": "Thái Nguyên",
                    "commune_code": "01849",
                    "commune_name": "Phong Quang",
                    "commune_kind": "Xa",
                },
            ]
        },
        ensure_ascii=False,
    )

    with pytest.raises(ValidationError) as exc_info:
        parse_units(read_records(source, fmt="json"))

    assert errors_of(exc_info) == [
        f"Dòng 2, cột commune_kind: loại đơn vị 'Xa' không hợp lệ {KIND_HINT}"
    ]


@pytest.mark.parametrize(
    ("source", "fmt", "message"),
    [
        ("{not json", "json", "Tệp JSON không hợp lệ"),
        ('{"rows": []}', "json", "Tệp JSON phải là một danh sách đơn vị"),
        (HEADER + "\n", "csv", "Tệp không có dòng dữ liệu nào."),
    ],
)
def test_malformed_files_are_rejected_with_a_message(source, fmt, message):
    with pytest.raises(ValidationError) as exc_info:
        read_records(source, fmt=fmt)

    assert errors_of(exc_info)[0].startswith(message)


def test_unknown_format_is_rejected():
    with pytest.raises(ValidationError) as exc_info:
        read_records("", fmt="xlsx")

    assert exc_info.value.message_dict == {
        "format": ["Định dạng 'xlsx' không được hỗ trợ (csv hoặc json)."]
    }


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("tdmnpb", Region.TDMNPB),
        ("TDMNPB", Region.TDMNPB),
        ("Bắc Trung Bộ", Region.BTB),
        (None, None),
    ],
)
def test_region_option_accepts_code_or_name(value, expected):
    assert parse_region(value) == expected


def test_unknown_region_option_is_an_error_on_region():
    with pytest.raises(ValidationError) as exc_info:
        parse_region("Miền Bắc")

    assert exc_info.value.message_dict == {"region": ["Vùng 'Miền Bắc' không hợp lệ."]}


def test_a_systematic_mistake_reports_the_first_50_errors_and_how_many_more():
    source = csv_text(*[f"06,Bắc Kạn,064,Chợ Đồn,Huyện,{20000 + i},Xã {i},Xa" for i in range(120)])

    with pytest.raises(ValidationError) as exc_info:
        parse_units(read_records(source, fmt="csv"))

    messages = errors_of(exc_info)
    assert len(messages) == 51
    assert messages[0].startswith("Dòng 2, cột commune_kind")
    assert messages[-1] == "… và 70 lỗi khác."
