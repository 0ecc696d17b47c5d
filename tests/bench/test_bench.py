"""The bench's own arithmetic: what it counts, how it marks a miss, what it keeps of a plan.
(The timings themselves are measured by `make bench`, not asserted here.)"""

from django.db import connection

from bench import plans, report, targets, throughput
from bench.measure import Measured, QueryLog, Sample


def measured(name: str, ms: float, *, size: int = 1000, status: int = 200) -> Measured:
    entry = Measured(name, f"/{name}/", lambda: None)
    entry.samples = [Sample(ms, 3, size, status)] * 3
    return entry


def test_growth_is_national_over_tenth_and_misses_are_marked():
    national = [measured("a", 150.0), measured("b", 40.0, size=400 * 1024, status=302)]
    small = [measured("a", 50.0), measured("b", 40.0)]
    rows = report.rows(national, small, {"a": targets.LIST, "b": None})
    assert [row.growth for row in rows] == [3.0, 1.0]
    assert rows[0].misses == ["> 100 ms", "growth > 1.5"]
    assert rows[1].misses == ["HTTP 302", "HTML > 300 KB"]


def test_an_entry_within_its_targets_has_no_miss():
    rows = report.rows([measured("a", 90.0)], [measured("a", 80.0)], {"a": targets.LIST})
    assert rows[0].misses == []


def test_query_log_counts_every_query_without_debug(db, settings):
    settings.DEBUG = False
    with QueryLog() as log, connection.cursor() as cursor:
        for _ in range(3):
            cursor.execute("SELECT 1")
    assert len(log.queries) == 3


def test_the_main_query_is_the_slowest_read_of_the_page_s_own_data():
    log = QueryLog()
    log.queries = [
        plans_query('SELECT * FROM "django_session"', 50.0),
        plans_query('SELECT * FROM "communes_commune"', 20.0),
        plans_query('UPDATE "communes_commune" SET x = 1', 90.0),
    ]
    assert log.slowest().sql == 'SELECT * FROM "communes_commune"'


def plans_query(sql: str, ms: float):
    from bench.measure import Query

    return Query(sql, (), ms)


def test_plan_key_lines_keep_scans_rows_and_time_without_costs():
    plan = [
        "Limit  (cost=0.42..3.10 rows=50 width=8) (actual time=0.01..0.20 rows=50 loops=1)",
        "  Output: id",
        "  ->  Index Scan using sp_activity_list_order on sponsorships_supportactivity  "
        "(cost=0.42..53000.00 rows=1000000 width=8) (actual time=0.01..0.1 rows=50 loops=1)",
        "Planning Time: 0.1 ms",
        "Execution Time: 0.25 ms",
    ]
    lines = plans.key_lines(plan)
    assert lines[0] == "Limit  (actual time=0.01..0.20 rows=50 loops=1)"
    assert "Index Scan using sp_activity_list_order" in lines[1]
    assert lines[-1] == "Execution Time: 0.25 ms"
    assert len(lines) == 3


def test_wrk_report_gives_requests_per_second_and_median():
    output = "  Latency Distribution\n     50%  532.11ms\n     75%    1.2s\nRequests/sec:   42.5\n"
    assert throughput.parse(output) == {"requests_per_s": 42.5, "p50_ms": 532.11, "non_2xx": 0}


def test_csv_memory_is_flat_when_the_end_peak_is_near_the_early_one():
    from bench import exports

    small = {"seconds": 1.0, "peak_rss_mb": 120.0}
    flat = {"rows": 10, "size": 1, "seconds": 9.0, "peak_rss_mb": 150.0,
            "peak_rss_mb_after_100000_rows": 140.0}  # fmt: skip
    assert exports.csv_row(flat, small).misses == []
    growing = {**flat, "peak_rss_mb": 400.0}
    assert exports.csv_row(growing, small).misses == ["memory not flat"]
