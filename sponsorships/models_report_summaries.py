"""The monthly report counts, kept on write by sponsorships.services.report_summaries.

Rebuilt from scratch by ``manage.py rebuild_summaries``; the completeness page, its trend and
the province report's totals read them instead of counting every report of the country.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportCount(models.Model):
    """Reports per month, province, one row of a grouping and state (status, late mark).

    ``key`` is the agency's id for the agency grouping, the district's id (0 for communes
    outside any district) for the district grouping, and 0 for the province grouping: the
    province rows make a month's totals and the 12-month trend a read of a few dozen rows.
    ``province_key`` is the province's id, 0 in the agency grouping: an agency helps communes
    of many provinces, and the page counts each agency once.
    Every count is stored: "missing" is a status (draft or returned) and "late" the mark
    earned at the first submission, neither depends on the time of the read.
    """

    class Grouping(models.TextChoices):
        PROVINCE = "province", _("tỉnh")
        AGENCY = "agency", _("cơ quan")
        DISTRICT = "district", _("huyện")

    period = models.DateField()
    province_key = models.IntegerField(default=0)
    grouping = models.CharField(max_length=16, choices=Grouping.choices)
    key = models.IntegerField(default=0)
    status = models.CharField(max_length=16)
    is_late = models.BooleanField(default=False)
    count = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("tổng hợp báo cáo tháng")
        verbose_name_plural = _("tổng hợp báo cáo tháng")
        constraints = [
            models.UniqueConstraint(
                fields=["grouping", "period", "key", "province_key", "status", "is_late"],
                name="%(app_label)s_%(class)s_unique_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.period:%m/%Y} {self.grouping} {self.key} {self.status}: {self.count}"
