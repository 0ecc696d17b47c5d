"""`make bench`: the national benchmark (issue 11) in one run.

Builds the tenth-size data set and measures every page, API list and write on it; then the
national one, measured the same way, with the growth of each; then, at national size, the
query plans, the exports, the reminder sweep and the throughput under wrk. Prints the table
with the targets and writes bench/results/latest.json and plans.txt. Sizes: bench/README.md.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import env  # noqa: E402

env.setup()

from django.test import Client  # noqa: E402

from bench import (  # noqa: E402
    exports,
    national,
    plans,
    reminders,
    report,
    services,
    targets,
    throughput,
)
from bench.measure import Measured, measure_all  # noqa: E402
from bench.pages import Ids, registry  # noqa: E402

SIZES = national.Sizes(
    communes=int(os.environ.get("BENCH_COMMUNES", 10_000)),
    activities=int(os.environ.get("BENCH_ACTIVITIES", 1_000_000)),
)
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 5))


def load(sizes: national.Sizes) -> report.Row:
    """Build the data set (after migrating an empty schema); its row gives the build time."""
    national.reset()
    start = time.perf_counter()
    national.build(sizes)
    seconds = time.perf_counter() - start
    found = national.counts()
    print(f"Built in {seconds:.0f} s: " + ", ".join(f"{n:,} {k}" for k, n in found.items()))
    row = report.Row(f"data set build, {sizes.communes:,} communes", "bench/national.py",
                     round(seconds * 1000), 0, 0, None, targets.BUILD_MS, extra=found)  # fmt: skip
    if seconds * 1000 > targets.BUILD_MS:
        row.misses.append("> 10 min")
    return row


def signed_in_office():
    from ntm_portal.models import User

    office = User.objects.get(username="bench_office")
    client = Client()
    client.force_login(office)
    return client, office


def measure(sizes: national.Sizes) -> tuple[list[Measured], dict, report.Row]:
    """Every registered page and write, ROUNDS samples each, on a data set of ``sizes``."""
    built = load(sizes)
    client, office = signed_in_office()
    pages = registry(client)
    entries = [page.measured(client) for page in pages]
    entries += services.entries(Ids.load(), office)
    start = time.perf_counter()
    measure_all(entries, ROUNDS)
    print(f"Measured {len(entries)} entries × {ROUNDS} in {time.perf_counter() - start:.0f} s")
    return entries, {page.name: page.target_ms for page in pages}, built


def main() -> None:
    started, load_at_start = time.perf_counter(), os.getloadavg()[0]
    print(f"Sizes: national {SIZES}, tenth {SIZES.tenth()}; {ROUNDS} rounds", flush=True)
    small, _goals, _built = measure(SIZES.tenth())
    small_csv, xlsx = exports.measured("csv"), exports.measured("xlsx")
    big, goals, built = measure(SIZES)
    rows = [built, *report.rows(big, small, goals)]
    plans.write(big, goals)
    rows += exports.rows(small_csv, xlsx)
    rows += reminders.rows()
    rows += throughput.rows()
    report.print_table(rows)
    report.write(rows)
    print(f"Whole run: {(time.perf_counter() - started) / 60:.1f} min; load average "
          f"{os.getloadavg()[0]:.1f} at the end, {load_at_start:.1f} at the start")  # fmt: skip


if __name__ == "__main__":
    main()
