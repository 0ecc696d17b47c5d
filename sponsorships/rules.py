"""Pure rules of the sponsorship domain, tested without the database.

- ``parse_money``: what a person types for a sum of đồng ("21.000.000", "21000000",
  "21 000 000") → an int; raises ValueError on anything else (decimals, letters).
- ``evidence_problem``: is an uploaded file an allowed kind (by its magic bytes, not its name)
  and small enough? Returns None or a problem code the service turns into a message.
"""

from __future__ import annotations

import re
from pathlib import PurePath

import filetype

MONEY_RE = re.compile(r"^-?\d{1,3}([.\s\u00a0,]\d{3})+$|^-?\d+$")

# Extension → the MIME type its magic bytes must show.
EVIDENCE_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EVIDENCE_EXTENSIONS = ("jpg", "png", "pdf", "docx", "xlsx")
# Enough of the file for the Office (zip) matchers to find the first entries' names.
EVIDENCE_HEAD_BYTES = 16 * 1024

TOO_LARGE = "too_large"
EMPTY = "empty"
WRONG_TYPE = "wrong_type"


def parse_money(text: str) -> int:
    """'21.000.000' / '21000000' / '21 000 000' / '21,000,000' → 21000000.

    Groups of three must be consistent ("2.10.00" is refused), and there are no fractions of
    a đồng. The sign is kept so the caller can say "must not be negative" rather than "invalid".
    """
    cleaned = text.strip().removesuffix("đồng").removesuffix("đ").strip()
    if not MONEY_RE.match(cleaned):
        raise ValueError(f"not an amount of money: {text!r}")
    separators = set(re.findall(r"[.\s\u00a0,]", cleaned))
    if len(separators) > 1:
        raise ValueError(f"mixed separators: {text!r}")
    return int(re.sub(r"[.\s\u00a0,]", "", cleaned))


def evidence_content_type(*, name: str, head: bytes) -> str | None:
    """The MIME type of an allowed file whose bytes match its extension; None otherwise."""
    extension = PurePath(name).suffix.lower().lstrip(".")
    expected = EVIDENCE_TYPES.get(extension)
    if expected is None:
        return None
    kind = filetype.guess(head)
    if kind is None or kind.mime != expected:
        return None
    return expected


def evidence_problem(*, name: str, head: bytes, size: int, max_bytes: int) -> str | None:
    if size == 0:
        return EMPTY
    if size > max_bytes:
        return TOO_LARGE
    if evidence_content_type(name=name, head=head) is None:
        return WRONG_TYPE
    return None
