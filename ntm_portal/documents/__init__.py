"""The document module of the kernel: PDF rendering (the one engine wrapper), the administrative
layout's shared pieces and the paper check (verification code and QR). Imports no app."""

from ntm_portal.documents.engine import render_pdf
from ntm_portal.documents.verification import qr_svg, verification_code

__all__ = ["qr_svg", "render_pdf", "verification_code"]
