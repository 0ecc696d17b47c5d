"""Mark the critical criteria of the shipped 2021–2025 set (and provinces' copies of it).

QĐ 18/2022/QĐ-TTg: income (10), environment and food safety (17), defence and security (19);
the numbers are those of criteria/data/criteria_2021_2025.json ("critical_criteria_for_revocation").
"""

from django.db import migrations

SET_CODE = "ntm-xa-2021-2025"
CRITICAL_NUMBERS = (10, 17, 19)


def _shipped_set_criteria(apps):
    Criterion = apps.get_model("criteria", "Criterion")
    return Criterion.objects.filter(criteria_set__code__startswith=SET_CODE)


def mark(apps, schema_editor):
    _shipped_set_criteria(apps).filter(number__in=CRITICAL_NUMBERS).update(is_critical=True)


def unmark(apps, schema_editor):
    _shipped_set_criteria(apps).update(is_critical=False)


class Migration(migrations.Migration):
    dependencies = [("criteria", "0003_criterion_is_critical")]

    operations = [migrations.RunPython(mark, unmark)]
