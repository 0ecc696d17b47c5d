"""The bench's Django environment: production settings (DEBUG off, second factor required for
the office), its own database and Redis number, no .env file.

Imported first by every bench entry point; ``setup()`` calls django.setup() once.
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
RESULTS = ROOT / "bench" / "results"
PROVINCE_CODE = "01"  # the deployment's province among the 34 of the data set

ENV = {
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "DJANGO_ENV_FILE": "",  # the development .env turns DEBUG on and the second factor off
    "DJANGO_DEBUG": "False",
    "DJANGO_SECRET_KEY": "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
    "DJANGO_ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
    "DJANGO_SECURE_SSL_REDIRECT": "False",
    "DJANGO_SECURE_COOKIES": "False",
    "DJANGO_SECURE_HSTS_SECONDS": "0",
    "PORTAL_MFA_REQUIRED": "True",
    "PORTAL_PROVINCE_CODE": PROVINCE_CODE,
    "PORTAL_BASE_URL": "http://127.0.0.1",
    "EMAIL_URL": "dummymail://",
    "REDIS_URL": "",  # tasks run eagerly in this process: their time is the worker's time
    "LOG_LEVEL": "WARNING",
    "MEDIA_ROOT": str(OUT / "media"),
    "DATABASE_URL": os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ntm_bench"
    ),
}


# The cache as deployed (docker-compose.yml: Redis); keys are prefixed with the database name.
CACHE_URL = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/1")


def cache_url() -> str:
    """BENCH_CACHE_URL if its Redis answers; else each process's own memory, said aloud."""
    where = urlsplit(CACHE_URL)
    if where.scheme not in ("redis", "rediss"):
        return CACHE_URL
    try:
        socket.create_connection((where.hostname, where.port or 6379), timeout=2).close()
    except OSError:
        print(f"No Redis at {CACHE_URL}: the bench caches in each process's memory")
        return "locmemcache://"
    return CACHE_URL


def setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.update(ENV, CACHE_URL=cache_url())
    (OUT / "static").mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    import django

    django.setup()
