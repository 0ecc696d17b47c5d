"""Excel export figures (issue 8): 100,000 activity rows through the kernel's writer.

    python bench/exports.py            # synthetic rows, no database: the writer alone
    python bench/exports.py --job      # also the real background job over a built data set

Prints time, peak Python memory (tracemalloc) and the growth of the process's resident set
(ru_maxrss), at two sizes, so "memory flat" is a figure, not a promise.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ROWS = int(os.environ.get("BENCH_EXPORT_ROWS", 100_000))


def synthetic_rows(count: int):
    """Rows shaped like the activity export (16 columns, text, dates, money, decimals)."""
    start = dt.date(2025, 1, 1)
    for i in range(count):
        yield [
            start + dt.timedelta(days=i % 365),
            f"Sở Nông nghiệp và Môi trường {i % 40}",
            f"Xã Xuân Lạc {i % 10_000}",
            f"Huyện Chợ Đồn {i % 300}",
            f"Thôn Nà Bản {i % 7}",
            "Tiền mặt",
            f"Hỗ trợ xây dựng nhà văn hóa thôn, hạng mục số {i}",
            "4, 7",
            1_000_000 + i * 1_000,
            Decimal("600"),
            "bóng đèn",
            Decimal("2.5"),
            i % 500,
            "hộ",
            "Ngân sách tỉnh",
            "",
        ]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(label: str, func) -> None:
    """Two passes: one timed (and its resident-set growth), one under tracemalloc for the peak
    (tracemalloc slows Python down about threefold, so it does not time)."""
    rss_before = rss_mb()
    start = time.perf_counter()
    rows = func()
    elapsed = time.perf_counter() - start
    rss_growth = rss_mb() - rss_before
    tracemalloc.start()
    func()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"  {label:<40} {rows:>8,} rows {elapsed:7.2f} s  "
        f"peak traced {peak / 2**20:6.1f} MB  max RSS +{rss_growth:6.1f} MB"
    )


def writer_alone(count: int) -> int:
    from ntm_portal.documents import xlsx
    from sponsorships.exports import columns

    with tempfile.TemporaryFile() as target:
        written = xlsx.write_workbook(
            target, [xlsx.Sheet(name="Hoạt động", columns=columns(), rows=synthetic_rows(count))]
        )
        size = target.seek(0, os.SEEK_END)
    print(f"    file size {size / 2**20:.1f} MB")
    return written


def background_job(user) -> int:
    """The national activities Excel as the background job does it (eager Celery, on commit)."""
    from exports.models import ExportJob
    from exports.services.jobs import export_job_request
    from sponsorships.exports import ACTIVITIES_XLSX_KIND

    job = export_job_request(user=user, kind=ACTIVITIES_XLSX_KIND, params={"sort": ["date"]})
    job = ExportJob.objects.get(pk=job.pk)
    assert job.status == ExportJob.Status.DONE, job.error
    print(f"    file size {job.file.size / 2**20:.1f} MB")
    job.file.delete()
    return job.done_count


def csv_stream(user) -> int:
    """The activity CSV as the streaming response yields it, consumed chunk by chunk."""
    from sponsorships.exports import activities_csv, filtered_queryset

    queryset = filtered_queryset(user=user, params={"sort": ["date"]})
    size = lines = 0
    for chunk in activities_csv(queryset):
        size += len(chunk)
        lines += 1
    print(f"    streamed {size / 2**20:.1f} MB")
    return lines - 1


def main() -> None:
    job = "--job" in sys.argv
    if job:  # the bench database and settings of bench/run.py, in a file of its own
        os.environ.setdefault("BENCH_DATABASE_URL", f"sqlite:///{ROOT}/bench/out/exports.sqlite3")
        from bench import run  # sets the environment up and calls django.setup()
    else:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ntm_portal.settings.test")
        import django

        django.setup()
    from django.utils import translation

    translation.activate("vi")
    print(f"Excel writer, synthetic activity rows (xlsxwriter constant_memory), {ROWS:,} rows:")
    for count in (ROWS // 10, ROWS):
        measure(f"writer alone, {count:,} rows", lambda count=count: writer_alone(count))
    if job:
        run.reset_database()
        start = time.perf_counter()
        data = run.dataset.build(communes=1_000, months=1, activities=ROWS, reports=1_000)
        print(f"Data set: {ROWS:,} activities built in {time.perf_counter() - start:.1f} s")
        measure("background job, all activities", lambda: background_job(data.office_user))
        measure("CSV stream, all activities", lambda: csv_stream(data.office_user))


if __name__ == "__main__":
    main()
