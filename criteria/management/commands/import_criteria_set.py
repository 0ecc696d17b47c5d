"""Load a criteria set from a spreadsheet (the template of ``criteria_set_template``).

    manage.py import_criteria_set FILE.xlsx                 # dry run: errors and changes
    manage.py import_criteria_set FILE.xlsx --apply [--user LOGIN] [--overwrite-corrected]

The dry run writes nothing. ``--apply`` writes everything or nothing; thresholds the office
corrected in the admin are kept unless ``--overwrite-corrected`` is given.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from criteria.services.set_import import (
    ImportPreview,
    criteria_set_workbook_apply,
    criteria_set_workbook_preview,
    error_lines,
)
from ntm_portal.commands import acting_user


class Command(BaseCommand):
    help = "Check (dry run) or apply (--apply) a criteria-set spreadsheet."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--apply", action="store_true", help="write the changes")
        parser.add_argument("--user", help="login recorded as who entered the thresholds")
        parser.add_argument(
            "--overwrite-corrected",
            action="store_true",
            help="also overwrite thresholds corrected in the admin since the last import",
        )

    def handle(self, *args, path: Path, **options) -> None:
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        with path.open("rb") as file:
            preview = criteria_set_workbook_preview(file=file)
        self._report(preview)
        if preview.errors:
            raise CommandError(f"{path}: {len(preview.errors)} error(s); nothing was written.")
        if not options["apply"]:
            self.stdout.write("Dry run: nothing was written (add --apply to write).")
            return
        self._apply(path, preview, options)

    def _apply(self, path: Path, preview: ImportPreview, options: dict) -> None:
        user = acting_user(options["user"]) if options["user"] else None
        try:
            with path.open("rb") as file:
                criteria_set_workbook_apply(
                    file=file,
                    entered_by=user,
                    overwrite_corrected=options["overwrite_corrected"],
                    expected_digest=preview.digest,
                )
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS(f"Applied {len(preview.changes)} change(s)."))

    def _report(self, preview: ImportPreview) -> None:
        for line in error_lines(preview):
            self.stdout.write(f"  {line}")
        for change in preview.changes:
            flag = "  [corrected in admin]" if change.corrected_in_admin else ""
            old = "—" if change.old is None else change.old
            self.stdout.write(
                f"  {change.sheet} {change.item} {change.field}: {old} → {change.new}{flag}"
            )
        if not preview.errors:
            self.stdout.write(f"{preview.code}: {len(preview.changes)} change(s).")
