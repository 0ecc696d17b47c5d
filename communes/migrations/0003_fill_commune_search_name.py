"""Fill the accent-insensitive search key of communes that existed before the column."""

import re
import unicodedata

from django.db import migrations

_SPACES = re.compile(r"\s+")


def _fold(value: str) -> str:
    # A frozen copy of communes.text.fold: migrations must not import code that may change.
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare.casefold()).strip()


def fill_search_name(apps, schema_editor):
    Commune = apps.get_model("communes", "Commune")
    communes = list(Commune.objects.only("pk", "name"))
    for commune in communes:
        commune.search_name = _fold(commune.name)
    Commune.objects.bulk_update(communes, ["search_name"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("communes", "0002_province_sample_flag_commune_search_name")]

    operations = [migrations.RunPython(fill_search_name, migrations.RunPython.noop)]
