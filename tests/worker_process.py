"""A real Celery worker in its own process group, for the tests that kill it (SIGKILL).

It reads the test database (PostgreSQL: the test's own, hence transaction=True) and the broker
of REDIS_URL, runs with the solo pool by default (one task at a time, as a prefork child
does), and logs to a file beside the test's. ``kill()`` sends SIGKILL to the whole group, as
``kill -9`` or the OOM killer would.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class WorkerProcess:
    def __init__(
        self,
        *,
        broker_url: str,
        log_dir: Path,
        mail_log: Path,
        name: str,
        pool: str = "solo",
        concurrency: int = 1,
    ):
        self.log = log_dir / f"{name}.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.worker_settings",
            "DATABASE_URL": database_url(),
            "REDIS_URL": broker_url,
            "CELERY_BROKER_URL": broker_url,
            "NTM_TEST_MAIL_LOG": str(mail_log),
        }
        command = [
            *(sys.executable, "-m", "celery", "-A", "ntm_portal", "worker"),
            *("--pool", pool, "--concurrency", str(concurrency)),
            *("--queues", "celery,reminders", "--hostname", f"{name}@%h"),
            *("--without-gossip", "--without-mingle", "--loglevel", "INFO"),
        ]
        with self.log.open("w") as out:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip

    def wait_ready(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if " ready." in self.log.read_text():
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        raise AssertionError(f"worker not ready:\n{self.log.read_text()[-3000:]}")

    def kill(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()


@contextmanager
def worker_process(**kwargs):
    worker = WorkerProcess(**kwargs)
    try:
        worker.wait_ready()
        yield worker
    finally:
        worker.stop()
