"""The real worker test: a Celery worker consuming from Redis, the sweep triggered through the
broker, exactly one email per late report.

The worker is embedded in a thread of the test process (celery.contrib.testing), so it shares
the locmem ``mail.outbox``; it opens its own database connection, hence transaction=True. Eager
mode is switched off for this test only, on the app itself. Skips without Redis on a laptop;
fails in CI (CI=true), where Redis must be there.
"""

import time

import pytest
from django.core import mail

from sponsorships.models import MonthlyReport, ReminderLog
from sponsorships.tasks import monthly_report_reminders_send_due_task
from tests.celery_worker import running_worker, wait_for
from tests.factories import UserFactory
from tests.sponsorships.factories import AgencyFactory, AssignmentFactory
from tests.sponsorships.monthly_report_fixtures import local, make_report

TEST_BROKER = "redis://127.0.0.1:6379/15"
OVERDUE_SWEEP = local(2026, 11, 21, 9)  # the day after the due date, before the escalation


@pytest.fixture
def redis_worker(needs_redis):
    with running_worker(TEST_BROKER):
        yield


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_exactly_one_email_per_late_report(redis_worker):
    # given: three late reports of three agencies, and one that was submitted
    late = []
    for index in range(3):
        agency = AgencyFactory()
        UserFactory(username=f"staff{index}", role="agency_staff", agency=agency)
        late.append(make_report(AssignmentFactory(agency=agency)))
    submitted_agency = AgencyFactory()
    UserFactory(username="punctual", role="agency_staff", agency=submitted_agency)
    make_report(AssignmentFactory(agency=submitted_agency), status=MonthlyReport.Status.SUBMITTED)
    # when: beat fires the sweep twice, through the broker
    for _ in range(2):
        monthly_report_reminders_send_due_task.delay(OVERDUE_SWEEP.isoformat())
    wait_for(lambda: ReminderLog.objects.filter(sent_at__isnull=False).count() >= len(late))
    time.sleep(1.0)  # anything extra would have arrived by now
    # then
    assert sorted(tuple(m.to) for m in mail.outbox) == [
        (f"staff{i}@example.gov.vn",) for i in range(3)
    ]
    assert all("đã quá hạn" in m.subject for m in mail.outbox)
    assert sorted(ReminderLog.objects.values_list("report_id", "stage")) == [
        (r.pk, "overdue") for r in late
    ]
