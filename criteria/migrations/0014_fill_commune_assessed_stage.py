"""Fill the communes' copy of their current assessment's stage (communes.Commune.assessed_stage)."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    Assessment = apps.get_model("criteria", "Assessment")
    Commune = apps.get_model("communes", "Commune")
    current = Assessment.objects.filter(commune_id=OuterRef("pk"), is_current=True)
    assessed = Assessment.objects.filter(is_current=True).values("commune_id")
    Commune.objects.filter(pk__in=assessed).update(
        assessed_stage=Subquery(current.values("stage")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("criteria", "0013_current_rule"),
        ("communes", "0007_commune_assessed_stage"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
