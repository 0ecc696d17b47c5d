"""Write a campaign's summary (PDF or Excel) to a file, read as the coordination office.
Nothing is left at --out when it fails."""

from __future__ import annotations

import io

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from campaigns.models import Campaign
from campaigns.report_document import campaign_report_pdf, write_campaign_report_xlsx
from campaigns.selectors.results import campaign_results
from sponsorships.management.commands.export_monthly_report import _write_atomically
from sponsorships.monthly_report_exports import office_reader


class Command(BaseCommand):
    help = _("Xuất báo cáo tổng kết một phong trào thi đua ra tệp PDF hoặc Excel.")

    def add_arguments(self, parser):
        parser.add_argument("--campaign", required=True, type=int, help=_("Số của phong trào."))
        parser.add_argument("--format", dest="fmt", choices=("pdf", "xlsx"), default="pdf")
        parser.add_argument("--out", required=True, help=_("Đường dẫn tệp ghi ra."))

    def handle(self, *args, campaign: int, fmt: str, out: str, **options) -> None:
        found = Campaign.objects.filter(pk=campaign).first()
        if found is None:
            raise CommandError(_("Không có phong trào số %(id)s.") % {"id": campaign})
        reader = office_reader()
        if fmt == "pdf":
            content = campaign_report_pdf(user=reader, campaign=found)
        else:
            buffer = io.BytesIO()
            write_campaign_report_xlsx(
                buffer, results=campaign_results(user=reader, campaign=found)
            )
            content = buffer.getvalue()
        _write_atomically(out, lambda handle: handle.write(content))
        self.stdout.write(_("Đã ghi %(path)s.") % {"path": out})
