"""A job kind that writes in a transaction of its own (the assessment import) still shows its
progress: the reporter saves it through a second connection, readable before the commit."""

import pytest
from django.db import connections, transaction

from exports.services.jobs import _Reporter
from tests.exports.factories import ExportJobFactory
from tests.factories import UserFactory


def progress_seen_from_outside(job_id: int) -> int:
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT progress FROM exports_exportjob WHERE id = %s", [job_id])
            return cursor.fetchone()[0]
    finally:
        other.close()


@pytest.mark.django_db(transaction=True)
def test_progress_inside_the_kind_transaction_is_visible_before_its_commit(needs_postgres):
    job = ExportJobFactory(requested_by=UserFactory(), status="running")
    reporter = _Reporter(job.pk, clock=iter(range(0, 100, 5)).__next__)
    with transaction.atomic():
        reporter(3, 10)
        assert progress_seen_from_outside(job.pk) == 30
        transaction.set_rollback(True)
    assert progress_seen_from_outside(job.pk) == 30
