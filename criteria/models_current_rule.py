"""The office's choice of which assessment of a commune counts, and its audit trail (kept out
of models.py, which had reached 400 lines; importable from criteria.models)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CurrentRule(models.TextChoices):
    """Which assessment of a commune counts (is current) on its page, lists and dashboards."""

    APPRAISED_FIRST = (
        "appraised_first",
        _("Kết quả tỉnh thẩm định mới nhất; xã chưa được thẩm định thì lấy kết quả xã tự đánh giá"),
    )
    LATEST = "latest", _("Kết quả mới nhất, kể cả kết quả xã tự đánh giá")


class CurrentRuleChange(models.Model):
    """The office's choice of :class:`CurrentRule`, one row per change (the latest applies):
    the setting and its audit trail in one table."""

    rule = models.CharField(_("kết quả được tính"), max_length=16, choices=CurrentRule.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thay đổi"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("thay đổi lúc"), auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("thay đổi cách tính kết quả hiện hành")
        verbose_name_plural = _("thay đổi cách tính kết quả hiện hành")

    def __str__(self) -> str:
        return f"{self.get_rule_display()} ({self.changed_by}, {self.changed_at:%d/%m/%Y})"
