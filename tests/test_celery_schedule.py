"""Nothing is scheduled that does not exist: every beat entry names a registered task."""

import pytest
from django.conf import settings

from ntm_portal.celery import app


@pytest.mark.parametrize("entry", sorted(settings.CELERY_BEAT_SCHEDULE))
def test_every_scheduled_task_is_registered(entry):
    app.loader.import_default_modules()  # autodiscovery, as the worker and beat do
    assert settings.CELERY_BEAT_SCHEDULE[entry]["task"] in app.tasks


def test_the_reminder_sweep_runs_hourly_and_reports_open_daily():
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["monthly-report-reminders"]["schedule"].hour == set(range(24))
    assert schedule["monthly-reports-open"]["schedule"].hour == {0}
