"""Shared kernel models: the portal user (with its role) and in-app notifications."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from ntm_portal.text import fold


class TimeStampedModel(models.Model):
    """Adds created_at and updated_at to a model."""

    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True


class User(AbstractUser):
    """A portal account. Its role decides what it sees and writes (ntm_portal.permissions).

    Commune officers are tied to one commune, agency staff to one agency; the scope
    links live here so that role resolution is one attribute read, not a query.
    """

    class Role(models.TextChoices):
        COORDINATION_OFFICE = "coordination_office", _("Văn phòng điều phối")
        AGENCY_STAFF = "agency_staff", _("Cán bộ cơ quan giúp đỡ")
        COMMUNE_OFFICER = "commune_officer", _("Cán bộ xã")
        LEADER = "leader", _("Lãnh đạo (chỉ xem)")

    role = models.CharField(_("vai trò"), max_length=32, choices=Role.choices, blank=True)
    commune = models.ForeignKey(
        "communes.Commune",
        verbose_name=_("xã"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="officers",
    )
    agency = models.ForeignKey(
        "sponsorships.Agency",
        verbose_name=_("cơ quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    phone = models.CharField(_("điện thoại"), max_length=32, blank=True)
    # fold("<tên> <họ và tên đệm>"): an accent-insensitive search key ("nguyen van an" finds
    # "Nguyễn Văn An") that also sorts by given name first, as Vietnamese lists do.
    search_name = models.CharField(
        _("tên không dấu"), max_length=310, blank=True, editable=False, db_index=True
    )
    # Set with a temporary password: every page leads to the password change until it is done.
    must_change_password = models.BooleanField(_("phải đổi mật khẩu"), default=False)
    # Optimistic concurrency for the office's edits: a stale form is refused, not applied.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        constraints = [
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_commune_officer_has_commune",
                condition=~models.Q(role="commune_officer") | models.Q(commune__isnull=False),
            ),
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_agency_staff_has_agency",
                condition=~models.Q(role="agency_staff") | models.Q(agency__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def save(self, *args, **kwargs) -> None:
        # A derived column of the row's own fields, kept in step wherever the account is saved
        # (the office's services, allauth, the admin, createsuperuser).
        self.search_name = fold(f"{self.last_name} {self.first_name}")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"first_name", "last_name"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_name"}
        super().save(*args, **kwargs)


class Notification(models.Model):
    """An in-app message for one user (the bell in the header)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("liên kết"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["user"],
                name="ntm_notification_unread",
                condition=models.Q(read_at__isnull=True),
            )
        ]
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")

    def __str__(self) -> str:
        return self.title


class DataVersion(models.Model):
    """A shard of the data version (ntm_portal.versions): the sum of all shards changes in the
    transaction of every write to the tables the cached pages read. Written by database
    triggers only; several shards so that concurrent writers do not queue on one row."""

    id = models.PositiveSmallIntegerField(primary_key=True)
    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("phiên bản dữ liệu")
        verbose_name_plural = _("phiên bản dữ liệu")

    def __str__(self) -> str:
        return f"{self.id}: {self.value}"


from ntm_portal.documents.models import DocumentSettings  # noqa: E402  -- the kernel's app holds it

__all__ = ["DataVersion", "DocumentSettings", "Notification", "TimeStampedModel", "User"]
