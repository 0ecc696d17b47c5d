"""The reminder outbox: one row per reminder owed, written with the claim that owes it.

A row is born *pending* in the transaction that decides the reminder is due (the sweep's claim,
"remind now", a return), so a crash or a broker outage after that commit loses nothing: the
periodic re-drive publishes every pending row whose publication is older than a few minutes.
The send moves it to *sent* (with its recipients), *no recipient*, *skipped* (the report was
submitted meanwhile) or, after its last attempt, *failed* (with the error); rows are never
deleted, so the office sees every stage. The unique (report, stage, key) keeps "never twice".
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderLog(models.Model):
    """One reminder for one report and one stage (and key): the outbox row and its record."""

    class Stage(models.TextChoices):
        BEFORE_DUE = "before_due", _("Sắp đến hạn")
        DUE = "due", _("Đến hạn")
        OVERDUE = "overdue", _("Quá hạn")
        ESCALATION = "escalation", _("Báo cáo văn phòng điều phối")
        MANUAL = "manual", _("Nhắc ngay (văn phòng điều phối)")
        # Not a reminder: the office is told, once per report, that nobody could be reminded.
        NO_RECIPIENT = "no_recipient", _("Báo văn phòng điều phối: không có người nhận")
        # Not a reminder either: the agency is told by e-mail that its report was returned.
        RETURNED = "returned", _("Báo trả lại báo cáo")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Đang chờ gửi")
        SENT = "sent", _("Đã gửi")
        NO_RECIPIENT = "no_recipient", _("Không gửi được: không có người nhận")
        FAILED = "failed", _("Gửi thất bại")
        SKIPPED = "skipped", _("Không gửi: báo cáo đã được gửi")

    report = models.ForeignKey(
        "sponsorships.MonthlyReport", on_delete=models.CASCADE, related_name="reminders"
    )
    stage = models.CharField(max_length=16, choices=Stage.choices)
    # Empty for the first schedule's stages; "r1", "r2", … for the schedules after each return;
    # the local date (YYYY-MM-DD) for a manual "remind now" (at most one per report and day).
    key = models.CharField(max_length=16, blank=True, default="")
    claimed_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    recipients = models.PositiveSmallIntegerField(default=0)
    sent_to = models.JSONField(default=list, blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, default=Outcome.SENT)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # When a send task was last put on the broker (or, for a retry, when it is due to run):
    # the re-drive publishes again the pending rows whose moment is a few minutes old.
    published_at = models.DateTimeField(null=True, blank=True)
    # Set while a worker sends (a lease): a second task for the row meanwhile sends nothing.
    attempt_started_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["claimed_at"]
        verbose_name = _("lần nhắc báo cáo tháng")
        verbose_name_plural = _("lần nhắc báo cáo tháng")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "stage", "key"], name="%(app_label)s_%(class)s_unique_stage"
            )
        ]
        indexes = [
            models.Index(
                fields=["published_at"],
                name="sp_reminder_pending",
                condition=models.Q(outcome="pending"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} · {self.get_stage_display()}"


class TaskHeartbeat(models.Model):
    """When a periodic task last ran on a worker (``/health/`` reads the re-drive's)."""

    name = models.CharField(max_length=64, unique=True)
    beat_at = models.DateTimeField()

    class Meta:
        ordering = ["name"]
        verbose_name = _("nhịp tác vụ định kỳ")
        verbose_name_plural = _("nhịp tác vụ định kỳ")

    def __str__(self) -> str:
        return f"{self.name} {self.beat_at:%Y-%m-%d %H:%M}"
