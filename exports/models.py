"""One requested export: who asked for what, how far it got, and the file when it is done."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def export_path(job: ExportJob, filename: str) -> str:
    """exports/<year>/<month>/<random>/<name>: a stored file's address cannot be guessed."""
    return f"exports/{timezone.now():%Y/%m}/{uuid.uuid4().hex}/{filename}"


class ExportJob(models.Model):
    """A background export. ``params_key`` is a hash of the canonical params: a partial unique
    constraint on (requester, kind, params_key) while queued or running makes a second identical
    request find the first job instead of starting another (no check-then-act)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang chạy")
        DONE = "done", _("Xong")
        FAILED = "failed", _("Lỗi")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người yêu cầu"),
        on_delete=models.CASCADE,
        related_name="export_jobs",
    )
    kind = models.CharField(_("loại"), max_length=64)
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    params_key = models.CharField(max_length=64, editable=False)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    total_count = models.PositiveIntegerField(_("tổng số dòng"), null=True, blank=True)
    done_count = models.PositiveIntegerField(_("số dòng đã ghi"), default=0)
    file = models.FileField(_("tệp"), upload_to=export_path, blank=True, max_length=255)
    filename = models.CharField(_("tên tệp"), max_length=200, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    created_at = models.DateTimeField(_("yêu cầu lúc"), default=timezone.now)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    expires_at = models.DateTimeField(_("hết hạn lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("tệp xuất")
        verbose_name_plural = _("tệp xuất")
        indexes = [models.Index(fields=["requested_by", "-created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["requested_by", "kind", "params_key"],
                condition=Q(status__in=["queued", "running"]),
                name="exports_exportjob_one_active_per_request",
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="exports_exportjob_progress_lte_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    def is_expired(self, now=None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or timezone.now())
