"""Emulation titles and award forms (two lists, kept apart as the 2022 Law on Emulation and
Commendation does), and awards: proposal → review → decision. Imported by campaigns.models."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ntm_portal.models import TimeStampedModel


class RecipientKind(models.TextChoices):
    """Subjects of emulation and commendation in the 2022 Law: individuals, collectives and
    households."""

    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")
    HOUSEHOLD = "household", _("Hộ gia đình")


class EmulationTitle(models.Model):
    """An emulation title (danh hiệu thi đua), e.g. "Cờ thi đua của UBND tỉnh" for a collective.
    Not an award form. An editable reference list (admin)."""

    name = models.CharField(_("tên danh hiệu"), max_length=255, unique=True)
    recipient_kind = models.CharField(_("trao cho"), max_length=16, choices=RecipientKind.choices)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("danh hiệu thi đua")
        verbose_name_plural = _("danh hiệu thi đua")

    def __str__(self) -> str:
        return self.name


class AwardForm(models.Model):
    """A form of award (hình thức khen thưởng), e.g. "Bằng khen của Chủ tịch UBND tỉnh".
    An editable reference list (admin)."""

    name = models.CharField(_("tên hình thức"), max_length=255, unique=True)
    issuer = models.CharField(_("cấp quyết định"), max_length=255, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("hình thức khen thưởng")
        verbose_name_plural = _("hình thức khen thưởng")

    def __str__(self) -> str:
        return self.name


class Award(TimeStampedModel):
    """A proposal for a title or an award form, reviewed, then decided (or turned down).

    Exactly one of ``title`` and ``form``. A decided award has its decision number and date.
    """

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Đề nghị")
        REVIEWED = "reviewed", _("Đã xét duyệt")
        DECIDED = "decided", _("Đã có quyết định")
        REJECTED = "rejected", _("Không được đề nghị")

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.PROTECT, related_name="awards"
    )
    title = models.ForeignKey(
        EmulationTitle,
        verbose_name=_("danh hiệu thi đua"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    form = models.ForeignKey(
        AwardForm,
        verbose_name=_("hình thức khen thưởng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recipient_kind = models.CharField(_("đối tượng"), max_length=16, choices=RecipientKind.choices)
    recipient_name = models.CharField(_("tên cá nhân, tập thể, hộ"), max_length=255)
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
    reason = models.TextField(_("thành tích, lý do"))
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=Status.choices, default=Status.PROPOSED
    )
    review_note = models.TextField(_("ý kiến xét duyệt"), blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    signer = models.CharField(_("người ký"), max_length=255, blank=True)
    is_sample = models.BooleanField(_("dữ liệu mẫu"), default=False)
    version = models.PositiveIntegerField(default=1)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        ordering = ["campaign", "status", "id"]
        verbose_name = _("khen thưởng")
        verbose_name_plural = _("khen thưởng")
        constraints = [
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_title_xor_form",
                condition=(models.Q(title__isnull=True) & models.Q(form__isnull=False))
                | (models.Q(title__isnull=False) & models.Q(form__isnull=True)),
            ),
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_decision_has_number_and_date",
                condition=~models.Q(status="decided")
                | (~models.Q(decision_number="") & models.Q(decision_date__isnull=False)),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.distinction}: {self.recipient_name}"

    def get_absolute_url(self) -> str:
        return reverse("campaigns:award_detail", kwargs={"pk": self.pk})

    @property
    def distinction(self):
        return self.title or self.form
