"""The activity exports at scale, each in a process of its own so its peak resident set is
the export's: the CSV streamed by the page's view (consumed chunk by chunk, as a browser
would), and the Excel built by the background job (run eagerly: its time is the worker's).

    python bench/exports.py csv|xlsx    # what bench/run.py starts; prints one JSON line
"""

from __future__ import annotations

import json
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import env  # noqa: E402


def _rss_mb() -> float:
    """This process's peak resident set (VmHWM): ru_maxrss would carry the parent's peak
    across the exec."""
    status = Path("/proc/self/status")
    if not status.exists():
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    found = re.search(r"VmHWM:\s+(\d+) kB", status.read_text())
    return int(found.group(1)) / 1024


TENTH_ROWS = 100_000


def _office():
    from ntm_portal.models import User

    return User.objects.get(username="bench_office")


def csv_figures() -> dict:
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(_office())
    baseline = _rss_mb()
    start = time.perf_counter()
    response = client.get(reverse("sponsorships:activity_export_csv"))
    size = lines = 0
    tenth_peak = None
    for chunk in response.streaming_content:
        size += len(chunk)
        lines += chunk.count(b"\n")
        if lines == TENTH_ROWS:  # flat memory: the peak after a tenth is the peak at the end
            tenth_peak = round(_rss_mb(), 1)
    figures = _figures(start, baseline, rows=lines - 1, size=size, status=response.status_code)
    return {**figures, "peak_rss_mb_after_100000_rows": tenth_peak}


def xlsx_figures() -> dict:
    from exports.models import ExportJob
    from exports.services.jobs import export_job_request
    from sponsorships.exports import ACTIVITIES_XLSX_KIND

    baseline = _rss_mb()
    start = time.perf_counter()
    job = export_job_request(user=_office(), kind=ACTIVITIES_XLSX_KIND, params={})
    job = ExportJob.objects.get(pk=job.pk)
    status = 200 if job.status == ExportJob.Status.DONE else 500
    figures = _figures(start, baseline, rows=job.done_count, size=job.file.size, status=status)
    job.file.delete()
    return figures


def _figures(start: float, baseline: float, **found) -> dict:
    seconds = time.perf_counter() - start
    return {**found, "seconds": round(seconds, 2), "peak_rss_mb": round(_rss_mb(), 1),
            "rss_growth_mb": round(_rss_mb() - baseline, 1)}  # fmt: skip


def measured(kind: str) -> dict:
    """Run one export in a child process and read its figures."""
    command = [sys.executable, str(Path(__file__)), kind]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=env.ROOT)
    if done.returncode:
        print(done.stderr[-2000:])
        return {"rows": 0, "size": 0, "seconds": 0, "peak_rss_mb": 0, "status": 500}
    return json.loads(done.stdout.strip().splitlines()[-1])


def rows(small_csv: dict, xlsx: dict) -> list:
    """The national CSV and the Excel job (measured on the tenth-size data set: at a million
    rows it alone would take most of the run). The CSV's growth is its memory's: the peak at
    the end of the stream ÷ the peak after its first 100,000 rows (flat: about 1.0)."""
    from bench.report import Row

    big_csv = measured("csv")
    found = [csv_row(big_csv, small_csv), Row(
        f"XLSX export job, {xlsx['rows']:,} activities", "exports.tasks (eager)",
        xlsx["seconds"] * 1000, 0, xlsx["size"], None, None, extra={"tenth": xlsx})]  # fmt: skip
    for row, figures in zip(found, (big_csv, xlsx), strict=True):
        print(f"{row.name}: {figures}")
        if figures["status"] != 200:
            row.misses.append(f"HTTP {figures['status']}")
    return found


def csv_row(big_csv: dict, small_csv: dict):
    from bench.report import Row

    early = big_csv.get("peak_rss_mb_after_100000_rows")
    growth = round(big_csv["peak_rss_mb"] / early, 2) if early else None
    row = Row(f"CSV export, {big_csv['rows']:,} activities, streamed",
              "/sponsorships/activities/export.csv", big_csv["seconds"] * 1000, 0,
              big_csv["size"], growth, None, small_csv["seconds"] * 1000,
              extra={"national": big_csv, "tenth": small_csv,
                     "growth_is": "peak RSS at the end / after 100,000 rows"})  # fmt: skip
    if growth is not None and growth > 1.5:  # None: a stream under 100,000 rows tells nothing
        row.misses.append("memory not flat")
    return row


if __name__ == "__main__":
    env.setup()
    print(json.dumps(csv_figures() if sys.argv[1] == "csv" else xlsx_figures()))
