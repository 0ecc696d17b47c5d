"""An embedded Celery worker on a real Redis broker, for the tests that need one.

The worker runs in a thread of the test process (celery.contrib.testing), so it shares the
locmem ``mail.outbox``; it opens its own database connections (hence transaction=True in those
tests), which are closed after each task or the test database cannot be dropped at the end.
Eager mode is switched off on the app for the duration only.
"""

from __future__ import annotations

import time
from contextlib import contextmanager

from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.db import connections

from ntm_portal.celery import app

QUEUES = ["celery", "reminders"]  # the default queue and the reminder sends' (settings)


@contextmanager
def real_broker(broker_url: str, *, purge: bool = True):
    """The app publishes to ``broker_url`` (not eagerly) for the duration; queues purged."""
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager", "result_backend")}
    app.conf.update(broker_url=broker_url, task_always_eager=False, result_backend=None)
    _reset_connections()
    try:
        if purge:
            purge_queues()
        yield
    finally:
        app.conf.update(saved)
        _reset_connections()


def purge_queues() -> None:
    """Empty the queues and forget unacknowledged messages (a killed worker's)."""
    with app.connection_for_write() as connection:
        for queue in QUEUES:
            connection.default_channel.queue_purge(queue)
        client = getattr(connection.default_channel, "client", None)
        if client is not None:
            client.delete("unacked", "unacked_index", "unacked_mutex")


@contextmanager
def running_worker(broker_url: str):
    with real_broker(broker_url), _embedded_worker():
        yield


@contextmanager
def _embedded_worker():
    task_postrun.connect(_close_worker_connections, weak=False)
    try:
        with start_worker(
            app,
            pool="solo",
            perform_ping_check=False,
            shutdown_timeout=20,
            loglevel="WARNING",
            queues=QUEUES,
        ):
            yield
    finally:
        task_postrun.disconnect(_close_worker_connections)


def wait_for(predicate, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate() and time.monotonic() < deadline:
        time.sleep(0.1)


def _reset_connections() -> None:
    """Forget the app's pools made for the previous broker URL, as Celery does after a fork
    (kombu keeps its pools per URL, so they are not closed: the other URL may use them again)."""
    app._pool = None
    app.amqp._producer_pool = None


def _close_worker_connections(**_kwargs) -> None:
    connections.close_all()
