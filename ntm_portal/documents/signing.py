"""Optional digital signature (PAdES) of rendered documents, with pyHanko.

On where the province configures a certificate: DOCUMENT_SIGNING_P12 (path of a PKCS#12 file)
and DOCUMENT_SIGNING_P12_PASSWORD in the environment. Without them documents are not signed
(the verification code and QR still let a printed copy be checked).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import io

from django.conf import settings

FIELD_NAME = "ChuKySo"


def signing_configured() -> bool:
    return bool(getattr(settings, "DOCUMENT_SIGNING_P12", ""))


def sign_pdf(pdf: bytes, *, p12_path: str, password: str, location: str = "") -> bytes:
    """The PDF with a PAdES baseline signature (ETSI.CAdES.detached) added incrementally."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    signer = signers.SimpleSigner.load_pkcs12(
        pfx_file=p12_path, passphrase=password.encode() if password else None
    )
    if signer is None:
        raise ValueError("DOCUMENT_SIGNING_P12 could not be opened with its password")
    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=fields.SigSeedSubFilter.PADES,
        reason="Ký số văn bản xuất từ Cổng thông tin nông thôn mới",
        location=location or None,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    return _outside_event_loop(lambda: signers.sign_pdf(writer, metadata, signer=signer).getvalue())


def _outside_event_loop(sign):
    """pyHanko's synchronous API calls asyncio.run(), which refuses to run inside a running
    event loop (an ASGI server, or a test session driving a browser): then sign in a thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return sign()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(sign).result()


def sign_if_configured(pdf: bytes) -> bytes:
    if not signing_configured():
        return pdf
    return sign_pdf(
        pdf,
        p12_path=settings.DOCUMENT_SIGNING_P12,
        password=settings.DOCUMENT_SIGNING_P12_PASSWORD,
    )
