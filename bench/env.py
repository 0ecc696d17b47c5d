"""The bench's Django environment: production settings (DEBUG off, second factor required for
the office), its own database and Redis number, no .env file.

Imported first by every bench entry point; ``setup()`` calls django.setup() once.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

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


def setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.update(ENV)
    (OUT / "static").mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    import django

    django.setup()
