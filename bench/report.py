"""The results table: each measured entry at both sizes, its growth, and the targets it misses;
printed and written to bench/results/latest.json so runs can be compared."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from bench import env, targets
from bench.measure import Measured


@dataclass
class Row:
    name: str
    url: str
    median_ms: float
    queries: int
    html_bytes: int
    growth: float | None
    target_ms: float | None
    small_median_ms: float | None = None
    misses: list[str] = field(default_factory=list)
    extra: dict = field(default_factory=dict)


def rows(national: list[Measured], small: list[Measured], goals: dict[str, float | None]):
    """One row per national entry; growth is national ÷ tenth-size median of the same name."""
    smaller = {entry.name: entry for entry in small}
    found = []
    for entry in national:
        before = smaller.get(entry.name)
        growth = entry.median_ms / before.median_ms if before and before.median_ms else None
        row = Row(
            name=entry.name,
            url=entry.url,
            median_ms=round(entry.median_ms, 1),
            queries=entry.last.queries,
            html_bytes=entry.last.size,
            growth=round(growth, 2) if growth else None,
            target_ms=goals.get(entry.name),
            small_median_ms=round(before.median_ms, 1) if before else None,
        )
        row.misses = misses(row, entry)
        found.append(row)
    return found


def misses(row: Row, entry: Measured) -> list[str]:
    found = []
    if entry.last.status not in (None, 200):
        found.append(f"HTTP {entry.last.status}")
    if row.target_ms is not None and row.median_ms > row.target_ms:
        found.append(f"> {row.target_ms:.0f} ms")
    if row.growth is not None and row.growth > targets.GROWTH:
        found.append(f"growth > {targets.GROWTH}")
    if row.html_bytes > targets.HTML_BYTES:
        found.append("HTML > 300 KB")
    return found


def print_table(found: list[Row]) -> None:
    print(f"\n{'name':<46} {'median':>9} {'target':>7} {'1/10':>8} {'growth':>6} "
          f"{'q':>4} {'bytes':>8}  misses")  # fmt: skip
    for row in found:
        target = f"{row.target_ms:.0f}" if row.target_ms else "-"
        small = f"{row.small_median_ms:.1f}" if row.small_median_ms is not None else "-"
        growth = f"{row.growth:.2f}" if row.growth is not None else "-"
        print(f"{row.name[:46]:<46} {row.median_ms:7.1f}ms {target:>7} {small:>8} {growth:>6} "
              f"{row.queries:4d} {row.html_bytes:8,}  {'MISS ' + ', '.join(row.misses) if row.misses else 'ok'}")  # fmt: skip  # noqa: E501


def write(found: list[Row]) -> None:
    path = env.RESULTS / "latest.json"
    text = json.dumps([asdict(row) for row in found], indent=1, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")
    print(f"\nWritten {path.relative_to(env.ROOT)}")
