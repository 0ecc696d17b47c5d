"""Versioned criteria sets, their criteria, indicators and thresholds; assessments and results.

An assessment is never edited: a new assessment is a new row, and ``is_current`` marks the
latest one per commune so dashboards read precomputed rows without scanning history.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from communes.models import Commune


class ClassificationScheme(models.TextChoices):
    REGION = "region", _("Theo vùng (2021–2025)")
    COMMUNE_GROUP = "commune_group", _("Theo nhóm xã (2026–2030)")


class Result(models.TextChoices):
    """The outcome for an indicator or a criterion."""

    MET = "met", _("Đạt")
    NOT_MET = "not_met", _("Chưa đạt")
    NOT_ASSESSED = "not_assessed", _("Chưa đánh giá")


class CriteriaSet(models.Model):
    """A versioned set of criteria (e.g. QĐ 318/QĐ-TTg, 2021–2025), national or a province's own."""

    code = models.SlugField(_("mã"), max_length=64, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=500)
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)
    decision_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan / người ban hành"), max_length=255, blank=True)
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    classification_scheme = models.CharField(
        _("cách phân loại ngưỡng"),
        max_length=16,
        choices=ClassificationScheme.choices,
        default=ClassificationScheme.REGION,
    )
    province = models.ForeignKey(
        "communes.Province",
        verbose_name=_("tỉnh (để trống: bộ quốc gia)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("bộ tiêu chí")
        verbose_name_plural = _("bộ tiêu chí")
        constraints = [
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_valid_to_after_from",
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def is_in_force(self, on: dt.date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)

    def has_ended(self, on: dt.date) -> bool:
        """Whether the set is no longer in force on ``on`` (its end date has passed)."""
        return self.valid_to is not None and self.valid_to < on

    @property
    def has_ended_today(self) -> bool:
        from django.utils import timezone

        return self.has_ended(timezone.localdate())


class Criterion(models.Model):
    """One of the criteria of a set (e.g. Tiêu chí 7: Cơ sở hạ tầng thương mại nông thôn)."""

    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="criteria")
    number = models.PositiveSmallIntegerField(_("số"))
    code = models.CharField(_("mã"), max_length=16)
    name_vi = models.CharField(_("tên (tiếng Việt)"), max_length=255)
    name_en = models.CharField(_("tên (tiếng Anh)"), max_length=255)
    group = models.CharField(_("nhóm"), max_length=255, blank=True)
    is_name_verified = models.BooleanField(_("tên đã kiểm chứng"), default=False)
    responsible_sector = models.CharField(_("ngành phụ trách"), max_length=500, blank=True)
    # QĐ 18/2022/QĐ-TTg: losing one of these (income; environment and food safety; defence and
    # security) with 30–50 % of the criteria below standard revokes the commune's recognition.
    is_critical = models.BooleanField(
        _("tiêu chí quan trọng (căn cứ thu hồi)"),
        default=False,
        help_text=_(
            "Theo QĐ 18/2022/QĐ-TTg: xã có 30–50 % tiêu chí không đạt, trong đó có tiêu chí "
            "này, bị thu hồi quyết định công nhận."
        ),
    )

    class Meta:
        ordering = ["criteria_set", "number"]
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        constraints = [
            models.UniqueConstraint(
                fields=["criteria_set", "number"], name="%(app_label)s_%(class)s_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    @property
    def name(self) -> str:
        from django.utils.translation import get_language

        return self.name_en if (get_language() or "vi").startswith("en") else self.name_vi


class Indicator(models.Model):
    """An indicator (chỉ tiêu) of a criterion, compared against a threshold."""

    class Kind(models.TextChoices):
        BOOLEAN = "boolean", _("Đạt / không đạt")
        PERCENT = "percent", _("Tỷ lệ (%)")
        NUMBER = "number", _("Số")

    class Comparator(models.TextChoices):
        GTE = "gte", "≥"
        LTE = "lte", "≤"
        EQ = "eq", "="

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("mã"), max_length=16)
    name_vi = models.CharField(_("tên (tiếng Việt)"), max_length=500)
    name_en = models.CharField(_("tên (tiếng Anh)"), max_length=500)
    kind = models.CharField(_("kiểu"), max_length=16, choices=Kind.choices)
    comparator = models.CharField(_("so sánh"), max_length=8, choices=Comparator.choices)
    unit = models.CharField(_("đơn vị"), max_length=64, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_verified = models.BooleanField(_("đã kiểm chứng"), default=False)
    confidence = models.CharField(_("độ tin cậy"), max_length=16, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["criterion", "position", "id"]
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        constraints = [
            models.UniqueConstraint(
                fields=["criterion", "code"], name="%(app_label)s_%(class)s_unique_code"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        from django.utils.translation import get_language

        return self.name_en if (get_language() or "vi").startswith("en") else self.name_vi


class EnteredVia(models.TextChoices):
    """How a threshold was last written: an admin correction is never overwritten silently."""

    FILE = "file", _("Tệp dữ liệu đi kèm")
    SPREADSHEET = "spreadsheet", _("Nhập từ bảng tính")
    ADMIN = "admin", _("Sửa trong trang quản trị")


class Threshold(models.Model):
    """The value an indicator must reach for one classification key (region or commune group).

    ``year`` is set for thresholds that change yearly (income); blank applies to every year,
    and a year-specific row wins over it. A null ``value`` means the value is not known yet:
    indicators against it are "not assessed". For boolean indicators the value is 1 (Đạt).
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="thresholds")
    classification_key = models.CharField(_("vùng / nhóm xã"), max_length=16)
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    value = models.DecimalField(_("ngưỡng"), max_digits=14, decimal_places=2, null=True, blank=True)
    is_verified = models.BooleanField(_("đã kiểm chứng"), default=False)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    source = models.CharField(_("quyết định nguồn"), max_length=255, blank=True)
    entered_via = models.CharField(
        _("nhập qua"), max_length=16, choices=EnteredVia.choices, default=EnteredVia.FILE
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("nhập lúc"), null=True, blank=True)

    class Meta:
        ordering = ["indicator", "classification_key", "year"]
        verbose_name = _("ngưỡng")
        verbose_name_plural = _("ngưỡng")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "classification_key", "year"],
                name="%(app_label)s_%(class)s_unique_key_year",
            ),
            models.UniqueConstraint(
                fields=["indicator", "classification_key"],
                condition=models.Q(year__isnull=True),
                name="%(app_label)s_%(class)s_unique_key_any_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} [{self.classification_key}] {self.value}"


class Assessment(models.Model):
    """Indicator values of a commune for a period, with the evaluated results stored alongside."""

    class Stage(models.TextChoices):
        SELF_ASSESSED = "self_assessed", _("Xã tự đánh giá")
        APPRAISED = "appraised", _("Tỉnh thẩm định")

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="assessments")
    criteria_set = models.ForeignKey(
        CriteriaSet, on_delete=models.PROTECT, related_name="assessments"
    )
    period = models.DateField(_("kỳ (tháng)"))
    stage = models.CharField(_("giai đoạn"), max_length=16, choices=Stage.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assessments"
    )
    created_at = models.DateTimeField(_("nhập lúc"), auto_now_add=True)
    note = models.TextField(_("ghi chú"), blank=True)
    criteria_met = models.PositiveSmallIntegerField(_("số tiêu chí đạt"), default=0)
    criteria_total = models.PositiveSmallIntegerField(_("tổng số tiêu chí"), default=0)
    criteria_not_assessed = models.PositiveSmallIntegerField(
        _("số tiêu chí chưa đánh giá"), default=0
    )
    meets_standard = models.BooleanField(_("đạt chuẩn"), default=False)
    is_current = models.BooleanField(_("là đánh giá mới nhất"), default=True)
    # The assessment that was current before this one's period began (criteria.services.storage
    # keeps it for the current assessment), so "criteria lost since the previous assessment" is
    # a join on indexed keys, not a search of the commune's history.
    previous = models.ForeignKey(
        "self",
        verbose_name=_("đánh giá kỳ trước"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Criteria met by the previous assessment and not by this one (kept with ``previous``), so
    # "communes that lost a criterion" reads one indexed row per commune.
    criteria_lost = models.PositiveSmallIntegerField(
        _("số tiêu chí mất so với kỳ trước"), default=0, editable=False
    )

    class Meta:
        ordering = ["-period", "-created_at", "-id"]
        verbose_name = _("đánh giá")
        verbose_name_plural = _("đánh giá")
        indexes = [
            models.Index(fields=["commune", "-period", "-created_at"]),
            models.Index(
                fields=["commune"],
                name="criteria_assessment_lost",
                condition=models.Q(is_current=True, criteria_lost__gt=0),
            ),
            # The assessment list's default order (all communes).
            models.Index(fields=["-period", "-created_at", "-id"], name="cr_assessment_list_order"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["commune"],
                condition=models.Q(is_current=True),
                name="%(app_label)s_%(class)s_one_current_per_commune",
            ),
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_met_within_total",
                condition=models.Q(criteria_met__lte=models.F("criteria_total")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commune} {self.period:%m/%Y} ({self.criteria_met}/{self.criteria_total})"


class IndicatorValue(models.Model):
    """The value entered for one indicator, the threshold applied and the result."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="indicator_values"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(
        _("giá trị"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    threshold_value = models.DecimalField(
        _("ngưỡng áp dụng"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    result = models.CharField(_("kết quả"), max_length=16, choices=Result.choices)
    # Not entered but carried from an earlier assessment: the period it was measured in.
    carried_from = models.DateField(_("chuyển từ kỳ"), null=True, blank=True)

    class Meta:
        verbose_name = _("giá trị chỉ tiêu")
        verbose_name_plural = _("giá trị chỉ tiêu")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "indicator"], name="%(app_label)s_%(class)s_unique_indicator"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} = {self.value} ({self.get_result_display()})"


class CriterionResult(models.Model):
    """The precomputed result of one criterion in an assessment (what dashboards count)."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="criterion_results"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="results")
    result = models.CharField(_("kết quả"), max_length=16, choices=Result.choices)
    indicators_met = models.PositiveSmallIntegerField(default=0)
    indicators_total = models.PositiveSmallIntegerField(default=0)
    # Copied from the assessment so "how many communes meet criterion 7 now" is one indexed scan.
    is_current = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("kết quả tiêu chí")
        verbose_name_plural = _("kết quả tiêu chí")
        indexes = [
            models.Index(
                fields=["criterion", "result"],
                name="criteria_result_current",
                condition=models.Q(is_current=True),
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"], name="%(app_label)s_%(class)s_unique_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion.code}: {self.get_result_display()}"


from criteria.models_current_rule import CurrentRule, CurrentRuleChange  # noqa: E402, F401
from criteria.models_summaries import CriterionCount, MetCount, StandingChange  # noqa: E402, F401
