"""Import assessments from the office's spreadsheet (the template of the import page).

    manage.py import_assessments FILE [--user USERNAME]           # dry run: writes nothing
    manage.py import_assessments FILE --apply [--user USERNAME]   # all rows, or none

The same reading, checks and engine as the import page. Every problem is listed with its
sheet, row and column, and the command then exits with an error. ``--user`` names who entered
the assessments (a coordination office account); by default the first active superuser.
"""

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from criteria.services.assessment_imports import (
    AssessmentImportRefused,
    ImportReport,
    assessment_import_apply,
    assessment_import_check,
)
from ntm_portal.commands import acting_user
from ntm_portal.models import User


class Command(BaseCommand):
    help = "Check (or with --apply, import) assessments from an .xlsx filled in from the template."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--apply", action="store_true", help="write the assessments")
        parser.add_argument("--user", help="username of who enters them (default: a superuser)")

    def handle(self, *args, path: Path, apply: bool, user: str | None, **options) -> None:
        entered_by = acting_user(user)
        try:
            with path.open("rb") as source:
                report = self._run(source, entered_by, apply=apply)
        except OSError as exc:
            raise CommandError(f"{path}: {exc}") from exc
        except PermissionDenied as exc:
            raise CommandError(f"{entered_by}: {exc}") from exc
        for line in report.lines:
            self.stdout.write(
                f"  {line.row}: {line.commune_code} {line.commune_name} "
                f"{line.period:%m/%Y} {line.criteria_met}/{line.criteria_total}"
            )
        done = "Imported" if apply else "Checked (nothing written)"
        self.stdout.write(
            self.style.SUCCESS(f"{done}: {len(report.lines)} rows, {report.skipped} skipped.")
        )

    def _run(self, source, entered_by: User, *, apply: bool) -> ImportReport:
        if not apply:
            report = assessment_import_check(source=source, user=entered_by)
            if report.problems:
                raise CommandError(_problems(report))
            return report
        try:
            return assessment_import_apply(source=source, user=entered_by)
        except AssessmentImportRefused as refused:
            raise CommandError(_problems(refused.report)) from refused


def _problems(report: ImportReport) -> str:
    lines = [f"  {problem}" for problem in report.problems]
    return "Nothing was written; the file has errors:\n" + "\n".join(lines)
