"""The pieces of a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I) that
every document shares: letterhead, number, place and date, signer, recipients, paper check."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.safestring import SafeString

from ntm_portal.documents.verification import qr_svg

NBSP = "\u00a0"


def date_line(place: str, date: dt.date) -> str:
    """'Bắc Kạn, ngày 05 tháng 02 năm 2026': days below 10 and months 1 and 2 take a leading
    zero (Nghị định 30/2020, Phụ lục I, mục II.5)."""
    day = f"{date.day:02d}"
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return f"{place}, ngày {day} tháng {month} năm {date.year}"


def month_name(period: dt.date) -> str:
    """'tháng 11 năm 2026' (the subject line of a monthly report)."""
    return f"tháng {period.month} năm {period.year}"


@dataclass(frozen=True)
class Letterhead:
    """Everything of the administrative layout around a document's body."""

    parent_body: str
    issuing_body: str
    number_symbol: str
    place_name: str
    date: dt.date
    doc_type: str
    subject: str
    signer_title: str
    signer_name: str
    recipients: tuple[str, ...]
    verification_code: str
    verify_url: str
    number: str = ""
    signer_authority: str = ""
    is_draft: bool = False  # not yet sent: the page says "DỰ THẢO" so no one files it as sent

    @property
    def date_line(self) -> str:
        return date_line(self.place_name, self.date)

    @property
    def number_line(self) -> str:
        """'Số: 12/BC-VPĐP', or room for the number the clerk writes by hand."""
        return f"Số: {self.number or NBSP * 10}/{self.number_symbol}"

    @property
    def qr(self) -> SafeString:
        return qr_svg(self.verify_url)


def office_letterhead(
    office, *, date: dt.date, doc_type: str, subject: str, code: str, verify_url: str
) -> Letterhead:
    """The coordination office's own documents (the province report): the letterhead, signer and
    recipients the office keeps in its DocumentSettings."""
    return Letterhead(
        parent_body=office.parent_body,
        issuing_body=office.issuing_body,
        number_symbol=office.number_symbol,
        place_name=office.place_name,
        date=date,
        doc_type=doc_type,
        subject=subject,
        signer_title=office.signer_title,
        signer_name=office.signer_name,
        recipients=tuple(office.recipient_lines),
        verification_code=code,
        verify_url=verify_url,
    )
