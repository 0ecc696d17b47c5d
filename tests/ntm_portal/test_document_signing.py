"""Optional PAdES signing of documents, with a throwaway certificate made in the test."""

import concurrent.futures
import datetime as dt
import io

import pytest

from ntm_portal.documents import render_pdf
from tests.pdf_tools import require_pdf_tools

pytestmark = pytest.mark.pdf


def throwaway_p12(folder, password: bytes):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Văn phòng Điều phối NTM (test)")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, True, False, False, False),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    path = folder / "signing.p12"
    encryption = serialization.BestAvailableEncryption(password)
    path.write_bytes(pkcs12.serialize_key_and_certificates(b"test", key, cert, None, encryption))
    return path, cert


def test_without_a_certificate_the_document_is_not_signed(settings):
    require_pdf_tools()
    settings.DOCUMENT_SIGNING_P12 = ""
    pdf = render()
    assert b"/ByteRange" not in pdf


def test_a_configured_certificate_signs_the_document_pades(settings, tmp_path):
    require_pdf_tools()
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    path, cert = throwaway_p12(tmp_path, b"mat-khau")
    settings.DOCUMENT_SIGNING_P12 = str(path)
    settings.DOCUMENT_SIGNING_P12_PASSWORD = "mat-khau"
    pdf = render()
    signature = PdfFileReader(io.BytesIO(pdf)).embedded_signatures[0]
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    root = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    # pyHanko's synchronous API runs its own event loop: off the thread, where the browser
    # tests' loop may still be running.
    status = in_thread(
        lambda: validate_pdf_signature(signature, ValidationContext(trust_roots=[root]))
    )
    assert status.intact
    assert status.valid
    assert status.bottom_line


def in_thread(func):
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(func).result()


def render() -> bytes:
    """A monthly report made by hand (the kernel has no document of its own)."""
    from sponsorships.report_document import TEMPLATE, document_context
    from tests.sponsorships.report_document_samples import sample_document

    return render_pdf(template_name=TEMPLATE, context=document_context(sample_document()))


def test_signing_works_inside_a_running_event_loop(settings, tmp_path):
    """An ASGI server (or a browser-driving test session) has a loop running in the thread."""
    import asyncio

    require_pdf_tools()
    path, _cert = throwaway_p12(tmp_path, b"mat-khau")
    settings.DOCUMENT_SIGNING_P12 = str(path)
    settings.DOCUMENT_SIGNING_P12_PASSWORD = "mat-khau"

    def render_with_a_loop_running() -> bytes:
        async def main() -> bytes:
            return render()

        return asyncio.run(main())

    pdf = in_thread(render_with_a_loop_running)

    assert b"/ByteRange" in pdf
