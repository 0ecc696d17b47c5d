"""The default lists of emulation titles and award forms (domain.md §3.5, from the 2022 Law on
Emulation and Commendation; not verified article by article): the office corrects them in the
admin. Existing names are left as they are."""

from django.db import migrations

from campaigns.award_lists import award_lists_ensure


def seed(apps, schema_editor):
    award_lists_ensure(
        apps.get_model("campaigns", "EmulationTitle"), apps.get_model("campaigns", "AwardForm")
    )


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0005_awards")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
