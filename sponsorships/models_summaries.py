"""Summary tables of support activities, kept on write by sponsorships.services.summaries.

Rebuilt from scratch by ``manage.py rebuild_summaries``; the overview's "Giúp đỡ xã năm" block
and its month chart read ActivityYearTotal, the totals page ActivityTotal, instead of grouping
every activity of the year. (ActivityMonth and ActivityCommuneYear, which the overview read
before, are the month and commune rows of ActivityYearTotal now.)
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityYearTotal(models.Model):
    """Activities, money and labour days per province, year and one row of a grouping: a
    commune, a kind of support, a criterion aimed at, an agency or a month. ``key`` is the
    commune's, criterion's or agency's id, the kind's value or the month's number ("" for
    activities aimed at no criterion): a province's year is a few hundred rows at most."""

    class Grouping(models.TextChoices):
        COMMUNE = "commune", _("xã")
        KIND = "kind", _("hình thức")
        CRITERION = "criterion", _("tiêu chí")
        AGENCY = "agency", _("cơ quan")
        MONTH = "month", _("tháng")

    province = models.ForeignKey("communes.Province", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    grouping = models.CharField(max_length=16, choices=Grouping.choices)
    key = models.CharField(max_length=32, blank=True)
    count = models.IntegerField(default=0)
    amount = models.BigIntegerField(default=0)
    labour_days = models.DecimalField(max_digits=16, decimal_places=1, default=0)

    class Meta:
        verbose_name = _("tổng hợp hoạt động theo năm")
        verbose_name_plural = _("tổng hợp hoạt động theo năm")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "year", "grouping", "key"],
                name="%(app_label)s_%(class)s_unique_key",
            )
        ]
        indexes = [
            models.Index(
                fields=["province", "year", "grouping", "-amount"],
                name="sponsorships_year_largest",
            ),
            models.Index(
                fields=["province", "year", "grouping"],
                condition=models.Q(count__gt=0),
                name="sponsorships_year_nonzero",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.province_id} {self.year} {self.grouping} {self.key}: {self.count}"


class ActivityTotal(models.Model):
    """ActivityYearTotal over every province: what the totals page shows, one row per row of
    its tables, so it reads the largest rows by an index instead of adding up the provinces.
    ``year`` 0 holds every year's sum (except months, whose rows are of their own year)."""

    EVERY_YEAR = 0

    year = models.PositiveSmallIntegerField()
    grouping = models.CharField(max_length=16, choices=ActivityYearTotal.Grouping.choices)
    key = models.CharField(max_length=32, blank=True)
    count = models.IntegerField(default=0)
    amount = models.BigIntegerField(default=0)
    labour_days = models.DecimalField(max_digits=16, decimal_places=1, default=0)

    class Meta:
        verbose_name = _("tổng hợp hoạt động toàn quốc")
        verbose_name_plural = _("tổng hợp hoạt động toàn quốc")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "grouping", "key"], name="%(app_label)s_%(class)s_unique_key"
            )
        ]
        indexes = [
            models.Index(fields=["year", "grouping", "-amount"], name="sponsorships_total_largest"),
            # How many agencies and communes: counted on the index alone.
            models.Index(
                fields=["year", "grouping"],
                condition=models.Q(count__gt=0),
                name="sponsorships_total_nonzero",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.grouping} {self.key}: {self.count}"
