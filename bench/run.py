"""Build a national-scale synthetic data set and print the figures the issues ask for."""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"
OUT.mkdir(parents=True, exist_ok=True)

os.environ["DJANGO_SETTINGS_MODULE"] = "ntm_portal.settings.base"
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{OUT}/bench.sqlite3")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1")
os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "False"
os.environ["REDIS_URL"] = ""
os.environ["EMAIL_URL"] = "memorymail://"
os.environ["PORTAL_PROVINCE_CODE"] = "99"
os.environ["LOG_LEVEL"] = "WARNING"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from bench import dataset  # noqa: E402

SIZES = {
    "communes": int(os.environ.get("BENCH_COMMUNES", 10_000)),
    "months": int(os.environ.get("BENCH_MONTHS", 3)),
    "activities": int(os.environ.get("BENCH_ACTIVITIES", 100_000)),
    "reports": int(os.environ.get("BENCH_REPORTS", 10_000)),
}


def reset_database() -> None:
    if connection.vendor == "sqlite":
        connection.close()
        Path(connection.settings_dict["NAME"]).unlink(missing_ok=True)
    else:
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0)


def timed(label: str, func, repeat: int = 5) -> None:
    samples, queries = [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            result = func()
            samples.append(time.perf_counter() - start)
        queries = len(ctx.captured_queries)
        status = getattr(result, "status_code", None)
        if status not in (None, 200):
            print(f"  {label:<58} HTTP {status}")
            return
    print(f"  {label:<58} {statistics.median(samples) * 1000:8.1f} ms  {queries:4d} queries")


def main() -> None:
    setup_test_environment()
    print(f"Database: {connection.vendor}; sizes: {SIZES}")
    reset_database()
    start = time.perf_counter()
    data = dataset.build(**SIZES)
    call_command("rebuild_summaries", verbosity=0)  # the load bypassed the services
    print(f"Data set built in {time.perf_counter() - start:.1f} s: {data.summary()}")
    if connection.vendor == "postgresql":
        # What autovacuum does for a live database after a bulk load: fresh planner statistics.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    client = Client()
    client.force_login(data.office_user)
    print("Pages and endpoints (median of 5, coordination office):")
    for label, url in dataset.urls(data):
        timed(label, lambda url=url: client.get(url))
    print("Services:")
    for label, func, repeat in dataset.service_calls(data):
        timed(label, func, repeat=repeat)


if __name__ == "__main__":
    main()
