"""Open the monthly reports of a period (default: the current local month). Safe to run twice."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ntm_portal import periods
from sponsorships.services.monthly_reports import monthly_reports_open
from sponsorships.services.report_messages import province_tz


class Command(BaseCommand):
    help = "Mở báo cáo tháng cho mọi phân công đang hiệu lực (chạy lại nhiều lần vẫn an toàn)."

    def add_arguments(self, parser):
        parser.add_argument("--period", help="YYYY-MM (mặc định: tháng hiện tại)")

    def handle(self, *args, period=None, **options) -> None:
        try:
            day = (
                periods.parse_period(period)
                if period
                else periods.current_period(timezone.now(), province_tz())
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        created = monthly_reports_open(period=day)
        self.stdout.write(f"{periods.format_period(day)}: {created} new report(s) opened.")
