"""The 2021–2025 set (QĐ 318/QĐ-TTg) closed with 2025: end it on 31/12/2025, and record its
decision (number, date, issuer) in the structured fields, and as the source of its verified
thresholds. Provinces' copies get the same.
"""

import datetime as dt

from django.db import migrations

SET_CODE = "ntm-xa-2021-2025"
ENDS_ON = dt.date(2025, 12, 31)
DECISION = {
    "decision_number": "318/QĐ-TTg",
    "decision_date": dt.date(2022, 3, 8),
    "issuer": "Thủ tướng Chính phủ",
}


def end_set(apps, schema_editor):
    sets = apps.get_model("criteria", "CriteriaSet").objects.filter(code__startswith=SET_CODE)
    sets.filter(valid_to__isnull=True).update(valid_to=ENDS_ON)
    sets.filter(decision_number="").update(**DECISION)
    # Verified thresholds come from the decision: record it as their source.
    apps.get_model("criteria", "Threshold").objects.filter(
        indicator__criterion__criteria_set__in=sets, is_verified=True, source=""
    ).update(source=DECISION["decision_number"])


def reopen_set(apps, schema_editor):
    sets = apps.get_model("criteria", "CriteriaSet").objects.filter(code__startswith=SET_CODE)
    sets.filter(valid_to=ENDS_ON).update(valid_to=None)


class Migration(migrations.Migration):
    dependencies = [("criteria", "0009_set_decision_and_threshold_source")]

    operations = [migrations.RunPython(end_set, reopen_set)]
