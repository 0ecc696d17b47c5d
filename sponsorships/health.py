"""Health checks of the reminder cycle for ``/health/``: beat's last run and the outbox."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.conf import settings
from django.db.models import Min
from django.utils import timezone
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable

from sponsorships.models import ReminderLog, TaskHeartbeat
from sponsorships.services.reminder_outbox import REDRIVE_HEARTBEAT


@dataclasses.dataclass
class BeatLastRun(HealthCheck):
    """The outbox re-drive, scheduled by beat every two minutes, ran on a worker lately."""

    def __repr__(self) -> str:
        return "beat"

    def run(self) -> None:
        limit = dt.timedelta(minutes=settings.HEALTH_BEAT_MAX_AGE_MINUTES)
        beat = TaskHeartbeat.objects.filter(name=REDRIVE_HEARTBEAT).first()
        if beat is None:
            raise ServiceUnavailable("beat chưa chạy lần nào")
        if timezone.now() - beat.beat_at > limit:
            minutes = int((timezone.now() - beat.beat_at).total_seconds() // 60)
            raise ServiceUnavailable(f"beat không chạy đã {minutes} phút")


@dataclasses.dataclass
class ReminderOutbox(HealthCheck):
    """No reminder has waited in the outbox longer than HEALTH_OUTBOX_MAX_AGE_MINUTES."""

    def __repr__(self) -> str:
        return "reminder_outbox"

    def run(self) -> None:
        limit = dt.timedelta(minutes=settings.HEALTH_OUTBOX_MAX_AGE_MINUTES)
        oldest = ReminderLog.objects.filter(outcome=ReminderLog.Outcome.PENDING).aggregate(
            oldest=Min("claimed_at")
        )["oldest"]
        if oldest is not None and timezone.now() - oldest > limit:
            minutes = int((timezone.now() - oldest).total_seconds() // 60)
            raise ServiceUnavailable(f"nhắc nhở chờ gửi lâu nhất đã {minutes} phút")
