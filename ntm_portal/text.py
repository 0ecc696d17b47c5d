"""Pure text helpers for names (of units and of people): Unicode normalisation and
accent-insensitive search keys.

In the kernel because the kernel's User keeps a search key too; no ORM imports, tested
without the database.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def normalize_name(value: str) -> str:
    """NFC, trimmed, single spaces: 'Trung  Hoa\u0300 ' → 'Trung Hoà'."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip()


def fold(value: str) -> str:
    """An accent- and case-insensitive key: 'Xuân Lạc', 'XUAN LAC', 'xuan lac' → 'xuan lac'.

    Tone-mark placement does not matter either ('Hoà' and 'Hòa' fold alike), and đ folds to d.
    """
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare.casefold()).strip()
