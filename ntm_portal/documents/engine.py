"""The only module that imports the PDF engine (WeasyPrint; house style §3.7).

Templates under templates/documents/ extend documents/base.html, which lays out a Vietnamese
administrative document (Nghị định 30/2020/NĐ-CP) in the bundled Liberation Serif. The engine
may read the bundled fonts and data: URLs and nothing else: no network, no other file.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from ntm_portal.documents.signing import sign_if_configured

FONTS_DIR = Path(settings.BASE_DIR) / "static" / "fonts"


def fonts_url() -> str:
    """file:///…/static/fonts/ for the @font-face rules of documents/base.html."""
    return FONTS_DIR.as_uri() + "/"


def render_html(*, template_name: str, context: dict) -> str:
    """The document's HTML, as the engine reads it (tests check figures on it). Administrative
    documents are Vietnamese whatever the reader's page language: numbers as 21.000.000."""
    with translation.override("vi"):
        return render_to_string(template_name, {**context, "fonts_url": fonts_url()})


def render_pdf(*, template_name: str, context: dict) -> bytes:
    """Render a document template to PDF bytes; the context holds evaluated data only."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    html = render_html(template_name=template_name, context=context)
    font_config = FontConfiguration()
    document = HTML(string=html, base_url=fonts_url(), url_fetcher=_fetcher())
    return sign_if_configured(document.write_pdf(font_config=font_config))


def _fetcher():
    from weasyprint.urls import URLFetcher

    class BundledOnly(URLFetcher):
        """Fetches the bundled fonts and data: URLs; refuses every other address."""

        def fetch(self, url, headers=None):
            if url.startswith("data:") or (url.startswith("file:") and url.startswith(fonts_url())):
                return super().fetch(url, headers)
            raise ValueError(f"documents may not load {url}")

    return BundledOnly(allowed_protocols=("file", "data"))
