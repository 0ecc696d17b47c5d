"""Fill the accent-insensitive search key of accounts that existed before the column."""

import re
import unicodedata

from django.db import migrations

_SPACES = re.compile(r"\s+")


def _fold(value: str) -> str:
    # A frozen copy of ntm_portal.text.fold: migrations must not import code that may change.
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare.casefold()).strip()


def fill_search_name(apps, schema_editor):
    User = apps.get_model("ntm_portal", "User")
    users = list(User.objects.only("pk", "first_name", "last_name"))
    for user in users:
        user.search_name = _fold(f"{user.last_name} {user.first_name}")
    User.objects.bulk_update(users, ["search_name"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("ntm_portal", "0004_user_search_name")]

    operations = [migrations.RunPython(fill_search_name, migrations.RunPython.noop)]
