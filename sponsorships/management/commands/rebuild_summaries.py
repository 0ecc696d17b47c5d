"""Rebuild every summary table from scratch: the criteria's, the activities' and those other
apps register (ntm_portal.summaries.register_rebuild: the contributions').

    python manage.py rebuild_summaries

The services keep the tables current on every write; run this after loading data around them
(bulk imports, restores, the bench's data set) or if a check ever finds them apart.
"""

from django.core.management.base import BaseCommand

from criteria.services.summaries import summaries_rebuild as criteria_rebuild
from ntm_portal.summaries import registered_rebuilds
from sponsorships.services.report_summaries import report_counts_rebuild
from sponsorships.services.summaries import summaries_rebuild as activities_rebuild


class Command(BaseCommand):
    help = "Tính lại mọi bảng tổng hợp (tiêu chí, hoạt động giúp đỡ) từ dữ liệu gốc."

    def handle(self, *args, **options) -> None:
        criteria_rebuild()
        activities_rebuild()
        report_counts_rebuild()
        for rebuild in registered_rebuilds():
            rebuild()
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS("Đã tính lại các bảng tổng hợp."))
