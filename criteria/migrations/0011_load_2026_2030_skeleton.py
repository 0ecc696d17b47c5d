"""Ship the 2026–2030 set (QĐ 51/2025/QĐ-TTg) so every database has it: its 10 criteria with
names and numbering, thresholds by commune group. Indicators and thresholds are not public yet;
the office loads them from a spreadsheet (manage.py import_criteria_set).

Historical models, so the file's set and criteria are written here rather than by the importer
(which uses today's models). Rows already present are left as the office corrected them.
"""

import datetime as dt
import json
from pathlib import Path

from django.db import migrations

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "criteria_2026_2030.json"


def load_skeleton(apps, schema_editor):
    CriteriaSet = apps.get_model("criteria", "CriteriaSet")
    Criterion = apps.get_model("criteria", "Criterion")
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    criteria_set, _created = CriteriaSet.objects.get_or_create(
        code=data["code"],
        defaults={
            "name": data["set"],
            "legal_basis": data["legal_basis"],
            "decision_number": data["decision_number"],
            "decision_date": dt.date.fromisoformat(data["decision_date"]),
            "issuer": data["issuer"],
            "valid_from": dt.date.fromisoformat(data["valid_from"]),
            "classification_scheme": data["classification_scheme"],
        },
    )
    for item in data["criteria"]:
        Criterion.objects.get_or_create(
            criteria_set=criteria_set,
            number=item["number"],
            defaults={
                "code": item["code"],
                "name_vi": item["name_vi"],
                "name_en": item["name_en"],
                "is_name_verified": item["name_verified"],
            },
        )


class Migration(migrations.Migration):
    dependencies = [("criteria", "0010_end_2021_2025_set")]

    # Going back leaves the set in place: deleting it would cascade through other apps' rows
    # (focus criteria, summaries), and an unused set does no harm to the earlier schema.
    operations = [migrations.RunPython(load_skeleton, migrations.RunPython.noop)]
