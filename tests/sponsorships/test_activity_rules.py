"""Pure rules: money and decimal input, evidence type by magic bytes and size (no database)."""

import pytest

from sponsorships import rules
from tests.sponsorships.activity_fixtures import PNG_BYTES, xlsx_bytes

DOCX_HEAD = b"PK\x03\x04" + b"\x00" * 26 + b"word/document.xml" + b"\x00" * 100


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("21.000.000", 21_000_000),
        ("21000000", 21_000_000),
        ("21 000 000", 21_000_000),
        ("21,000,000", 21_000_000),
        (" 7.500.000 ", 7_500_000),
        ("1.500.000 đồng", 1_500_000),
        ("354.000.000đ", 354_000_000),
        ("0", 0),
        ("-5.000.000", -5_000_000),
        ("999", 999),
        ("21\u00a0000\u00a0000", 21_000_000),
    ],
)
def test_money_is_read_as_people_type_it(text, expected):
    assert rules.parse_money(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "21.00.000",
        "1,5",
        "21.000,000",
        "2.1",
        "21.000.000,50",
        "1..000",
        "1000.000",  # the first group is longer than three digits
        "1.0001",  # a group longer than three digits
    ],
)
def test_money_refuses_what_is_not_whole_dong(text):
    with pytest.raises(ValueError, match="amount of money|mixed separators"):
        rules.parse_money(text)


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("anh.png", PNG_BYTES, None),
        ("ANH.PNG", PNG_BYTES, None),
        ("bao-cao.xlsx", xlsx_bytes(), None),
        ("bien-ban.docx", DOCX_HEAD, None),
        ("scan.pdf", b"%PDF-1.7\n%...", None),
        ("anh.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", None),
        ("anh.jpg", PNG_BYTES, rules.WRONG_TYPE),  # extension and content disagree
        ("trang.html", b"<html><script>alert(1)</script>", rules.WRONG_TYPE),
        ("anh.png", b"<html>not a png</html>", rules.WRONG_TYPE),
        ("tep.exe", b"MZ\x90\x00", rules.WRONG_TYPE),
        ("bang.xlsx", DOCX_HEAD, rules.WRONG_TYPE),
    ],
)
def test_evidence_type_is_decided_by_magic_bytes_and_extension(name, head, expected):
    assert (
        rules.evidence_problem(name=name, head=head, size=len(head), max_bytes=10_000) == expected
    )


def test_evidence_over_the_size_limit_is_refused():
    assert (
        rules.evidence_problem(name="a.png", head=PNG_BYTES, size=10_001, max_bytes=10_000)
        == rules.TOO_LARGE
    )


def test_evidence_exactly_at_the_size_limit_is_accepted():
    assert (
        rules.evidence_problem(name="a.png", head=PNG_BYTES, size=10_000, max_bytes=10_000) is None
    )


def test_empty_evidence_is_refused():
    assert rules.evidence_problem(name="a.png", head=b"", size=0, max_bytes=10_000) == rules.EMPTY
