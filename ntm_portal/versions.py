"""The data version, and a cache that cannot serve stale figures.

The data version is a number that changes in the transaction of every write to the tables the
cached pages read (``PORTAL_DATA_VERSION_APPS``), whoever writes: a service, the admin, a
management command, an import, raw SQL or COPY. Database triggers keep it, not the services,
so no write path can forget it: on PostgreSQL a statement-level trigger on each watched table
(once per transaction, TRUNCATE included), on SQLite row-level triggers (it has no other kind;
SQLite is the development database, its writes are small). ``install_triggers`` runs after
every ``migrate``, so a new table of a watched app is watched from its first migration.

The version is the sum of ``DataVersion`` shards: a transaction's first write takes a shard no
other transaction holds (``SKIP LOCKED``) and bumps it at each write statement, so concurrent
writers neither queue nor deadlock on one row. Each commit adds at least 1 to the sum, so the
sum names one committed state of the data (and, within a writing transaction, its own state).

A cached value's key holds the version read before the value is built: a reader that sees the
new version reads the new data. A transaction that has itself written (not yet committed) adds
its id to the key: what it reads may still be rolled back, so nobody else may share it.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.utils import timezone, translation
from django.utils.connection import ConnectionProxy
from redis.exceptions import RedisError

T = TypeVar("T")
logger = logging.getLogger(__name__)
# A cache that does not answer costs the page its speed, not its answer.
CACHE_ERRORS = (OSError, RedisError)

# The page cache (settings.CACHES["pages"]): evictable, apart from the sign-in state's.
cache = ConnectionProxy(caches, "pages")
TABLE = "ntm_portal_dataversion"
SHARDS = 16
# Bounds what an entry of an older version (or a changed template after a release) costs.
CACHE_SECONDS = 300
MISSING = object()

_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION ntm_data_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  xact text := txid_current()::text;
  held text := current_setting('ntm.data_version_shard', true);
  shard int;
BEGIN
  IF held LIKE xact || ':%' THEN  -- this transaction holds its shard: bump it again
    UPDATE {TABLE} SET value = value + 1 WHERE id = split_part(held, ':', 2)::int;
    RETURN NULL;
  END IF;
  UPDATE {TABLE} SET value = value + 1
  WHERE id = (SELECT id FROM {TABLE} ORDER BY random() LIMIT 1 FOR UPDATE SKIP LOCKED)
  RETURNING id INTO shard;
  IF shard IS NULL THEN  -- every shard busy (or none left after a flush): wait on one
    INSERT INTO {TABLE} (id, value) VALUES (1 + floor(random() * {SHARDS})::int, 1)
    ON CONFLICT (id) DO UPDATE SET value = {TABLE}.value + 1 RETURNING id INTO shard;
  END IF;
  PERFORM set_config('ntm.data_version_shard', xact || ':' || shard, true);
  RETURN NULL;
END $$;
"""
_PG_TRIGGER = """CREATE OR REPLACE TRIGGER ntm_data_version
AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}"
FOR EACH STATEMENT EXECUTE FUNCTION ntm_data_version_bump()"""
_SQLITE_TRIGGER = f"""CREATE TRIGGER IF NOT EXISTS "ntm_data_version_{{event}}_{{table}}"
AFTER {{event}} ON "{{table}}" BEGIN
  INSERT INTO {TABLE} (id, value) SELECT 1, 0 WHERE NOT EXISTS (SELECT 1 FROM {TABLE});
  UPDATE {TABLE} SET value = value + 1 WHERE id = 1;
END"""
_PG_READ = f"""SELECT COALESCE(SUM(value), 0),
  NULLIF(split_part(current_setting('ntm.data_version_shard', true), ':', 1), '') FROM {TABLE}"""


def data_version(using: str = "default") -> str:
    """The version of the committed data this connection sees (with its own transaction's id
    when that transaction has written a watched table and not committed yet)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_PG_READ)
            total, own_write = cursor.fetchone()
            return f"{total}.{own_write}" if own_write else str(total)
        cursor.execute(f"SELECT COALESCE(SUM(value), 0) FROM {TABLE}")  # noqa: S608
        return str(cursor.fetchone()[0])


def cached(name: str, vary: Iterable[object], build: Callable[[], T]) -> T:
    """``build()``'s value, shared by every request with the same ``vary`` (the scope that
    changes the content: role, filters…), the same data version, language and day."""
    parts = (translation.get_language(), timezone.localdate().isoformat(), *vary)
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    key = f"{name}:{data_version()}:{digest}"
    value = _cache_call(cache.get, key, MISSING)
    if value is MISSING:
        value = build()
        _cache_call(cache.set, key, value, CACHE_SECONDS)
    return value


def _cache_call(method: Callable[..., Any], *args: object) -> Any:
    try:
        return method(*args)
    except CACHE_ERRORS as exc:
        logger.warning("Cache unavailable, the page is computed: %s", exc)
        return MISSING


def watched_tables(using: str = "default") -> list[str]:
    """The tables of the watched apps (many-to-many tables included) that exist."""
    existing = set(connections[using].introspection.table_names())
    tables = {
        model._meta.db_table
        for label in settings.PORTAL_DATA_VERSION_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }
    return sorted(tables & existing)


def install_triggers(using: str = "default", **_kwargs: Any) -> None:
    """``post_migrate`` receiver: (re)create the triggers on every watched table."""
    connection = connections[using]
    statements = {"postgresql": _pg_statements, "sqlite": _sqlite_statements}.get(connection.vendor)
    if statements is None:
        return
    with connection.cursor() as cursor:
        for sql in statements(watched_tables(using)):
            cursor.execute(sql)


def _pg_statements(tables: list[str]) -> list[str]:
    shards = ", ".join(f"({n}, 0)" for n in range(1, SHARDS + 1))
    seed = f"INSERT INTO {TABLE} (id, value) VALUES {shards} ON CONFLICT (id) DO NOTHING"  # noqa: S608
    return [_PG_FUNCTION, seed, *(_PG_TRIGGER.format(table=table) for table in tables)]


def _sqlite_statements(tables: list[str]) -> list[str]:
    return [
        _SQLITE_TRIGGER.format(event=event, table=table)
        for table in tables
        for event in ("INSERT", "UPDATE", "DELETE")
    ]
