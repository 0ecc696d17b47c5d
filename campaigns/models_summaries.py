"""Summary tables of community contributions, kept on write by
campaigns.services.contribution_summaries (importable from campaigns.models)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContributionTotal(models.Model):
    """Summary kept on write: contributions per district and period (their totals), so the
    list's totals read a few rows per period whatever the number of communes.

    ``district_key`` is the commune's district id, 0 for none. ``first_communes`` counts the
    communes whose earliest period with a contribution is this one: summed over every period,
    the communes that contributed (each once).
    """

    district_key = models.PositiveIntegerField(default=0)
    period_start = models.DateField()
    period_end = models.DateField()
    records = models.IntegerField(default=0)
    land_m2 = models.DecimalField(max_digits=16, decimal_places=1, default=0)
    labour_days = models.DecimalField(max_digits=16, decimal_places=1, default=0)
    money = models.BigIntegerField(default=0)
    goods_value = models.BigIntegerField(default=0)
    first_communes = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("tổng hợp đóng góp của cộng đồng")
        verbose_name_plural = _("tổng hợp đóng góp của cộng đồng")
        constraints = [
            models.UniqueConstraint(
                fields=["district_key", "period_start", "period_end"],
                name="%(app_label)s_%(class)s_unique_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.district_key} {self.period_start}–{self.period_end}: {self.records}"


class ContributionCommunePeriod(models.Model):
    """Summary kept on write: contributions per commune and period (how many), to count the
    communes of a time filter and to know each commune's earliest period."""

    commune = models.ForeignKey("communes.Commune", on_delete=models.CASCADE, related_name="+")
    period_start = models.DateField()
    period_end = models.DateField()
    records = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("tổng hợp đóng góp theo xã")
        verbose_name_plural = _("tổng hợp đóng góp theo xã")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "period_start", "period_end"],
                name="%(app_label)s_%(class)s_unique_key",
            )
        ]
        indexes = [
            models.Index(
                fields=["period_start", "period_end", "commune"],
                name="campaigns_contrib_period_idx",
                condition=models.Q(records__gt=0),
            )
        ]

    def __str__(self) -> str:
        return f"{self.commune_id} {self.period_start}–{self.period_end}: {self.records}"
