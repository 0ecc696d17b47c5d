"""The province overview under load: gunicorn with gunicorn.conf.py's 5 sync workers on
loopback, ``wrk -c10`` for BENCH_WRK_SECONDS, signed in as the coordination office, with the
cache as deployed (bench/env.py: Redis at BENCH_CACHE_URL). Nothing is written meanwhile, so
this is the cached page's throughput; the bench's "cold" entry times the page after a write."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.test import Client
from django.urls import reverse

from bench import env, targets

SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", 20))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start(port: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py",
               "--bind", f"127.0.0.1:{port}", "ntm_portal.wsgi:application"]  # fmt: skip
    log = (env.OUT / "gunicorn.log").open("w")
    server = subprocess.Popen(command, cwd=env.ROOT, env=os.environ.copy(), stdout=log,
                              stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=2)  # noqa: S310
            return server
        except urllib.error.HTTPError:  # an answer, if not a healthy one (no Celery worker)
            return server
        except OSError:
            time.sleep(0.5)
    _stop(server)
    raise RuntimeError("gunicorn did not start; see bench/out/gunicorn.log")


def _stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(30)


def session_cookie() -> str:
    from ntm_portal.models import User

    client = Client()
    client.force_login(User.objects.get(username="bench_office"))
    client.get(reverse("dashboards:province_overview"))  # the session notes the second factor
    return client.cookies["sessionid"].value


def wrk(url: str, cookie: str, seconds: int = SECONDS) -> str:
    """wrk's report; a response slower than 10 s counts as a timeout (wrk's default: 2 s)."""
    command = ["wrk", "-c10", "-t2", f"-d{seconds}s", "--timeout", "10s", "--latency",
               "-H", f"Cookie: sessionid={cookie}", url]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    (env.OUT / "wrk.txt").write_text(output)
    return output


def parse(output: str) -> dict:
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)\b", output)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    return {
        "requests_per_s": float(rate.group(1)) if rate else 0.0,
        "p50_ms": float(p50.group(1)) * scale[p50.group(2)] if p50 else 0.0,
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


def rows() -> list:
    from bench.report import Row

    if shutil.which("wrk") is None:
        print("wrk is not installed: throughput skipped")
        return []
    port, path = _free_port(), reverse("dashboards:province_overview")
    server = _start(port)
    try:
        url, cookie = f"http://127.0.0.1:{port}{path}", session_cookie()
        wrk(url, cookie, seconds=10)  # every worker loads its code and templates first
        figures = parse(wrk(url, cookie))
    finally:
        _stop(server)
    figures["cache"] = settings.CACHES["pages"]["BACKEND"].rsplit(".", 1)[-1]
    print(f"Throughput, province overview, wrk -c10 {SECONDS} s, 5 workers: {figures}")
    row = Row("throughput: province overview, wrk -c10", path, figures["p50_ms"], 0, 0, None,
              None, extra=figures)  # fmt: skip
    if figures["requests_per_s"] < targets.THROUGHPUT:
        row.misses.append(f"< {targets.THROUGHPUT:.0f} req/s")
    if figures["non_2xx"]:
        row.misses.append(f"{figures['non_2xx']} non-2xx")
    return [row]
