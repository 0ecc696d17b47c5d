"""Point every current assessment at the one current before its period (see storage)."""

from django.db import migrations
from django.db.models import Case, IntegerField, OuterRef, Subquery, Value, When


def link(apps, schema_editor):
    Assessment = apps.get_model("criteria", "Assessment")
    previous = (
        Assessment.objects.filter(commune_id=OuterRef("commune_id"), period__lt=OuterRef("period"))
        .annotate(
            stage_rank=Case(
                When(stage="appraised", then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("-period", "-stage_rank", "-created_at", "-id")
    )
    Assessment.objects.filter(is_current=True).update(
        previous=Subquery(previous.values("pk")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [("criteria", "0005_assessment_previous")]

    operations = [migrations.RunPython(link, migrations.RunPython.noop)]
