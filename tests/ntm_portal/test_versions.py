"""The data version (ntm_portal/versions.py): database triggers change it with every write to a
watched table, whoever writes; nothing else changes it; ``cached`` keys by it."""

import pytest
from django.db import connection, transaction
from django.utils import translation

from communes.models import Province
from ntm_portal import versions
from ntm_portal.models import Notification
from sponsorships.models import Assignment
from tests.communes.factories import ProvinceFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def triggered_tables() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = 'ntm_data_version'"
            )
        else:
            cursor.execute("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger'")
        return {row[0].strip('"') for row in cursor.fetchall()}


def test_every_table_of_the_watched_apps_has_the_trigger():
    tables = versions.watched_tables()

    assert {"communes_commune", "criteria_assessment", "sponsorships_supportactivity"} <= set(
        tables
    )
    assert Assignment.focus_criteria.through._meta.db_table in tables  # many-to-many too
    assert set(tables) <= triggered_tables()
    assert "ntm_portal_notification" not in triggered_tables()


def test_insert_update_delete_and_raw_sql_change_the_version():
    seen = [versions.data_version()]
    province = ProvinceFactory()
    seen.append(versions.data_version())
    Province.objects.filter(pk=province.pk).update(name="Mới")
    seen.append(versions.data_version())
    with connection.cursor() as cursor:
        cursor.execute("UPDATE communes_province SET name = 'Raw' WHERE id = %s", [province.pk])
    seen.append(versions.data_version())
    province.delete()
    seen.append(versions.data_version())

    assert len(set(seen)) == len(seen), seen


def test_a_write_elsewhere_leaves_the_version():
    user = UserFactory()
    before = versions.data_version()

    Notification.objects.create(user=user, title="Tin")

    assert versions.data_version() == before


def test_a_rolled_back_write_leaves_the_version():
    before = versions.data_version()

    def write_then_fail():
        with transaction.atomic():
            ProvinceFactory()
            raise RuntimeError

    with pytest.raises(RuntimeError):
        write_then_fail()

    assert versions.data_version() == before


@pytest.mark.django_db(transaction=True)
def test_postgresql_names_an_uncommitted_write_apart(needs_postgres):
    """What a writing transaction reads may still be rolled back: its key is its own."""
    committed = versions.data_version()
    with transaction.atomic():
        ProvinceFactory()
        inside = versions.data_version()
    after = versions.data_version()

    assert "." not in committed
    assert "." not in after
    assert inside.startswith(f"{int(after)}.")  # the same sum, and the transaction's id
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE communes_commune CASCADE")
    assert versions.data_version() != after


def test_cached_builds_once_per_version_vary_and_language():
    built = []

    def build():
        built.append(1)
        return len(built)

    assert versions.cached("t", ["a"], build) == 1
    assert versions.cached("t", ["a"], build) == 1
    assert versions.cached("t", ["b"], build) == 2
    with translation.override("en"):
        assert versions.cached("t", ["a"], build) == 3
    ProvinceFactory()
    assert versions.cached("t", ["a"], build) == 4


def test_a_cache_that_does_not_answer_costs_speed_not_the_answer(monkeypatch):
    def down(*args):
        raise ConnectionError("no Redis")

    monkeypatch.setattr(versions.cache, "get", down)
    monkeypatch.setattr(versions.cache, "set", down)

    assert versions.cached("t", [], lambda: "computed") == "computed"


def test_a_stalled_page_cache_costs_half_a_second_not_the_worker(settings):
    """A Redis that accepts and never answers (a hung server, a dropped route)."""
    import socket  # noqa: PLC0415
    import time  # noqa: PLC0415

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)  # accepted by the kernel, never read nor answered
    url = f"redis://127.0.0.1:{listener.getsockname()[1]}/0"
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "OPTIONS": settings.PAGE_CACHE_REDIS_TIMEOUTS,
        },
    }
    try:
        started = time.monotonic()
        assert versions.cached("t", [], lambda: "computed") == "computed"
        assert time.monotonic() - started < 3  # a read and a write, 0.5 s each at most
    finally:
        listener.close()
