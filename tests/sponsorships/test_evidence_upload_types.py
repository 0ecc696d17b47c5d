"""Evidence through the real upload path: the activity form posted as a browser does (multipart),
stored, and downloaded back byte for byte. Every allowed kind, and the size limit to the byte.

(The API takes JSON only; evidence is uploaded through the form.) These pin edges mutation
testing found loose: an .xlsx, .docx or .jpeg file, and a file of exactly the size limit.
"""

import io
import zipfile

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from sponsorships.models import Evidence, SupportActivity
from tests.sponsorships.activity_fixtures import (
    PNG_BYTES,
    activity_post,
    snapshot,
    url,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="JPEG")
    return buffer.getvalue()


def docx_bytes() -> bytes:
    """A minimal Word document laid out as Word writes one (content types first)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as document:
        document.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        document.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>',
        )
        document.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Biên bản bàn giao</w:t></w:r>'
            "</w:p></w:body></w:document>",
        )
    return buffer.getvalue()


def upload(client, name: str, content: bytes):
    return client.post(
        url("activity_create", client.assignment.pk),
        activity_post(evidence=SimpleUploadedFile(name, content)),
    )


@pytest.fixture
def staff_client(as_role, assignment_a):
    client, _user = as_role("agency_staff")
    client.assignment = assignment_a
    return client


@pytest.mark.parametrize(
    ("name", "make_content", "content_type"),
    [
        ("Danh sách hộ nhận hỗ trợ.xlsx", xlsx_bytes, XLSX),
        ("Biên bản bàn giao.docx", docx_bytes, DOCX),
        ("Ảnh lò đốt rác.jpeg", jpeg_bytes, "image/jpeg"),
        ("Ảnh cầu dân sinh.JPG", jpeg_bytes, "image/jpeg"),
    ],
)
def test_each_allowed_kind_is_stored_and_downloads_back_unchanged(
    staff_client, name, make_content, content_type
):
    content = make_content()

    response = upload(staff_client, name, content)

    assert response.status_code == 302, response.content.decode()[:2000]
    evidence = Evidence.objects.get()
    assert (evidence.original_name, evidence.content_type, evidence.size) == (
        name,
        content_type,
        len(content),
    )
    download = staff_client.get(url("evidence_download", evidence.pk))
    assert download["Content-Type"] == content_type
    assert b"".join(download.streaming_content) == content


def test_the_file_picker_offers_every_allowed_kind(staff_client):
    page = staff_client.get(url("activity_create", staff_client.assignment.pk)).content.decode()

    assert 'accept=".jpg,.jpeg,.png,.pdf,.docx,.xlsx"' in page


def test_a_file_of_exactly_the_size_limit_is_accepted(staff_client):
    limit = settings.EVIDENCE_MAX_BYTES  # 10 MB: above the in-memory limit, so a temporary file
    content = PNG_BYTES + b"\0" * (limit - len(PNG_BYTES))

    response = upload(staff_client, "ảnh chụp lớn.png", content)

    assert response.status_code == 302
    assert Evidence.objects.get().size == limit == len(content)


def test_a_file_one_byte_over_the_limit_is_refused_and_nothing_is_saved(staff_client):
    limit = settings.EVIDENCE_MAX_BYTES
    content = PNG_BYTES + b"\0" * (limit + 1 - len(PNG_BYTES))
    before = snapshot()

    response = upload(staff_client, "ảnh quá lớn.png", content)

    assert response.status_code == 200
    assert "Tệp “ảnh quá lớn.png” quá lớn: tối đa 10 MB." in response.content.decode()
    assert snapshot() == before
    assert not SupportActivity.objects.exists()
