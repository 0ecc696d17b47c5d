"""StandingChange gains the size of the standing's criteria set (averages never mix sets) and
follows the office's rule of which assessment counts: the table is refilled through the pure
criteria.standing_rules over this migration's models."""

from django.db import migrations, models


def refill_standings(apps, schema_editor):
    from itertools import groupby

    from criteria.standing_rules import Entry, changes_by_set

    assessment = apps.get_model("criteria", "Assessment")
    change = apps.get_model("criteria", "StandingChange")
    rule = apps.get_model("criteria", "CurrentRuleChange").objects.order_by("-changed_at", "-id")
    appraised_first = (rule.values_list("rule", flat=True).first() or "appraised_first") == (
        "appraised_first"
    )
    change.objects.all().delete()
    place = ("commune__province_id", "commune__district_id", "commune__commune_group")
    fields = (
        "period",
        "stage",
        "created_at",
        "id",
        "meets_standard",
        "criteria_met",
        "criteria_total",
    )
    rows = (
        assessment.objects.filter(commune__kind="xa")
        .values_list("commune_id", *place, *fields)
        .order_by("commune_id")
    )
    totals = {}
    for _commune, group in groupby(rows.iterator(chunk_size=5000), key=lambda row: row[0]):
        group = list(group)
        province, district, commune_group = group[0][1:4]
        entries = (Entry(*row[4:]) for row in group)
        for (month, size), delta in changes_by_set(
            entries, appraised_first=appraised_first
        ).items():
            key = (province, district or 0, commune_group, month, size)
            totals[key] = [a + b for a, b in zip(totals.get(key, (0, 0, 0)), delta)]
    change.objects.bulk_create(
        (
            change(
                province_id=key[0],
                district_key=key[1],
                commune_group=key[2],
                month=key[3],
                criteria_total=key[4],
                assessed=value[0],
                at_standard=value[1],
                criteria_met=value[2],
            )
            for key, value in totals.items()
            if any(value)
        ),
        batch_size=5000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("communes", "0007_commune_assessed_stage"),
        ("criteria", "0014_fill_commune_assessed_stage"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="standingchange",
            name="criteria_standingchange_unique_key",
        ),
        migrations.AddField(
            model_name="standingchange",
            name="criteria_total",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddConstraint(
            model_name="standingchange",
            constraint=models.UniqueConstraint(
                fields=("province", "district_key", "commune_group", "month", "criteria_total"),
                name="criteria_standingchange_unique_key",
            ),
        ),
        migrations.RunPython(refill_standings, migrations.RunPython.noop),
    ]
