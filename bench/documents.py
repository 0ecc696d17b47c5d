"""Province monthly report figures (issue 8): the compiled PDF and Excel of a province of about
110 communes, every report sent through the service (so each has its frozen version).

    python bench/documents.py     # not part of make bench; BENCH_DATABASE_URL as for bench/run.py

Prints the median of several renders of the PDF and of the Excel, with their sizes and pages.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
COMMUNES = int(os.environ.get("BENCH_PROVINCE_COMMUNES", 110))
REPEAT = 5


def submit_every_report(data) -> int:
    """Open the month's reports and send each one as its agency's staff would."""
    from ntm_portal.models import User
    from sponsorships.models import MonthlyReport
    from sponsorships.services import monthly_reports as services

    staff = {}
    reports = MonthlyReport.objects.filter(period=data.period).select_related("assignment__agency")
    for report in reports:
        agency = report.assignment.agency
        if agency.pk not in staff:
            staff[agency.pk] = User.objects.create_user(
                f"bench_staff_{agency.pk}", role=User.Role.AGENCY_STAFF, agency=agency
            )
        report.difficulties = "Nguồn vốn đối ứng của xã còn hạn chế; thời tiết mưa nhiều."
        report.save(update_fields=["difficulties"])
        services.monthly_report_submit(report=report, actor=staff[agency.pk])
    return reports.count()


def page_count(pdf: bytes) -> str:
    """Pages, as poppler's pdfinfo reads them ("?" without poppler-utils)."""
    if shutil.which("pdfinfo") is None:
        return "?"
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=False).stdout
    found = re.search(rb"Pages:\s+(\d+)", info)
    return found.group(1).decode() if found else "?"


def timed(label: str, func) -> bytes:
    samples, result = [], b""
    for _ in range(REPEAT):
        start = time.perf_counter()
        result = func()
        samples.append(time.perf_counter() - start)
    low, high = min(samples) * 1000, max(samples) * 1000
    print(
        f"  {label:<44} median {statistics.median(samples) * 1000:7.0f} ms  "
        f"(min {low:.0f}, max {high:.0f})  {len(result) / 1024:.0f} KB"
    )
    return result


def main() -> None:
    from bench import env

    env.ENV["PORTAL_PROVINCE_CODE"] = "99"  # bench/dataset.py's province
    env.setup()
    from django.utils import translation

    from bench import dataset, national
    from sponsorships.monthly_report_exports import province_report_xlsx
    from sponsorships.province_document import province_report_pdf

    translation.activate("vi")
    national.reset()
    start = time.perf_counter()
    data = dataset.build(communes=COMMUNES, months=2, activities=COMMUNES * 20, reports=COMMUNES)
    sent = submit_every_report(data)
    print(
        f"Province of {COMMUNES} communes, {sent} reports sent "
        f"({time.perf_counter() - start:.1f} s to build): {data.summary()}"
    )
    scope = {"user": data.office_user, "period": data.period}
    pdf = timed("province PDF (render in the request)", lambda: province_report_pdf(**scope))
    print(f"    {page_count(pdf)} pages")
    timed("province Excel", lambda: province_report_xlsx(**scope))


if __name__ == "__main__":
    main()
