"""Administrative units: province, (optional) district, commune, village.

The district level is optional so that the post-July-2025 two-level structure fits too.
A commune carries the classification keys that criteria thresholds depend on: its 2021–2025
region, or its commune group for the 2026–2030 set.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from communes.validity import DatedQuerySet, EffectiveDated, dated_constraints
from ntm_portal.text import fold


class Region(models.TextChoices):
    """The seven socio-economic regions used by the 2021–2025 thresholds."""

    TDMNPB = "tdmnpb", _("Trung du và miền núi phía Bắc")
    DBSH = "dbsh", _("Đồng bằng sông Hồng")
    BTB = "btb", _("Bắc Trung Bộ")
    DHNTB = "dhntb", _("Duyên hải Nam Trung Bộ")
    TN = "tn", _("Tây Nguyên")
    DNB = "dnb", _("Đông Nam Bộ")
    DBSCL = "dbscl", _("Đồng bằng sông Cửu Long")


class CommuneGroup(models.TextChoices):
    """Commune groups used by the 2026–2030 thresholds (QĐ 51/2025/QĐ-TTg)."""

    GROUP_1 = "group_1", _("Nhóm 1")
    GROUP_2 = "group_2", _("Nhóm 2")
    GROUP_3 = "group_3", _("Nhóm 3")


class Province(EffectiveDated):
    """A province or centrally run city."""

    code = models.CharField(_("mã"), max_length=8, db_index=True)
    name = models.CharField(_("tên"), max_length=120)
    region = models.CharField(_("vùng"), max_length=16, choices=Region.choices)
    is_sample_data = models.BooleanField(
        _("dữ liệu mẫu"),
        default=False,
        help_text=_(
            "Bật khi tỉnh được nạp từ dữ liệu mẫu (demo); trang tổng quan sẽ ghi rõ điều đó."
        ),
    )

    objects = DatedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        constraints = dated_constraints("province")
        verbose_name = _("tỉnh")
        verbose_name_plural = _("tỉnh")

    def __str__(self) -> str:
        return self.name


class District(EffectiveDated):
    """A district-level unit (huyện, thị xã, thành phố thuộc tỉnh); abolished from 1/7/2025."""

    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="districts")
    code = models.CharField(_("mã"), max_length=8, db_index=True)
    name = models.CharField(_("tên"), max_length=120)
    kind = models.CharField(_("loại"), max_length=32, blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        constraints = dated_constraints("district")
        verbose_name = _("huyện")
        verbose_name_plural = _("huyện")

    def __str__(self) -> str:
        return f"{self.kind} {self.name}".strip()


class Commune(EffectiveDated):
    """A commune-level unit, scored against the national criteria when it is a rural xã."""

    class Kind(models.TextChoices):
        XA = "xa", _("Xã")
        PHUONG = "phuong", _("Phường")
        THI_TRAN = "thi_tran", _("Thị trấn")
        DAC_KHU = "dac_khu", _("Đặc khu")

    class Difficulty(models.TextChoices):
        NORMAL = "normal", _("Bình thường")
        DIFFICULT = "difficult", _("Khó khăn")
        ESPECIALLY_DIFFICULT = "especially_difficult", _("Đặc biệt khó khăn")

    class Level(models.TextChoices):
        NONE = "none", _("Chưa đạt chuẩn")
        STANDARD = "standard", _("Đạt chuẩn NTM")
        ADVANCED = "advanced", _("NTM nâng cao")
        MODEL = "model", _("NTM kiểu mẫu")

    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="communes")
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="communes", null=True, blank=True
    )
    code = models.CharField(_("mã"), max_length=8, db_index=True)
    name = models.CharField(_("tên"), max_length=120)
    # The units merged into this one (communes/data/backan_merger_map_2025.csv for Bắc Kạn).
    predecessors = models.ManyToManyField(
        "self",
        through="CommuneSuccession",
        through_fields=("successor", "predecessor"),
        symmetrical=False,
        related_name="successors",
        verbose_name=_("đơn vị trước sáp nhập"),
        blank=True,
    )
    # fold(name): accent- and case-insensitive search key ("xuan lac" finds "Xuân Lạc").
    search_name = models.CharField(_("tên không dấu"), max_length=120, blank=True, editable=False)
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices, default=Kind.XA)
    region = models.CharField(_("vùng"), max_length=16, choices=Region.choices)
    commune_group = models.CharField(
        _("nhóm xã"), max_length=16, choices=CommuneGroup.choices, blank=True
    )
    difficulty = models.CharField(
        _("mức khó khăn"), max_length=32, choices=Difficulty.choices, default=Difficulty.NORMAL
    )
    ntm_level = models.CharField(
        _("mức NTM đã đạt"), max_length=16, choices=Level.choices, default=Level.NONE
    )
    ntm_level_year = models.PositiveSmallIntegerField(_("năm đạt"), null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(
        _("năm phấn đấu đạt chuẩn"), null=True, blank=True
    )
    # Cache of the current assessment, written by criteria.services in the same transaction,
    # so the commune list filters and sorts by criteria met without joining assessment history.
    criteria_met = models.PositiveSmallIntegerField(_("số tiêu chí đạt"), null=True, blank=True)
    criteria_total = models.PositiveSmallIntegerField(_("tổng số tiêu chí"), null=True, blank=True)
    meets_standard = models.BooleanField(_("đạt chuẩn theo đánh giá mới nhất"), default=False)
    assessed_period = models.DateField(_("kỳ đánh giá mới nhất"), null=True, blank=True)
    # "self_assessed" when the result counted is the commune's own, not the province's
    # appraisal (lists mark it); the stage's name as criteria stores it.
    assessed_stage = models.CharField(_("giai đoạn đánh giá"), max_length=16, blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta:
        # By the folded name: "Bản Thi" sorts next to "Bằng Lãng", not after "Bình Văn".
        ordering = ["search_name", "name", "code"]
        indexes = [
            models.Index(fields=["province", "district"]),
            # The default order of the commune list and the API (keyset pages read it too).
            models.Index(fields=["search_name", "name", "code"], name="communes_list_order"),
            # The list by criteria met (unassessed last, then the name): a filter on criteria
            # met and its order read one range, not a sort of every commune. The descending
            # order's index, and the search's, are PostgreSQL's only (migration 0008).
            models.Index(fields=["criteria_met", "search_name", "code"], name="communes_met_order"),
            # Counts of the units in force on a day (every list's and the API's total) read
            # this index alone, not every row.
            models.Index(fields=["valid_to", "valid_from"], name="communes_in_force"),
        ]
        verbose_name = _("xã")
        verbose_name_plural = _("xã")
        constraints = [
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_level_year_with_level",
                condition=models.Q(ntm_level="none") | models.Q(ntm_level_year__isnull=False),
            ),
            *dated_constraints("commune"),
        ]

    def __str__(self) -> str:
        # get_kind_display() rebuilds the choices dict on every call (218 ms for 10,000 options).
        return f"{KIND_LABELS.get(self.kind, self.kind)} {self.name}"

    def save(self, *args, **kwargs) -> None:
        # A derived column of the row's own field, kept in step wherever the row is saved
        # (admin, factories, services); bulk writes in communes.services set it themselves.
        self.search_name = fold(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_name"}
        super().save(*args, **kwargs)

    @property
    def is_assessed_for_ntm(self) -> bool:
        """Only rural communes (xã) are assessed against the NTM criteria."""
        return self.kind == self.Kind.XA

    @property
    def is_difficult(self) -> bool:
        return self.difficulty != self.Difficulty.NORMAL

    def classification_key(self, scheme: str) -> str:
        """The key thresholds are looked up by: the region, or the commune group."""
        return self.commune_group if scheme == "commune_group" else self.region


class CommuneSuccession(models.Model):
    """One old unit merged (wholly) into a new one on ``effective_on``."""

    predecessor = models.ForeignKey(
        Commune, on_delete=models.CASCADE, related_name="successions_out"
    )
    successor = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="successions_in")
    effective_on = models.DateField(_("ngày hiệu lực"))

    class Meta:
        ordering = ["successor", "predecessor"]
        verbose_name = _("sáp nhập xã")
        verbose_name_plural = _("sáp nhập xã")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="communes_succession_unique_pair"
            ),
            models.CheckConstraint(
                condition=~models.Q(predecessor=models.F("successor")),
                name="communes_succession_not_itself",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class Village(models.Model):
    """A village (thôn, bản, tổ dân phố): a community, not an administrative unit."""

    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="villages")
    name = models.CharField(_("tên"), max_length=120)

    class Meta:
        ordering = ["name"]
        verbose_name = _("thôn")
        verbose_name_plural = _("thôn")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "name"], name="%(app_label)s_%(class)s_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


KIND_LABELS = dict(Commune.Kind.choices)
