"""What the office edits about its documents: issuing body, signer, place, symbol, recipients.

One row (a singleton, pk 1): the province's documents share one letterhead.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentSettings(models.Model):
    parent_body = models.CharField(
        _("cơ quan chủ quản"), max_length=200, default="UBND TỈNH BẮC KẠN", blank=True
    )
    issuing_body = models.CharField(
        _("cơ quan ban hành"), max_length=200, default="VĂN PHÒNG ĐIỀU PHỐI NTM"
    )
    place_name = models.CharField(_("địa danh"), max_length=100, default="Bắc Kạn")
    number_symbol = models.CharField(
        _("ký hiệu số văn bản"),
        max_length=50,
        default="BC-VPĐP",
        help_text=_("Phần sau dấu gạch chéo của “Số: …/BC-VPĐP”."),
    )
    signer_title = models.CharField(
        _("chức vụ người ký"), max_length=200, default="CHÁNH VĂN PHÒNG"
    )
    signer_name = models.CharField(_("họ tên người ký"), max_length=200, blank=True)
    recipients = models.TextField(
        _("nơi nhận"),
        blank=True,
        default="UBND tỉnh (b/c);\nBan Chỉ đạo các CTMTQG tỉnh (b/c);\nLưu: VT, VPĐP.",
        help_text=_("Mỗi nơi nhận một dòng."),
    )
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    class Meta:
        verbose_name = _("thiết lập văn bản")
        verbose_name_plural = _("thiết lập văn bản")

    def __str__(self) -> str:
        return str(self.issuing_body)

    @classmethod
    def load(cls) -> DocumentSettings:
        """The one row, created with the defaults on first use."""
        return cls.objects.get_or_create(pk=1)[0]

    @property
    def recipient_lines(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]
