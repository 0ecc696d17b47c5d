"""Mark each commune's current assessment by the office's rule, then rebuild what follows.

    python manage.py apply_current_rule

Run once after migrating to the rule (the default counts the latest appraisal first; rows
entered before were marked by the latest period), or after loading assessments in bulk.
"""

from django.core.management.base import BaseCommand

from criteria.services.current_rule import current_rule_apply


class Command(BaseCommand):
    help = "Xác định lại đánh giá hiện hành của mọi xã theo cách tính Văn phòng đã chọn."

    def handle(self, *args, **options) -> None:
        current_rule_apply()
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS("Đã xác định lại đánh giá hiện hành."))
