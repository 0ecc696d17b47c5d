"""Point every current assessment at the one current before its period and count the criteria
it lost since then (what criteria.services.storage.link_previous keeps after each write)."""

from django.db import migrations
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce


def link(apps, schema_editor):
    Assessment = apps.get_model("criteria", "Assessment")
    CriterionResult = apps.get_model("criteria", "CriterionResult")
    current = Assessment.objects.filter(is_current=True)
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
    current.update(previous=Subquery(previous.values("pk")[:1]))
    met_before = CriterionResult.objects.filter(
        assessment_id=OuterRef("assessment__previous_id"),
        criterion_id=OuterRef("criterion_id"),
        result="met",
    )
    lost = (
        CriterionResult.objects.filter(assessment_id=OuterRef("pk"))
        .exclude(result="met")
        .filter(Exists(met_before))
        .values("assessment_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    current.update(criteria_lost=Coalesce(Subquery(lost), 0))


class Migration(migrations.Migration):
    dependencies = [("criteria", "0005_assessment_previous_and_lost")]

    operations = [migrations.RunPython(link, migrations.RunPython.noop)]
