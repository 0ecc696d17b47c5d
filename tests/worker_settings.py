"""Settings of a real worker process started by the outbox tests (tests/worker_process.py):
the test settings, with a real broker and the mail written to a file the test reads."""

import os

from ntm_portal.settings.test import *  # noqa: F403

CELERY_TASK_ALWAYS_EAGER = False
EMAIL_BACKEND = os.environ.get("NTM_TEST_EMAIL_BACKEND", "tests.mail_backends.FileLogBackend")
