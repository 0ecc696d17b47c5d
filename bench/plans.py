"""EXPLAIN ANALYZE, at national size, of the main query of the overviews and of every list:
the slowest read each page ran while warming up. The plans' key lines (scans and the index
used, joins, sorts, rows, time) are printed and written to bench/results/plans.txt."""

from __future__ import annotations

import re

from django.db import connection

from bench import env, targets
from bench.measure import Measured

KEY_LINE = re.compile(r"Scan|Join|Aggregate|Sort|Limit|Gather|Index Cond|Execution Time|Loop")
MAX_LINES = 14
PLANNED = {targets.PROVINCE, targets.NATIONAL, targets.LIST, targets.API_LIST, targets.TOTALS}


def write(entries: list[Measured], goals: dict[str, float | None]) -> None:
    sections = [_section(entry) for entry in entries if _planned(entry, goals)]
    text = "\n\n".join(section for section in sections if section)
    (env.RESULTS / "plans.txt").write_text(text + "\n", encoding="utf-8")
    print("\nQuery plans of the main query of each overview and list (national size):")
    print(text)


def _planned(entry: Measured, goals: dict[str, float | None]) -> bool:
    return entry.main_query is not None and goals.get(entry.name) in PLANNED


def _section(entry: Measured) -> str:
    query = entry.main_query
    try:
        lines = explain(query.sql, query.params)
    except Exception as exc:  # noqa: BLE001 (a plan that fails is reported, not fatal)
        lines = [f"EXPLAIN failed: {exc}"]
    head = f"== {entry.name} ({entry.url}): slowest read {query.ms:.1f} ms"
    return "\n".join([head, *(f"   {line}" for line in lines)])


def explain(sql: str, params) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS OFF) " + sql, params)
        plan = [row[0] for row in cursor.fetchall()]
    return key_lines(plan)


def key_lines(plan: list[str]) -> list[str]:
    kept = [_shorter(line) for line in plan if KEY_LINE.search(line)]
    if len(kept) > MAX_LINES:
        kept = [*kept[: MAX_LINES - 2], "…", kept[-1]]
    return kept


def _shorter(line: str) -> str:
    """Without the cost estimate: the actual rows and time are what matter."""
    return re.sub(r"\(cost=[^)]*\) ", "", line.rstrip())[:160]
