"""Re-measure a few bench entries on a data set that is already built: for work on one page,
where `make bench` (both sizes, every entry, about 15 minutes) is too slow a loop.

    BENCH_DATABASE_URL=postgres://…/ntm_bench_x python bench/probe.py build [COMMUNES [ACTIVITIES]]
    BENCH_DATABASE_URL=postgres://…/ntm_bench_x python bench/probe.py refresh
    BENCH_DATABASE_URL=postgres://…/ntm_bench_x python bench/probe.py measure [REGEX] [ROUNDS]

``build`` drops and builds the data set (national default); ``refresh`` applies new
migrations and rebuilds the summaries (after a change of schema or of a summary's rule);
``measure`` prints the median, queries and size of each registry entry whose name matches.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import env  # noqa: E402

env.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from bench import national  # noqa: E402
from bench.measure import measure_all  # noqa: E402


def build(communes: int = 10_000, activities: int = 1_000_000) -> None:
    national.reset()
    national.build(national.Sizes(communes=communes, activities=activities))
    print(national.counts())


def refresh() -> None:
    call_command("migrate", verbosity=0)
    call_command("rebuild_summaries", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def measure(pattern: str = ".", rounds: int = 5) -> None:
    from bench.pages import registry
    from bench.run import signed_in_office

    client, _office = signed_in_office()
    wanted = re.compile(pattern, re.IGNORECASE)
    entries = [page.measured(client) for page in registry(client) if wanted.search(page.name)]
    measure_all(entries, rounds)
    for entry in entries:
        last = entry.last
        print(f"{entry.name:48} {entry.median_ms:8.1f} ms {last.queries:3} q "
              f"{last.size / 1024:7.1f} KB  HTTP {last.status}")  # fmt: skip
        if entry.main_query:
            print(f"    slowest read {entry.main_query.ms:.1f} ms: {entry.main_query.sql[:160]}")


COMMANDS = {"build": build, "refresh": refresh, "measure": measure}

if __name__ == "__main__":
    command, *args = sys.argv[1:] or ["measure"]
    COMMANDS[command](*(arg if command == "measure" and i == 0 else int(arg)
                        for i, arg in enumerate(args)))  # fmt: skip
