"""How every page and call is measured: one warm-up, then ``rounds`` samples taken in turn
(page 1, page 2, …, page 1, …) so a burst of load elsewhere on the machine spreads over all of
them, and the median. Queries are counted by a connection wrapper, not by DEBUG's query log
(which is off here and keeps at most 9,000 queries anyway)."""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection


@dataclass
class Query:
    sql: str
    params: object
    ms: float


class QueryLog:
    """Every query run on the default connection while active, with its duration."""

    def __init__(self) -> None:
        self.queries: list[Query] = []

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append(Query(sql, params, (time.perf_counter() - start) * 1000))

    def __enter__(self) -> QueryLog:
        self._wrapper = connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self._wrapper.__exit__(*exc)

    def slowest(self) -> Query | None:
        """The slowest read of the page's own data (not the session, user or menu badges)."""
        reads = [q for q in self.queries if _own_read(q.sql)]
        return max(reads, key=lambda query: query.ms, default=None)


FRAME_TABLES = re.compile(r'FROM "(django_session|ntm_portal_user|mfa_authenticator|'
                          r'ntm_portal_notification|axes_\w+)"')  # fmt: skip


def _own_read(sql: str) -> bool:
    return sql.lstrip().upper().startswith(("SELECT", "WITH")) and not FRAME_TABLES.search(sql)


@dataclass
class Sample:
    ms: float
    queries: int
    size: int
    status: int | None


@dataclass
class Measured:
    name: str
    url: str
    call: Callable[[], object]
    # Run before each call, untimed and uncounted (the write before a cold page).
    prepare: Callable[[], object] | None = None
    samples: list[Sample] = field(default_factory=list)
    main_query: Query | None = None

    @property
    def median_ms(self) -> float:
        return statistics.median(sample.ms for sample in self.samples)

    @property
    def last(self) -> Sample:
        return self.samples[-1]


def run_once(
    call: Callable[[], object], prepare: Callable[[], object] | None = None
) -> tuple[Sample, QueryLog]:
    if prepare is not None:
        prepare()
    with QueryLog() as log:
        start = time.perf_counter()
        result = call()
        body = _body(result)
        elapsed = (time.perf_counter() - start) * 1000
    return Sample(elapsed, len(log.queries), len(body), getattr(result, "status_code", None)), log


def _body(result: object) -> bytes:
    """The response's bytes (a streamed one is consumed, as a browser would); b"" otherwise."""
    if getattr(result, "streaming", False):
        return b"".join(result.streaming_content)
    return getattr(result, "content", b"") or b""


def measure_all(entries: list[Measured], rounds: int) -> None:
    """Warm every entry up once (keeping its slowest query), then sample them in turn."""
    for entry in entries:
        _sample, log = run_once(entry.call, entry.prepare)
        entry.main_query = log.slowest()
    for _ in range(rounds):
        for entry in entries:
            entry.samples.append(run_once(entry.call, entry.prepare)[0])
