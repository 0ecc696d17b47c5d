"""The monthly report PDF as paper: fonts, page numbers, first-page pixels and a province-sized
report.

Built from a hand-made document (tests/sponsorships/report_document_samples.py), so the bytes do
not depend on database ids or today's date.

Pixel baseline: page 1 at 40 dpi, compared pixel by pixel with a tolerance. After an intended
layout change, look at the new page and regenerate the baseline with
    UPDATE_PDF_BASELINE=1 python -m pytest tests/sponsorships/test_report_document_pdf.py
and commit tests/sponsorships/baselines/monthly_report_page1.png.
"""

import io
import os
from pathlib import Path

import pytest

from tests.pdf_tools import page_png, pdf_fonts, pdf_text, require_pdf_tools
from tests.sponsorships.report_document_samples import sample_document

pytestmark = pytest.mark.pdf
BASELINE = Path(__file__).parent / "baselines" / "monthly_report_page1.png"
CHANNEL_TOLERANCE = 64  # anti-aliasing differences between poppler/freetype builds
MAX_DIFFERING_SHARE = 0.01  # a moved line or a changed word differs in more than 1 % of pixels


def render(activities: int = 3) -> bytes:
    from ntm_portal.documents import render_pdf
    from sponsorships.report_document import TEMPLATE, document_context

    return render_pdf(template_name=TEMPLATE, context=document_context(sample_document(activities)))


def test_every_font_is_embedded_and_is_the_bundled_liberation_serif():
    require_pdf_tools()
    fonts = pdf_fonts(render())
    assert fonts
    for font in fonts:
        assert font["emb"] == "yes", font
        assert font["uni"] == "yes", font  # the text copies out as Vietnamese
        assert "Liberation-Serif" in font["name"], font


def test_pages_are_numbered_in_the_top_margin_from_page_two():
    require_pdf_tools()
    pdf = render(activities=40)
    assert pdf_text(pdf, first=2, last=2).strip().splitlines()[0].strip() == "2"
    assert pdf_text(pdf, first=1, last=1).strip().startswith("UBND TỈNH BẮC KẠN")


def test_each_page_carries_the_verification_code_and_the_end_the_qr_link():
    require_pdf_tools()
    text = pdf_text(render(activities=40))
    assert text.count("Mã xác minh: ABCDE-FGHJK") >= 3
    assert "https://ntm.backan.gov.vn/sponsorships/reports/42/" in text


def test_the_first_page_looks_like_the_baseline():
    require_pdf_tools()
    from PIL import Image, ImageChops

    png = page_png(render(), page=1, dpi=40)
    if os.environ.get("UPDATE_PDF_BASELINE") == "1":
        BASELINE.parent.mkdir(exist_ok=True)
        BASELINE.write_bytes(png)
    page = Image.open(io.BytesIO(png)).convert("L")
    baseline = Image.open(BASELINE).convert("L")
    assert page.size == baseline.size
    diff = ImageChops.difference(page, baseline).point(
        lambda v: 255 if v > CHANNEL_TOLERANCE else 0
    )
    differing = diff.histogram()[255]
    assert differing / (page.width * page.height) <= MAX_DIFFERING_SHARE, differing


def test_a_110_row_report_renders_every_row_on_numbered_pages():
    """A province-sized report (110 activities) is one document with every row; its render
    time is a benchmark figure (bench/documents.py), not a timed test."""
    require_pdf_tools()
    pdf = render(activities=110)
    words = " ".join(pdf_text(pdf).split())
    assert all(f"Nà Đon {n}:" in words for n in (1, 55, 110))
    assert pdf_text(pdf, first=2, last=2).split()[0] == "2"  # more than one page, numbered


def test_the_value_by_kind_chart_is_vector_text_in_the_document_font():
    require_pdf_tools()
    text = pdf_text(render())
    assert "Giá trị hỗ trợ theo hình thức (đồng)" in text
    assert "Tập huấn, hướng dẫn" in text
    assert "7.000.000" in text


def test_one_kind_of_support_needs_no_chart():
    document = sample_document(activities=1)
    assert document.by_kind_chart is None
    assert sample_document(activities=3).by_kind_chart.labels[0] == "Hàng hóa, vật tư"
