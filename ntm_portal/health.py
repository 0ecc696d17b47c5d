"""``/health/`` for operators and monitors (django-health-check): is each moving part alive?

Each check has a fixed plain name and fixed messages, so the page says what is wrong without
telling an anonymous caller any host, address or exception text. JSON with ``?format=json`` or
``Accept: application/json``; status 500 when any check fails.

Where tasks run in the web process (no broker configured: the development default), there is
no broker, worker or beat to ask, so those checks are left out rather than failing forever.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.conf import settings
from django.db import DatabaseError, connection
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

from ntm_portal.celery import app


@dataclasses.dataclass
class Database(HealthCheck):
    """The default database answers a query."""

    def __repr__(self) -> str:
        return "database"

    def run(self) -> None:
        try:
            with connection.temporary_connection() as cursor:
                cursor.execute("SELECT 1")
        except DatabaseError as exc:
            raise ServiceUnavailable("không kết nối được cơ sở dữ liệu") from exc


@dataclasses.dataclass
class Broker(HealthCheck):
    """The Celery broker (Redis) accepts a connection."""

    timeout = dt.timedelta(seconds=3)

    def __repr__(self) -> str:
        return "broker"

    def run(self) -> None:
        try:
            with app.connection_for_write() as conn:
                conn.ensure_connection(max_retries=1, interval_start=0, timeout=2)
        except Exception as exc:
            raise ServiceUnavailable("không kết nối được hàng đợi (broker)") from exc


@dataclasses.dataclass
class Worker(HealthCheck):
    """At least one Celery worker answers a ping (its heartbeat) within a second."""

    timeout = dt.timedelta(seconds=3)

    def __repr__(self) -> str:
        return "worker"

    def run(self) -> None:
        try:
            replies = app.control.ping(timeout=1.0)
        except Exception as exc:
            raise ServiceUnavailable("không kiểm tra được worker") from exc
        if not replies:
            raise ServiceUnavailable("không có worker nào trả lời")


# The checks of the parts only a deployment with a broker has (their reprs).
WORKER_PARTS = frozenset({"broker", "worker", "beat"})


class PortalHealthView(HealthCheckView):
    """The configured checks, without the worker parts when tasks run eagerly."""

    def get_checks(self):
        for check in super().get_checks():
            if settings.CELERY_TASK_ALWAYS_EAGER and repr(check) in WORKER_PARTS:
                continue
            yield check
