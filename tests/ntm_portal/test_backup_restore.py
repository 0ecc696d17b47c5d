"""The restore drill: a backup is only a backup once it has been restored.

The demo province plus a few evidence uploads is backed up with ``manage.py backup`` (what
``make backup`` and the nightly cron run), restored with ``manage.py restore`` into a fresh
database and an empty media folder, and compared: every table's row count and every stored
file's SHA-256. Everything runs as separate ``manage.py`` processes with production settings
(ntm_portal.settings.base), the way an operator runs it, on databases of its own (ntm_backup_*)
that the test creates and drops. PostgreSQL (pg_dump / pg_restore) runs in CI; SQLite is the
development database.
"""

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest
from django.db import connection
from openpyxl import Workbook

from tests.sponsorships.activity_fixtures import PNG_BYTES

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DB, RESTORED_DB = "ntm_backup_drill_source", "ntm_backup_drill_restored"

# Runs inside `manage.py shell`: uploads each file as evidence of a demo activity, through the
# same service the activity form calls (type checked by magic bytes, random stored name).
UPLOAD_SCRIPT = """
import json, os
from django.core.files.uploadedfile import SimpleUploadedFile
from ntm_portal.models import User
from sponsorships.models import SupportActivity
from sponsorships.services.activities import activity_update

user = User.objects.get(username="admin")
activities = list(SupportActivity.objects.order_by("pk")[:2])
for index, (name, path) in enumerate(json.loads(os.environ["DRILL_UPLOADS"])):
    activity = activities[index % len(activities)]
    activity.refresh_from_db()
    with open(path, "rb") as handle:
        upload = SimpleUploadedFile(name, handle.read())
    activity_update(
        activity=activity, user=user, expected_version=activity.version, evidence_files=[upload]
    )
"""


def xlsx_bytes() -> bytes:
    book = Workbook()
    book.active["A1"] = "Biên bản bàn giao 14 lò đốt rác"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


UPLOADS = {
    "ảnh lò đốt rác.png": PNG_BYTES + b"first photo",
    "cau-dan-sinh.png": PNG_BYTES + b"second photo",
    "biên bản.pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
    "danh sách hộ.xlsx": xlsx_bytes(),
}


class Site:
    """One installation: a database, a media folder, and the shared backup folder."""

    def __init__(self, database_url: str, media: Path, backups: Path) -> None:
        self.env = {
            "PATH": os.environ["PATH"],
            "HOME": os.environ.get("HOME", "/tmp"),
            "DJANGO_SETTINGS_MODULE": "ntm_portal.settings.base",
            "DJANGO_ENV_FILE": "",
            "DJANGO_SECRET_KEY": "restore-drill-secret-key-not-for-production-0123456789",
            "DJANGO_ALLOWED_HOSTS": "localhost",
            "DJANGO_DEBUG": "True",
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(media),
            "DBBACKUP_DIR": str(backups),
            "EMAIL_URL": "dummymail://",
        }
        self.media = media

    def manage(self, *args: str, **env: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **env},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, f"manage.py {args[0]}:\n{result.stdout}{result.stderr}"
        return result.stdout


def media_checksums(media: Path) -> dict[str, str]:
    return {
        str(path.relative_to(media)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(media.rglob("*"))
        if path.is_file()
    }


def postgres_row_counts(url: str) -> dict[str, int]:
    with psycopg2.connect(url) as db, db.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        )
        tables = sorted(name for (name,) in cursor.fetchall())
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    return counts


def postgres_evidence_files(url: str) -> list[str]:
    with psycopg2.connect(url) as db, db.cursor() as cursor:
        cursor.execute("SELECT file FROM sponsorships_evidence ORDER BY id")
        return [name for (name,) in cursor.fetchall()]


def sqlite_row_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as db:
        tables = sorted(
            name
            for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not name.startswith("sqlite_")
        )
        return {
            table: db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables
        }


def sqlite_evidence_files(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        return [
            name for (name,) in db.execute("SELECT file FROM sponsorships_evidence ORDER BY id")
        ]


@pytest.fixture
def postgres_server(needs_postgres):
    """The server the tests use, and a URL maker for databases of this drill's own."""
    settings = connection.settings_dict
    credentials = settings["USER"] + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
    server = (
        f"postgres://{credentials}@{settings['HOST'] or 'localhost'}:{settings['PORT'] or 5432}"
    )

    def drop_and_create(*, create: bool) -> None:
        admin = psycopg2.connect(f"{server}/postgres")
        admin.autocommit = True
        with admin.cursor() as cursor:
            for name in (SOURCE_DB, RESTORED_DB):
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                if create:
                    cursor.execute(f'CREATE DATABASE "{name}"')
        admin.close()

    drop_and_create(create=True)
    yield server
    drop_and_create(create=False)


def upload_evidence(site: Site, folder: Path, files: dict[str, bytes]) -> None:
    folder.mkdir()
    uploads = []
    for index, (name, content) in enumerate(files.items()):
        path = folder / f"{index}"
        path.write_bytes(content)
        uploads.append([name, str(path)])
    site.manage("shell", "-c", UPLOAD_SCRIPT, DRILL_UPLOADS=json.dumps(uploads))


def load_demo_with_evidence(site: Site, tmp_path: Path) -> None:
    site.manage("migrate", "--noinput", "-v0")
    site.manage("load_demo")
    upload_evidence(site, tmp_path / "uploads", UPLOADS)


def the_restored_site_takes_new_uploads(restored: Site, tmp_path: Path) -> int:
    """Sequences came back too: a new row gets a fresh id instead of colliding."""
    upload_evidence(restored, tmp_path / "after-restore", {"ảnh mới.png": PNG_BYTES + b"new"})
    return len(media_checksums(restored.media))


def drill(tmp_path: Path, source_url: str, restored_url: str) -> tuple[Site, Site]:
    backups = tmp_path / "backups"
    source = Site(source_url, tmp_path / "media-source", backups)
    restored = Site(restored_url, tmp_path / "media-restored", backups)
    load_demo_with_evidence(source, tmp_path)

    source.manage("backup")
    restored.manage("restore", "--noinput")

    restored.manage("migrate", "--check")  # the restored schema is the code's schema
    return source, restored


def assert_evidence_files_match(source: Site, restored: Site, stored: list[str]) -> None:
    assert len(stored) == len(UPLOADS)
    source_sums, restored_sums = media_checksums(source.media), media_checksums(restored.media)
    assert sorted(source_sums) == sorted(stored)  # nothing else is in the media folder
    assert restored_sums == source_sums
    assert sorted(source_sums.values()) == sorted(
        hashlib.sha256(content).hexdigest() for content in UPLOADS.values()
    )


@pytest.mark.postgres
def test_a_postgres_backup_of_the_demo_restores_every_row_and_every_evidence_file(
    postgres_server, tmp_path
):
    source_url, restored_url = f"{postgres_server}/{SOURCE_DB}", f"{postgres_server}/{RESTORED_DB}"

    source, restored = drill(tmp_path, source_url, restored_url)

    source_counts = postgres_row_counts(source_url)
    assert source_counts["sponsorships_supportactivity"] > 0
    assert source_counts["sponsorships_evidence"] == len(UPLOADS)
    assert postgres_row_counts(restored_url) == source_counts
    assert postgres_evidence_files(restored_url) == postgres_evidence_files(source_url)
    assert_evidence_files_match(source, restored, postgres_evidence_files(restored_url))
    assert the_restored_site_takes_new_uploads(restored, tmp_path) == len(UPLOADS) + 1


def test_a_sqlite_backup_of_the_demo_restores_every_row_and_every_evidence_file(tmp_path):
    source_path, restored_path = tmp_path / "source.sqlite3", tmp_path / "restored.sqlite3"

    source, restored = drill(tmp_path, f"sqlite:///{source_path}", f"sqlite:///{restored_path}")

    source_counts = sqlite_row_counts(source_path)
    assert source_counts["sponsorships_evidence"] == len(UPLOADS)
    assert sqlite_row_counts(restored_path) == source_counts
    assert sqlite_evidence_files(restored_path) == sqlite_evidence_files(source_path)
    assert_evidence_files_match(source, restored, sqlite_evidence_files(restored_path))
    assert the_restored_site_takes_new_uploads(restored, tmp_path) == len(UPLOADS) + 1
