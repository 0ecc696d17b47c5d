"""The kernel's document module: the paper check, the administrative date line, the engine's
URL fence, and the office's letterhead settings page."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from ntm_portal.documents import qr_svg, verification_code
from ntm_portal.documents.layout import date_line
from ntm_portal.models import DocumentSettings


def test_the_verification_code_is_short_grouped_and_stable():
    code = verification_code(kind="monthly_report", object_id=42, version=3)
    assert re.fullmatch(r"[A-Z2-7]{5}-[A-Z2-7]{5}", code)
    assert code == verification_code(kind="monthly_report", object_id=42, version=3)


def test_the_verification_code_changes_with_version_document_and_key(settings):
    code = verification_code(kind="monthly_report", object_id=42, version=3)
    assert code != verification_code(kind="monthly_report", object_id=42, version=4)
    assert code != verification_code(kind="monthly_report", object_id=43, version=3)
    assert code != verification_code(kind="province_report", object_id=42, version=3)
    settings.SECRET_KEY = "another-secret-key-for-another-portal-0123456789"
    assert code != verification_code(kind="monthly_report", object_id=42, version=3)


def test_the_qr_code_is_an_inline_vector_image():
    svg = str(qr_svg("https://ntm.example/sponsorships/reports/42/", size_mm=18))
    assert svg.startswith("<svg")
    assert 'role="img"' in svg
    assert 'width="18mm"' in svg
    assert "<path" in svg


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (dt.date(2026, 11, 20), "Bắc Kạn, ngày 20 tháng 11 năm 2026"),
        (dt.date(2026, 2, 5), "Bắc Kạn, ngày 05 tháng 02 năm 2026"),
        (dt.date(2026, 3, 9), "Bắc Kạn, ngày 09 tháng 3 năm 2026"),
    ],
)
def test_the_date_line_follows_decree_30(date, expected):
    assert date_line("Bắc Kạn", date) == expected


def test_the_engine_reads_only_the_bundled_fonts():
    pytest.importorskip("weasyprint")  # the fence needs the engine's class, not poppler
    from ntm_portal.documents.engine import _fetcher, fonts_url

    fetcher = _fetcher()
    for url in ("http://127.0.0.1:9/logo.png", "file:///etc/passwd", "https://example.org/a.css"):
        with pytest.raises(ValueError, match="may not load"):
            fetcher.fetch(url)
    assert fetcher.fetch(fonts_url() + "LiberationSerif-Regular.ttf")


PAGE = "document_settings"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [("coordination_office", 200), ("leader", 403), ("agency_staff", 403), ("no_role_user", 403)],
)
def test_only_the_office_edits_the_letterhead(as_role, role, status):
    client, _user = as_role(role)
    assert client.get(reverse(PAGE)).status_code == status
    if status == 403:
        assert client.post(reverse(PAGE), {"issuing_body": "X"}).status_code == 403
        assert DocumentSettings.load().issuing_body == "VĂN PHÒNG ĐIỀU PHỐI NTM"


@pytest.mark.django_db
def test_the_office_saves_the_letterhead(as_role):
    client, _user = as_role("coordination_office")
    data = {
        "parent_body": "UBND TỈNH BẮC KẠN",
        "issuing_body": "VĂN PHÒNG ĐIỀU PHỐI NTM",
        "number_symbol": "BC-VPĐP",
        "place_name": "Bắc Kạn",
        "signer_title": "CHÁNH VĂN PHÒNG",
        "signer_name": "Hoàng Văn Minh",
        "recipients": "UBND tỉnh (b/c);\n\nLưu: VT.",
    }
    assert client.post(reverse(PAGE), data).status_code == 302
    saved = DocumentSettings.load()
    assert saved.signer_name == "Hoàng Văn Minh"
    assert saved.recipient_lines == ["UBND tỉnh (b/c);", "Lưu: VT."]


@pytest.mark.django_db
def test_a_missing_issuing_body_is_refused_with_the_form(as_role):
    client, _user = as_role("coordination_office")
    response = client.post(reverse(PAGE), {"issuing_body": "", "place_name": "Bắc Kạn"})
    assert response.status_code == 400
    assert DocumentSettings.load().issuing_body == "VĂN PHÒNG ĐIỀU PHỐI NTM"


@pytest.mark.django_db
def test_the_office_letterhead_comes_from_its_settings():
    from ntm_portal.documents.layout import office_letterhead

    office = DocumentSettings.load()
    office.signer_name = "Hoàng Văn Minh"
    doc = office_letterhead(
        office,
        date=dt.date(2026, 11, 20),
        doc_type="Báo cáo",
        subject="Tình hình thực hiện Chương trình xây dựng nông thôn mới tháng 11 năm 2026",
        code="ABCDE-FGHJK",
        verify_url="https://ntm.example/reports/",
    )
    assert doc.number_line.endswith("/BC-VPĐP")
    assert doc.date_line == "Bắc Kạn, ngày 20 tháng 11 năm 2026"
    assert doc.recipients[-1] == "Lưu: VT, VPĐP."
    assert (doc.issuing_body, doc.signer_name) == ("VĂN PHÒNG ĐIỀU PHỐI NTM", "Hoàng Văn Minh")
