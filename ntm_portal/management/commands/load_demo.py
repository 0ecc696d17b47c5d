"""Load the demo province (Bắc Kạn): units, the 2021–2025 criteria set, assessments, agencies,
assignments, activities, monthly reports, emulation campaigns and one login per role; then the
2025 reform: the new Thái Nguyên communes that succeed Bắc Kạn's, with a few 2026 assessments
when the 2026–2030 set is there. Safe to run twice.

Refused when DEBUG is off, so the published demo password never reaches a production database;
``--allow-production`` loads the data there (a training or demo server) with no usable password.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from campaigns import demo as campaigns_demo
from communes import demo as communes_demo
from criteria import demo as criteria_demo
from criteria import demo_reform as criteria_reform_demo
from ntm_portal import demo as portal_demo
from sponsorships import demo as sponsorships_demo
from sponsorships import demo_reports as monthly_reports_demo


class Command(BaseCommand):
    help = "Load the Bắc Kạn demo province (sample data; safe to run twice)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load the demo although DEBUG is off; its accounts then get no usable password.",
        )

    def handle(self, *args, allow_production: bool = False, **options) -> None:
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                _(
                    "Dữ liệu mẫu chỉ dùng cho máy phát triển (DJANGO_DEBUG=True), vì các tài "
                    "khoản mẫu dùng chung một mật khẩu đã công bố. Để nạp dữ liệu mẫu vào máy "
                    "chủ này, chạy lại với --allow-production: các tài khoản mẫu sẽ không có "
                    "mật khẩu dùng được."
                )
            )
        password = portal_demo.DEMO_PASSWORD if settings.DEBUG else None
        with transaction.atomic():
            province = communes_demo.load()
            criteria_set = criteria_demo.load(province=province)
            sponsorships_demo.load(province=province, criteria_set=criteria_set)
            users = portal_demo.load(province=province, password=password)
            monthly_reports_demo.load(province=province)
            campaigns_demo.load(province=province)
            # The 2025 reform: Bắc Kạn's units end on 30/6/2025; their 37 successors follow.
            successor = communes_demo.load_reform()
            reform_note = criteria_reform_demo.load(province=successor)
        self.stdout.write(self.style.SUCCESS(f"Demo province {province} loaded."))
        self.stdout.write(f"  {successor} (1/7/2025): {reform_note}")
        for username, role in users:
            shown = _password_note(username, password)
            self.stdout.write(f"  login {username:<12} ({role}) password: {shown}")


def _password_note(username: str, password: str | None) -> str:
    if password:
        return password
    return _("không có (đặt bằng: manage.py changepassword %(username)s)") % {"username": username}
