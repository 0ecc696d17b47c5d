"""Write the criteria-set spreadsheet template, empty or filled with a set's current content.

manage.py criteria_set_template --out FILE.xlsx [--set CODE]
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from criteria.models import CriteriaSet
from criteria.services.set_workbook import write_template


class Command(BaseCommand):
    help = "Write the spreadsheet template for loading a criteria set."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--out", type=Path, required=True)
        parser.add_argument("--set", dest="code", help="fill with this set's current content")

    def handle(self, *args, out: Path, code: str | None = None, **options) -> None:
        criteria_set = None
        if code:
            criteria_set = CriteriaSet.objects.select_related("province").filter(code=code).first()
            if criteria_set is None:
                raise CommandError(f"Criteria set {code!r} not found")
        write_template(str(out), criteria_set=criteria_set)
        self.stdout.write(self.style.SUCCESS(f"Wrote {out}"))
