"""The reminder sweep without Celery beat (cron, or `make run` without Redis).

Opens the current period's reports, then sends every reminder that is due, exactly as the
hourly beat task does. Without a broker the sends run in this process (eager tasks); with
REDIS_URL set they are queued for the workers. Run it as often as you like: each reminder
still goes out once. If the broker cannot be reached the reminders are recorded in the outbox
(pending) and the command exits with status 1: the next run or the re-drive sends them.
"""

import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ntm_portal import periods
from sponsorships.services.monthly_reports import monthly_reports_open
from sponsorships.services.reminders import monthly_report_reminders_send_due
from sponsorships.services.report_messages import province_tz


class Command(BaseCommand):
    help = "Gửi các nhắc nhở báo cáo tháng đã đến lúc gửi (mỗi nhắc nhở chỉ gửi một lần)."

    def add_arguments(self, parser):
        parser.add_argument("--now", help="ISO 8601 moment to sweep at (default: now)")
        parser.add_argument(
            "--no-open", action="store_true", help="do not open this month's reports"
        )

    def handle(self, *args, now=None, no_open=False, **options) -> None:
        try:
            moment = dt.datetime.fromisoformat(now) if now else timezone.now()
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, province_tz())
        if not no_open:
            opened = monthly_reports_open(period=periods.current_period(moment, province_tz()))
            self.stdout.write(f"{opened} new report(s) opened.")
        started = time.perf_counter()
        result = monthly_report_reminders_send_due(now=moment)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"{result.claimed} report(s) claimed, {result.enqueued} reminder(s) sent or queued "
            f"in {elapsed:.2f} s."
        )
        if result.unpublished:
            raise CommandError(
                "Hệ thống nhắc việc tạm thời không hoạt động (không kết nối được hàng đợi): "
                f"{result.unpublished} nhắc nhở đã được ghi lại và đang chờ; chúng sẽ được gửi "
                "khi hàng đợi hoạt động trở lại (lần quét sau hoặc tác vụ gửi lại)."
            )
