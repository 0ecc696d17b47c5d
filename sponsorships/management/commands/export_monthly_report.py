"""Write a month's report (province, district, agency or assignment) to a file, for cron jobs
that e-mail it and for checks. Nothing is left at --out when it fails."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sponsorships import monthly_report_exports as report_exports

FORMATS = ("pdf", "xlsx")


class Command(BaseCommand):
    help = _("Xuất báo cáo tháng của tỉnh, một huyện, một cơ quan hoặc một phân công ra tệp.")

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, help=_("Kỳ báo cáo, dạng YYYY-MM."))
        parser.add_argument(
            "--scope",
            default="province",
            help="province | district:<mã> | agency:<số> | assignment:<số>",
        )
        parser.add_argument("--format", dest="fmt", choices=FORMATS, default="xlsx")
        parser.add_argument("--out", required=True, help=_("Đường dẫn tệp ghi ra."))

    def handle(self, *args, period: str, scope: str, fmt: str, out: str, **options) -> None:
        reader = report_exports.office_reader()
        try:
            month = report_exports.parse_period(period)
            where = report_exports.parse_scope(scope)
            document = report_exports.scope_document(user=reader, period=month, scope=where)
            if fmt == "pdf":
                content = report_exports.render_monthly_report_pdf(
                    user=reader, period=month, scope=where
                )
                _write_atomically(out, lambda handle: handle.write(content))
            else:
                _write_atomically(
                    out,
                    lambda handle: report_exports.write_monthly_report_xlsx(
                        handle, document=document, label=where.label
                    ),
                )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(_("Đã ghi %(path)s.") % {"path": out})


def _write_atomically(out: str, write) -> None:
    """Write beside the target, then rename: a failure leaves no half-written file."""
    target = Path(out)
    if not target.parent.is_dir():
        raise CommandError(_("Không có thư mục %(dir)s.") % {"dir": target.parent})
    handle = tempfile.NamedTemporaryFile(dir=target.parent, suffix=".part", delete=False)  # noqa: SIM115
    try:
        with handle:
            write(handle)
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
