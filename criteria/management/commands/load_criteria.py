"""Load a criteria set from a JSON file.

    manage.py load_criteria criteria/data/criteria_2021_2025.json [--province 06]

Safe to run again: rows named in the file are updated to the file's values. A file with one
bad row writes nothing and lists every bad row with its place in the file.
"""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from communes.models import Province
from criteria.services import criteria_set_import


class Command(BaseCommand):
    help = "Load (or update) a criteria set with its criteria, indicators and thresholds from JSON."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--province", help="province code: load the set as that province's own")

    def handle(self, *args, path: Path, province: str | None = None, **options) -> None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(f"{path}: {exc}") from exc
        owner = None
        if province:
            owner = Province.objects.filter(code=province).newest_first().first()
            if owner is None:
                raise CommandError(f"Province {province!r} not found")
        try:
            criteria_set = criteria_set_import(data=data, province=owner)
        except ValidationError as exc:
            lines = [
                f"  {where}: {'; '.join(messages)}" for where, messages in exc.message_dict.items()
            ]
            raise CommandError(f"{path}: nothing was loaded.\n" + "\n".join(lines)) from exc
        counts = (
            criteria_set.criteria.count(),
            sum(c.indicators.count() for c in criteria_set.criteria.all()),
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {criteria_set.code}: {counts[0]} criteria, {counts[1]} indicators."
            )
        )
