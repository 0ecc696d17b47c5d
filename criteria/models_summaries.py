"""Summary tables kept on write by criteria.services.summaries (kept out of models.py, which
had passed 400 lines; importable from criteria.models)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from criteria.models import Criterion


class CriterionCount(models.Model):
    """Summary kept on write: current results per province, district and criterion.

    Written by criteria.services.summaries in the transaction that moves "current"; rebuilt by
    ``manage.py rebuild_summaries``. ``district_key`` is the district's id, 0 for none.
    """

    province = models.ForeignKey("communes.Province", on_delete=models.CASCADE, related_name="+")
    district_key = models.PositiveIntegerField(default=0)
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    met = models.IntegerField(default=0)
    not_met = models.IntegerField(default=0)
    not_assessed = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("tổng hợp kết quả tiêu chí")
        verbose_name_plural = _("tổng hợp kết quả tiêu chí")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "district_key", "criterion"],
                name="%(app_label)s_%(class)s_unique_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.province_id}/{self.district_key}/{self.criterion_id}: {self.met}"


class MetCount(models.Model):
    """Summary kept on write: assessed xã per province, district and criteria met (of total)."""

    province = models.ForeignKey("communes.Province", on_delete=models.CASCADE, related_name="+")
    district_key = models.PositiveIntegerField(default=0)
    criteria_met = models.PositiveSmallIntegerField()
    criteria_total = models.PositiveSmallIntegerField()
    communes = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("tổng hợp số tiêu chí đạt")
        verbose_name_plural = _("tổng hợp số tiêu chí đạt")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "district_key", "criteria_met", "criteria_total"],
                name="%(app_label)s_%(class)s_unique_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.province_id}/{self.district_key} {self.criteria_met}: {self.communes}"


class StandingChange(models.Model):
    """Summary kept on write: how the standings of xã change from a month on, per province,
    district and commune group (criteria.standing_rules). The standing at the end of any period
    is the sum of the changes of the months before it."""

    province = models.ForeignKey("communes.Province", on_delete=models.CASCADE, related_name="+")
    district_key = models.PositiveIntegerField(default=0)
    commune_group = models.CharField(max_length=16, blank=True)
    month = models.DateField()
    # The size of the standing's criteria set: averages add only scores of the set in force.
    criteria_total = models.PositiveSmallIntegerField(default=0)
    assessed = models.IntegerField(default=0)
    at_standard = models.IntegerField(default=0)
    criteria_met = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("biến động kết quả đánh giá theo tháng")
        verbose_name_plural = _("biến động kết quả đánh giá theo tháng")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "district_key", "commune_group", "month", "criteria_total"],
                name="%(app_label)s_%(class)s_unique_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.province_id}/{self.district_key}/{self.commune_group} {self.month}"
