"""Backups: the database and the uploaded files together, one pair per run.

A backup is two files in ``DBBACKUP_DIR`` that share one UTC moment (``YYYY-MM-DD-HHMMSS``):

- ``ntm-<moment>.db.psql.bin``: ``pg_dump --format=custom`` of PostgreSQL, restored with
  ``pg_restore --clean --if-exists --single-transaction --no-owner``; in development
  ``ntm-<moment>.db.sqlite3``, a copy taken with SQLite's online backup API;
- ``ntm-<moment>.media.tar.gz``: every file under MEDIA_ROOT (the evidence uploads).

django-dbbackup dumps, restores and archives; this module pairs the two files, so a restore
never brings back one day's database with another day's files, and keeps the newest
``DBBACKUP_CLEANUP_KEEP`` pairs. The database is dumped first: a file uploaded in between is
in the archive but in no row (harmless), never a row without its file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from dbbackup.db.base import get_connector
from dbbackup.storage import get_storage
from django.conf import settings
from django.core.management import call_command

from ntm_portal import versions

STAMP_FORMAT = "%Y-%m-%d-%H%M%S"
NAME_RE = re.compile(r"^ntm-(\d{4}-\d{2}-\d{2}-\d{6})\.(db|media)\.(.+)$")


class BackupNotFound(Exception):
    pass


@dataclass(frozen=True)
class BackupPair:
    stamp: str
    database: str
    media: str


def backup_pairs(names: Iterable[str]) -> list[BackupPair]:
    """The complete pairs among file names, oldest first (a lone half is not a backup)."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for name in names:
        match = NAME_RE.match(name)
        if match and not name.endswith(".metadata"):
            found[match[1]][match[2]] = name
    return [
        BackupPair(stamp=stamp, database=halves["db"], media=halves["media"])
        for stamp, halves in sorted(found.items())
        if {"db", "media"} <= halves.keys()
    ]


def backup_list() -> list[BackupPair]:
    storage = get_storage()
    if not storage.storage.exists(""):
        return []
    return backup_pairs(storage.list_directory())


def backup_create(*, now: dt.datetime) -> BackupPair:
    """Dump the database, then archive MEDIA_ROOT, under one name; prune the oldest pairs."""
    stamp = now.astimezone(dt.UTC).strftime(STAMP_FORMAT)
    extension = get_connector().extension
    pair = BackupPair(
        stamp=stamp,
        database=f"ntm-{stamp}.db.{extension}",
        media=f"ntm-{stamp}.media.tar.gz",
    )
    call_command("dbbackup", output_filename=pair.database, quiet=True)
    try:
        Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)  # none uploaded yet
        call_command("mediabackup", output_filename=pair.media, compress=True, quiet=True)
    except BaseException:
        _delete(pair.database, f"{pair.database}.metadata")  # half a pair is no backup
        raise
    backups_prune(keep=settings.DBBACKUP_CLEANUP_KEEP)
    return pair


def backups_prune(*, keep: int) -> list[BackupPair]:
    """Delete every pair but the newest ``keep`` (at least one is always kept)."""
    old = backup_list()[: -max(keep, 1)]
    for pair in old:
        _delete(pair.database, f"{pair.database}.metadata", pair.media)
    return old


def _delete(*names: str) -> None:
    storage = get_storage()
    for name in names:
        if storage.storage.exists(name):
            storage.delete_file(name)


def backup_get(*, stamp: str | None = None) -> BackupPair:
    """The pair taken at ``stamp``, or the newest one."""
    pairs = backup_list()
    if stamp:
        pairs = [pair for pair in pairs if pair.stamp == stamp]
    if not pairs:
        raise BackupNotFound(stamp or "")
    return pairs[-1]


def backup_restore(*, pair: BackupPair) -> None:
    """Replace the database with the pair's dump, then put its files back under MEDIA_ROOT.

    Files in MEDIA_ROOT that the archive lacks are left where they are.
    """
    call_command("dbrestore", input_filename=pair.database, interactive=False, quiet=True)
    # The restored data versions (ntm_portal/versions.py) may name pages cached since the dump.
    versions.cache.clear()
    call_command(
        "mediarestore",
        input_filename=pair.media,
        uncompress=True,
        replace=True,
        interactive=False,
        quiet=True,
    )
