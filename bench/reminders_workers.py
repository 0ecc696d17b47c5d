"""Sweep and re-drive of 10,000 due monthly reports with real workers on PostgreSQL + Redis.

Not eager: the sweep is published to Redis and run by a Celery worker process (its own, started
here: ``BENCH_WORKERS`` processes of ``BENCH_CONCURRENCY`` prefork children on both queues), the
sends go through the "reminders" queue, the mail backend is Django's dummy (no relay: the
figures are the portal's own cost). Prints, for the sweep and then for a re-drive of the same
10,000 rows set back to pending (what a crash or a broker outage leaves):

* claim: until every report is claimed and its row written to the outbox (sweep) or
  every row published again (re-drive);
* delivered: until no row is pending.

Needs BENCH_DATABASE_URL (PostgreSQL; rebuilt) and BENCH_REDIS_URL; skips without them.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"
OUT.mkdir(parents=True, exist_ok=True)
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "")
REPORTS = int(os.environ.get("BENCH_REMINDER_REPORTS", 10_000))
WORKERS = int(os.environ.get("BENCH_WORKERS", 1))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", 2))
ENV = {
    "DJANGO_SETTINGS_MODULE": "ntm_portal.settings.base",
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": REDIS_URL,
    "CELERY_BROKER_URL": REDIS_URL,
    "DJANGO_SECRET_KEY": os.environ.get(
        "DJANGO_SECRET_KEY", "bench-only-secret-key-0123456789abcdef"
    ),
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    "DJANGO_SECURE_SSL_REDIRECT": "False",
    "EMAIL_URL": "dummymail://",
    "LOG_LEVEL": "WARNING",
}


def main() -> None:
    if not DATABASE_URL.startswith("postgres") or not REDIS_URL:
        print(
            "bench/reminders.py: set BENCH_DATABASE_URL (PostgreSQL) and BENCH_REDIS_URL; skipped"
        )
        return
    os.environ.update(ENV)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0)
    _purge()
    _build(REPORTS)
    print(f"{REPORTS:,} open reports, each owing its overdue reminder; "
          f"{WORKERS} worker(s) × {CONCURRENCY} processes")  # fmt: skip
    workers = [_start_worker(index) for index in range(WORKERS)]
    try:
        lines = [_sweep(), _redrive()]
    finally:
        for worker in workers:
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait(30)
    text = "\n".join(lines)
    print(text)
    (OUT / "reminders.txt").write_text(text + "\n")


def _build(count: int) -> None:
    from communes.models import Commune, District, Province
    from ntm_portal.models import User
    from sponsorships.models import Agency, Assignment, MonthlyReport

    province = Province.objects.create(name="Tỉnh thử", code="99", region="dbsh")
    district = District.objects.create(province=province, name="Huyện thử", code="999")
    commune = Commune.objects.create(
        province=province, district=district, name="Xã thử", code="99999", region=province.region
    )
    agency = Agency.objects.create(name="Sở thử", short_name="ST", kind="department")
    User.objects.create_user(
        "staff", email="staff@example.gov.vn", role="agency_staff", agency=agency
    )
    User.objects.create_user("office", email="office@example.gov.vn", role="coordination_office")
    start = dt.date(2026, 1, 1)
    assignments = Assignment.objects.bulk_create(
        Assignment(agency=agency, commune=commune, start_date=start) for _ in range(count)
    )
    due = dt.datetime(2026, 11, 20, 16, 59, 59, tzinfo=dt.UTC)
    first = dt.datetime(2026, 11, 17, 1, tzinfo=dt.UTC)
    period = dt.date(2026, 11, 1)
    MonthlyReport.objects.bulk_create(
        (
            MonthlyReport(assignment=a, period=period, due_at=due, next_reminder_at=first)
            for a in assignments
        ),
        batch_size=2000,
    )


def _start_worker(index: int) -> subprocess.Popen:
    log = (OUT / f"reminders-worker-{index}.log").open("w")
    command = [
        *(sys.executable, "-m", "celery", "-A", "ntm_portal", "worker"),
        *("--queues", "celery,reminders", "--concurrency", str(CONCURRENCY)),
        *("--hostname", f"bench{index}@%h", "--without-gossip", "--without-mingle"),
        *("--loglevel", "INFO"),
    ]
    env = {**os.environ, **ENV}
    worker = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)  # fmt: skip
    deadline = time.monotonic() + 60
    path = OUT / f"reminders-worker-{index}.log"
    while " ready." not in path.read_text():
        if time.monotonic() > deadline:
            raise SystemExit(path.read_text()[-2000:])
        time.sleep(0.2)
    return worker


def _purge() -> None:
    from ntm_portal.celery import app

    with app.connection_for_write() as conn:
        for queue in ("celery", "reminders"):
            conn.default_channel.queue_purge(queue)


def _wait(predicate, timeout: float = 3600) -> float:
    start = time.perf_counter()
    while not predicate():
        if time.perf_counter() - start > timeout:
            raise SystemExit("timed out")
        time.sleep(0.2)
    return time.perf_counter() - start


def _sweep() -> str:
    from sponsorships.models import ReminderLog
    from sponsorships.tasks import monthly_report_reminders_send_due_task

    start = time.perf_counter()
    monthly_report_reminders_send_due_task.delay("2026-11-21T09:00:00+07:00")
    _wait(lambda: ReminderLog.objects.count() >= REPORTS)
    claimed = time.perf_counter() - start
    _wait(lambda: not ReminderLog.objects.filter(outcome="pending").exists())
    delivered = time.perf_counter() - start
    sent = ReminderLog.objects.filter(outcome="sent").count()
    return (f"sweep    : {REPORTS:,} claimed and written to the outbox in {claimed:6.1f} s; "
            f"{sent:,} delivered in {delivered:6.1f} s ({sent / delivered:,.0f}/s)")  # fmt: skip


def _redrive() -> str:
    from django.utils import timezone

    from sponsorships.models import ReminderLog
    from sponsorships.tasks import monthly_report_reminders_redrive_task

    old = timezone.now() - dt.timedelta(minutes=10)
    ReminderLog.objects.update(outcome="pending", published_at=old, sent_at=None, attempts=0,
                               attempt_started_at=None, sent_to=[], recipients=0)  # fmt: skip
    start = time.perf_counter()
    monthly_report_reminders_redrive_task.delay()
    since = timezone.now() - dt.timedelta(minutes=5)
    _wait(
        lambda: not ReminderLog.objects.filter(outcome="pending", published_at__lt=since).exists()
    )
    published = time.perf_counter() - start
    _wait(lambda: not ReminderLog.objects.filter(outcome="pending").exists())
    delivered = time.perf_counter() - start
    sent = ReminderLog.objects.filter(outcome="sent").count()
    return (f"re-drive : {REPORTS:,} pending rows published again in {published:6.1f} s; "
            f"{sent:,} delivered in {delivered:6.1f} s ({sent / delivered:,.0f}/s)")  # fmt: skip


if __name__ == "__main__":
    main()
