"""/health/: public, JSON for monitors, unhealthy when a part is down, nothing sensitive."""

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.urls import reverse
from django.utils import timezone

from ntm_portal import health
from sponsorships.models import ReminderLog, TaskHeartbeat
from tests.sponsorships.factories import AssignmentFactory
from tests.sponsorships.monthly_report_fixtures import make_report

pytestmark = pytest.mark.django_db(transaction=True)  # the checks run in a thread


@pytest.fixture(autouse=True)
def with_a_broker(settings):
    """The deployment's case: tasks go to a worker (the test settings run them eagerly)."""
    settings.CELERY_TASK_ALWAYS_EAGER = False


@pytest.fixture
def broker_and_worker_up(monkeypatch):
    monkeypatch.setattr(health.Broker, "run", lambda self: None)
    monkeypatch.setattr(health.Worker, "run", lambda self: None)


def get_health(client, *args, **kwargs):
    """GET /health/ off the test's thread: django-health-check runs its checks through
    async_to_sync, which refuses a thread where an event loop runs (the browser tests leave
    Playwright's loop running in the main thread of the same session)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(client.get, reverse("health"), *args, **kwargs).result()


def beat(minutes_ago: int) -> None:
    moment = timezone.now() - dt.timedelta(minutes=minutes_ago)
    TaskHeartbeat.objects.create(name="reminders-redrive", beat_at=moment)


def pending(minutes_ago: int) -> None:
    report = make_report(AssignmentFactory())
    log = ReminderLog.objects.create(report=report, stage="due", outcome="pending")
    moment = timezone.now() - dt.timedelta(minutes=minutes_ago)
    ReminderLog.objects.filter(pk=log.pk).update(claimed_at=moment, published_at=moment)


def test_all_parts_up_answer_200_in_json_to_an_anonymous_monitor(client, broker_and_worker_up):
    beat(minutes_ago=1)
    pending(minutes_ago=2)
    response = get_health(client, {"format": "json"})
    assert response.status_code == 200
    assert response.json() == {
        "database": "OK",
        "broker": "OK",
        "worker": "OK",
        "beat": "OK",
        "reminder_outbox": "OK",
    }


def test_an_old_pending_reminder_and_a_silent_beat_make_it_unhealthy(client, broker_and_worker_up):
    beat(minutes_ago=30)
    pending(minutes_ago=20)
    response = get_health(client, HTTP_ACCEPT="application/json")
    assert response.status_code == 500
    body = response.json()
    assert body["reminder_outbox"] == "Unavailable: nhắc nhở chờ gửi lâu nhất đã 20 phút"
    assert body["beat"] == "Unavailable: beat không chạy đã 30 phút"
    assert body["database"] == "OK"


def test_a_broker_that_cannot_be_reached_is_named_without_its_address(client, monkeypatch):
    from ntm_portal.celery import app

    monkeypatch.setattr(health.Worker, "run", lambda self: None)
    saved = app.conf.broker_url
    app.conf.broker_url = "redis://:secret-password@127.0.0.1:1/0"  # a closed port
    app._pool = None
    try:
        response = get_health(client, {"format": "json"})
    finally:
        app.conf.broker_url = saved
        app._pool = None
    assert response.status_code == 500
    body = response.json()
    assert body["broker"] == "Unavailable: không kết nối được hàng đợi (broker)"
    text = response.content.decode()
    assert "secret" not in text
    assert "127.0.0.1" not in text
    # the HTML page for people says the same, and no more
    page = get_health(client, HTTP_ACCEPT="text/html")
    assert "secret" not in page.content.decode()


def test_without_a_broker_only_the_parts_that_exist_are_checked(client, settings):
    """Development runs tasks in the web process: no broker, worker or beat to fail on."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    response = get_health(client, {"format": "json"})
    assert response.status_code == 200
    assert response.json() == {"database": "OK", "reminder_outbox": "OK"}
