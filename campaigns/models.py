"""Emulation campaigns (phong trào thi đua): campaigns and their sprints, the pledges agencies and
communes make, community contributions, exemplary people and models, and awards.

Emulation titles (danh hiệu thi đua) and award forms (hình thức khen thưởng) are two different
things in the 2022 Law on Emulation and Commendation: a *cờ thi đua* is a title for a collective,
not an award form. They are two reference lists here, and an award names exactly one of them.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ntm_portal.models import TimeStampedModel


class Campaign(TimeStampedModel):
    """A campaign at one level, launched by a decision, for a period, with measurable targets.

    A provincial campaign answers a national one (``parent``); a sprint sits inside a campaign
    and its period lies inside the parent's.
    """

    class Level(models.TextChoices):
        NATIONAL = "national", _("Toàn quốc")
        PROVINCIAL = "provincial", _("Cấp tỉnh")
        SECTOR = "sector", _("Ngành")
        AGENCY = "agency", _("Cơ quan, đơn vị")

    class Kind(models.TextChoices):
        CAMPAIGN = "campaign", _("Phong trào")
        SPRINT = "sprint", _("Đợt thi đua cao điểm")

    name = models.CharField(_("tên phong trào"), max_length=255)
    level = models.CharField(_("cấp phát động"), max_length=16, choices=Level.choices)
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices, default=Kind.CAMPAIGN)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thuộc phong trào"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    launched_by = models.CharField(_("cơ quan phát động"), max_length=255)
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"))
    goals = models.TextField(_("mục tiêu"), blank=True)
    target_communes_standard = models.PositiveIntegerField(
        _("chỉ tiêu: số xã đạt chuẩn"), null=True, blank=True
    )
    target_criteria_gained = models.PositiveIntegerField(
        _("chỉ tiêu: số tiêu chí tăng thêm"), null=True, blank=True
    )
    target_money = models.PositiveBigIntegerField(
        _("chỉ tiêu: kinh phí huy động (đồng)"), null=True, blank=True
    )
    is_sample = models.BooleanField(_("dữ liệu mẫu"), default=False)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        ordering = ["-start_date", "name", "id"]
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        constraints = [
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_end_after_start",
                condition=models.Q(end_date__gte=models.F("start_date")),
            ),
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_sprint_has_parent",
                condition=~models.Q(kind="sprint") | models.Q(parent__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("campaigns:campaign_detail", kwargs={"pk": self.pk})

    def covers(self, day) -> bool:
        return self.start_date <= day <= self.end_date


class Pledge(TimeStampedModel):
    """What an agency or a commune commits to in a campaign, and by when.

    Exactly one of ``agency`` and ``commune``. The measurable part (criteria a commune will
    gain, support value an agency will give) is compared with real data on the results page.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="pledges")
    agency = models.ForeignKey(
        "sponsorships.Agency",
        verbose_name=_("cơ quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    commune = models.ForeignKey(
        "communes.Commune",
        verbose_name=_("xã"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    content = models.TextField(_("nội dung cam kết"))
    due_date = models.DateField(_("thời hạn"))
    target_criteria_gained = models.PositiveIntegerField(
        _("số tiêu chí tăng thêm"), null=True, blank=True
    )
    target_amount = models.PositiveBigIntegerField(
        _("giá trị hỗ trợ (đồng)"), null=True, blank=True
    )
    is_sample = models.BooleanField(_("dữ liệu mẫu"), default=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        ordering = ["campaign", "due_date", "id"]
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        constraints = [
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_agency_xor_commune",
                condition=(models.Q(agency__isnull=True) & models.Q(commune__isnull=False))
                | (models.Q(agency__isnull=False) & models.Q(commune__isnull=True)),
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency or self.commune}: {self.content[:60]}"

    @property
    def participant(self):
        return self.agency or self.commune


class Contribution(TimeStampedModel):
    """What a commune's people gave for the programme in a period: land (m²), labour days,
    money and goods valued in đồng, with the village and the contributors where known."""

    commune = models.ForeignKey(
        "communes.Commune", verbose_name=_("xã"), on_delete=models.PROTECT, related_name="+"
    )
    village = models.ForeignKey(
        "communes.Village",
        verbose_name=_("thôn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    land_m2 = models.DecimalField(_("đất hiến (m²)"), max_digits=14, decimal_places=1, default=0)
    labour_days = models.DecimalField(_("ngày công"), max_digits=14, decimal_places=1, default=0)
    money = models.PositiveBigIntegerField(_("tiền (đồng)"), default=0)
    goods_value = models.PositiveBigIntegerField(_("hiện vật quy đổi (đồng)"), default=0)
    contributors = models.TextField(_("người đóng góp"), blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    is_sample = models.BooleanField(_("dữ liệu mẫu"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        # By commune id, not name, within a period: an index reads the first page of 240,000
        # rows (sorting them by name through a join cost 200 ms at national size).
        ordering = ["-period_start", "commune_id", "id"]
        verbose_name = _("đóng góp của cộng đồng")
        verbose_name_plural = _("đóng góp của cộng đồng")
        indexes = [
            models.Index(fields=["period_start", "period_end"]),
            models.Index(fields=["-period_start", "commune", "id"], name="campaigns_contrib_order"),
        ]
        constraints = [
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_end_after_start",
                condition=models.Q(period_end__gte=models.F("period_start")),
            ),
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_not_negative",
                condition=models.Q(land_m2__gte=0) & models.Q(labour_days__gte=0),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commune} {self.period_start:%d/%m/%Y}–{self.period_end:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("campaigns:contribution_update", kwargs={"pk": self.pk})


class Exemplary(TimeStampedModel):
    """An exemplary person, household or collective (điển hình tiên tiến): what they did, in
    which commune, for which campaign, with photos."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Cá nhân")
        HOUSEHOLD = "household", _("Hộ gia đình")
        COLLECTIVE = "collective", _("Tập thể")

    class Category(models.TextChoices):
        DONOR = "donor", _("Hiến đất, góp công, góp của")
        PRODUCTION_MODEL = "production_model", _("Mô hình sản xuất, kinh tế")
        COMMUNITY = "community", _("Vận động, tổ chức cộng đồng")
        OTHER = "other", _("Khác")

    kind = models.CharField(_("đối tượng"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("tên"), max_length=255)
    commune = models.ForeignKey(
        "communes.Commune", verbose_name=_("xã"), on_delete=models.PROTECT, related_name="+"
    )
    village = models.CharField(_("thôn, bản"), max_length=120, blank=True)
    category = models.CharField(_("lĩnh vực"), max_length=32, choices=Category.choices)
    achievement = models.TextField(_("thành tích, việc làm"))
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("phong trào"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="exemplars",
    )
    is_sample = models.BooleanField(_("dữ liệu mẫu"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        ordering = ["commune__name", "name", "id"]
        verbose_name = _("điển hình tiên tiến")
        verbose_name_plural = _("điển hình tiên tiến")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("campaigns:exemplary_detail", kwargs={"pk": self.pk})


def photo_upload_to(instance: "ExemplaryPhoto", filename: str) -> str:
    """A random stored name (the original name is kept in the row), never the uploader's."""
    return f"exemplary/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()[:10]}"


class ExemplaryPhoto(TimeStampedModel):
    """A photo of an exemplary person or model (JPG or PNG, checked by its bytes and size)."""

    exemplary = models.ForeignKey(Exemplary, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(_("ảnh"), upload_to=photo_upload_to)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("ảnh điển hình")
        verbose_name_plural = _("ảnh điển hình")

    def __str__(self) -> str:
        return self.original_name


# Awards live in their own module (this one passed 400 lines); importable from here as before.
from campaigns.models_awards import Award, AwardForm, EmulationTitle, RecipientKind  # noqa: E402,F401
from campaigns.models_summaries import ContributionCommunePeriod, ContributionTotal  # noqa: E402,F401
