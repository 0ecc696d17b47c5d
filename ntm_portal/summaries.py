"""Summary tables kept on write: add deltas to counter rows in one statement.

Each app owns the summary tables of its own data and calls :func:`add_deltas` from the
services that change that data, inside their transaction. The statement is an
``INSERT … ON CONFLICT … DO UPDATE SET n = n + excluded.n`` (PostgreSQL and SQLite alike): a
missing row is created, an existing one incremented under its row lock, so two transactions
that touch the same row both count and neither waits for the other's read. Rows are written
in key order, so two writers lock shared rows in the same order (no deadlock).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from django.db import connection, models


def add_deltas(
    model: type[models.Model],
    *,
    keys: Sequence[str],
    values: Sequence[str],
    deltas: Mapping[tuple, Sequence[object]],
) -> None:
    """Add ``deltas`` ({key tuple: value deltas}) to ``model``'s rows; all-zero deltas skipped.

    ``keys`` are the columns of the model's unique constraint, ``values`` its counters.
    """
    rows = sorted((key, delta) for key, delta in deltas.items() if any(delta))
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = [model._meta.get_field(name).column for name in (*keys, *values)]
    placeholders = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(rows))
    updates = ", ".join(
        f"{quote(c)} = {table}.{quote(c)} + excluded.{quote(c)}" for c in columns[len(keys) :]
    )
    sql = (
        f"INSERT INTO {table} ({', '.join(quote(c) for c in columns)}) "  # noqa: S608 -- model metadata only
        f"VALUES {placeholders} "
        f"ON CONFLICT ({', '.join(quote(c) for c in columns[: len(keys)])}) DO UPDATE SET {updates}"
    )
    params = [value for key, delta in rows for value in (*key, *delta)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def merge(deltas: dict[tuple, list], key: tuple, delta: Sequence[object]) -> None:
    """Add ``delta`` into ``deltas[key]`` element by element."""
    current = deltas.setdefault(key, [0] * len(delta))
    for index, value in enumerate(delta):
        current[index] += value


def lock_for_rebuild(*tables: type[models.Model]) -> None:
    """Hold writers of these summary tables until the rebuilding transaction commits.

    On PostgreSQL an EXCLUSIVE table lock waits for the writers already in flight (their
    INSERT holds ROW EXCLUSIVE) and makes later ones wait: a write either committed before
    the rebuild read its data, or adds its delta after the rebuild's commit. SQLite
    serialises writers anyway.
    """
    if connection.vendor != "postgresql":
        return
    names = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in tables)
    with connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {names} IN EXCLUSIVE MODE")


# Rebuilds of apps that ``manage.py rebuild_summaries`` (in sponsorships) may not import:
# dependencies run one way, so campaigns registers its own when the app is ready.
_REBUILDS: list[Callable[[], None]] = []


def register_rebuild(rebuild: Callable[[], None]) -> None:
    if rebuild not in _REBUILDS:
        _REBUILDS.append(rebuild)


def registered_rebuilds() -> list[Callable[[], None]]:
    return list(_REBUILDS)
