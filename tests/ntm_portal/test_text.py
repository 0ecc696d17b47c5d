"""Name normalisation and the accent-insensitive search key: pure, no database."""

import unicodedata

import pytest

from ntm_portal.text import fold, normalize_name


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Xuân Lạc", "Xuân Lạc"),
        (unicodedata.normalize("NFD", "Xuân Lạc"), "Xuân Lạc"),
        ("  Trung   Hoà \t", "Trung Hoà"),
        ("", ""),
    ],
)
def test_normalize_name_gives_nfc_with_single_spaces(raw, expected):
    assert normalize_name(raw) == expected
    assert unicodedata.is_normalized("NFC", normalize_name(raw))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Xuân Lạc", "xuan lac"),
        ("XUÂN LẠC", "xuan lac"),
        ("xuan lac", "xuan lac"),
        ("Đồng Phúc", "dong phuc"),
        ("Trung Hoà", "trung hoa"),
        ("Trung Hòa", "trung hoa"),
        (unicodedata.normalize("NFD", "Sĩ Bình"), "si binh"),
        ("  Nà   Phặc ", "na phac"),
    ],
)
def test_fold_ignores_case_diacritics_and_tone_mark_placement(text, expected):
    assert fold(text) == expected
