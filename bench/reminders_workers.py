"""Sweep and re-drive of 10,000 due monthly reports with real workers on PostgreSQL + Redis.

Not eager: the sweep is published to Redis and run by a Celery worker process (its own, started
here: ``BENCH_WORKERS`` processes of ``BENCH_CONCURRENCY`` prefork children on both queues), the
sends go through the "reminders" queue, the mail backend is Django's dummy (no relay: the
figures are the portal's own cost). Prints, for the sweep and then for a re-drive of the same
10,000 rows set back to pending (what a crash or a broker outage leaves):

* claim: until every report is claimed and its row written to the outbox (sweep) or
  every row published again (re-drive);
* delivered: until no row is pending; the worker time of the batch send tasks (the sum of
  their run times, from the worker's log: wall time, so it grows with the machine's load) and
  the CPU time of the worker's processes in the phase (sweep or re-drive task included);

and then the queries and the time of one batch of REMINDER_SEND_BATCH_SIZE rows, in-process.

Needs BENCH_DATABASE_URL (PostgreSQL; rebuilt) and BENCH_REDIS_URL; skips without them.
"""

from __future__ import annotations

import datetime as dt
import os
import re
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
        _worker_pids.extend(worker.pid for worker in workers)
        _worker_cpu()  # from here: not the workers' start
        lines = [_sweep(), _redrive(), _one_batch()]
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
            f"{sent:,} delivered in {delivered:6.1f} s ({sent / delivered:,.0f}/s); "
            f"sends' worker time {_send_seconds():5.1f} s, CPU {_worker_cpu():5.1f} s")  # fmt: skip


SEND_TASK = re.compile(r"monthly_report_reminders_deliver_task\[[^\]]+\] succeeded in ([\d.]+)s")
_counted = [0.0]


def _send_seconds() -> float:
    """The run time of the batch send tasks logged since the last call (every worker)."""
    logs = OUT.glob("reminders-worker-*.log")
    total = sum(float(s) for log in logs for s in SEND_TASK.findall(log.read_text()))
    since, _counted[0] = total - _counted[0], total
    return since


_worker_pids: list[int] = []
_cpu = [0.0]


def _worker_cpu() -> float:
    """CPU seconds (user + system) of the worker processes and their children since the last
    call, from /proc."""
    pids = [*_worker_pids]
    for pid in _worker_pids:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(child) for child in children]
    ticks = sum(_ticks(pid) for pid in pids)
    total = ticks / os.sysconf("SC_CLK_TCK")
    since, _cpu[0] = total - _cpu[0], total
    return since


def _ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime


def _set_pending(rows, published_at) -> None:
    rows.update(outcome="pending", published_at=published_at, sent_at=None, attempts=0,
                attempt_started_at=None, sent_to=[], recipients=0)  # fmt: skip


def _redrive() -> str:
    from django.utils import timezone

    from sponsorships.models import ReminderLog
    from sponsorships.tasks import monthly_report_reminders_redrive_task

    _set_pending(ReminderLog.objects.all(), timezone.now() - dt.timedelta(minutes=10))
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
            f"{sent:,} delivered in {delivered:6.1f} s ({sent / delivered:,.0f}/s); "
            f"sends' worker time {_send_seconds():5.1f} s, CPU {_worker_cpu():5.1f} s")  # fmt: skip


def _one_batch() -> str:
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from sponsorships.models import ReminderLog
    from sponsorships.services.reminder_batches import reminders_deliver_batch

    size = settings.REMINDER_SEND_BATCH_SIZE
    ids = list(ReminderLog.objects.order_by("pk").values_list("pk", flat=True)[:size])
    for _warm_up in range(2):  # the first batch of a process imports the URLconf
        _set_pending(ReminderLog.objects.filter(pk__in=ids), timezone.now())
        reminders_deliver_batch(log_ids=ids)
    _set_pending(ReminderLog.objects.filter(pk__in=ids), timezone.now())
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        statuses = reminders_deliver_batch(log_ids=ids).status
    elapsed = time.perf_counter() - start
    return (f"one batch: {len(ids)} rows ({statuses}) in {len(queries)} queries, "
            f"{elapsed * 1000:,.0f} ms in-process")  # fmt: skip


if __name__ == "__main__":
    main()
