"""Backup pairs: which files make a backup, which are kept, and a restore with none to restore.

The full backup-and-restore round trip is the drill in test_backup_restore.py.
"""

import pytest
from dbbackup import settings as dbbackup_settings
from django.core.management import call_command
from django.core.management.base import CommandError

from ntm_portal import backups, versions


@pytest.fixture
def backup_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(dbbackup_settings, "STORAGE_OPTIONS", {"location": str(tmp_path)})
    return tmp_path


def touch(folder, *names):
    for name in names:
        (folder / name).write_bytes(b"x")


def test_a_backup_is_a_database_dump_and_a_media_archive_of_the_same_moment():
    names = [
        "ntm-2026-11-30-013000.media.tar.gz",
        "ntm-2026-11-30-013000.db.psql.bin",
        "ntm-2026-11-30-013000.db.psql.bin.metadata",
        "ntm-2026-11-29-013000.db.psql.bin",  # its archive is missing: not a backup
        "ntm-2026-11-28-013000.media.tar.gz",  # its dump is missing: not a backup
        "ntm-2026-11-27-013000.db.sqlite3",
        "ntm-2026-11-27-013000.media.tar.gz",
        "notes.txt",
    ]

    pairs = backups.backup_pairs(names)

    assert pairs == [
        backups.BackupPair(
            "2026-11-27-013000",
            "ntm-2026-11-27-013000.db.sqlite3",
            "ntm-2026-11-27-013000.media.tar.gz",
        ),
        backups.BackupPair(
            "2026-11-30-013000",
            "ntm-2026-11-30-013000.db.psql.bin",
            "ntm-2026-11-30-013000.media.tar.gz",
        ),
    ]


def test_pruning_keeps_the_newest_pairs_and_deletes_the_others_whole(backup_dir):
    for day in (26, 27, 28):
        stamp = f"2026-11-{day}-013000"
        touch(backup_dir, f"ntm-{stamp}.db.psql.bin", f"ntm-{stamp}.db.psql.bin.metadata")
        touch(backup_dir, f"ntm-{stamp}.media.tar.gz")

    deleted = backups.backups_prune(keep=2)

    assert [pair.stamp for pair in deleted] == ["2026-11-26-013000"]
    assert sorted(path.name for path in backup_dir.iterdir()) == [
        "ntm-2026-11-27-013000.db.psql.bin",
        "ntm-2026-11-27-013000.db.psql.bin.metadata",
        "ntm-2026-11-27-013000.media.tar.gz",
        "ntm-2026-11-28-013000.db.psql.bin",
        "ntm-2026-11-28-013000.db.psql.bin.metadata",
        "ntm-2026-11-28-013000.media.tar.gz",
    ]


def test_restore_names_the_folder_when_there_is_no_backup(backup_dir):
    with pytest.raises(CommandError, match="No backup"):
        call_command("restore", "--noinput")


def test_restore_refuses_a_moment_that_has_no_backup(backup_dir):
    touch(backup_dir, "ntm-2026-11-28-013000.db.sqlite3", "ntm-2026-11-28-013000.media.tar.gz")

    with pytest.raises(CommandError, match="No backup 2026-11-29-013000"):
        call_command("restore", "--noinput", "--stamp", "2026-11-29-013000")


def test_restore_asks_first_and_a_no_changes_nothing(backup_dir, monkeypatch):
    touch(backup_dir, "ntm-2026-11-28-013000.db.sqlite3", "ntm-2026-11-28-013000.media.tar.gz")
    questions = []
    monkeypatch.setattr("builtins.input", lambda question: questions.append(question) or "no")
    monkeypatch.setattr(backups, "backup_restore", pytest.fail)

    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore")

    assert "2026-11-28-013000" in questions[0]


def test_a_restore_empties_the_cache(monkeypatch):
    """The restored data versions may name pages cached since the dump (ntm_portal/versions)."""
    monkeypatch.setattr(backups, "call_command", lambda *args, **kwargs: None)
    versions.cache.set("page", "cached since the dump")

    backups.backup_restore(pair=backups.BackupPair("s", "db", "media"))

    assert versions.cache.get("page") is None
