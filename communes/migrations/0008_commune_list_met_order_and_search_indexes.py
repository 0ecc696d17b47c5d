from django.db import migrations, models

# Two indexes PostgreSQL alone can have (SQLite refuses NULLS LAST in an index and has no
# trigram index; its few rows are sorted and scanned):
# - the commune list by criteria met, descending: unassessed communes last, then the name;
# - the commune search (the folded name containing the text), from pg_trgm, which ships with
#   PostgreSQL.
PG_INDEXES = {
    "communes_met_desc_order": (
        'ON communes_commune ("criteria_met" DESC NULLS LAST, "search_name", "code")'
    ),
    "communes_search_trgm": "ON communes_commune USING gin (search_name gin_trgm_ops)",
}


def add_pg_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, definition in PG_INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} {definition}")


def drop_pg_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in PG_INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ("communes", "0007_commune_assessed_stage"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="commune",
            name="communes_co_criteri_3dd8d1_idx",
        ),
        migrations.AddIndex(
            model_name="commune",
            index=models.Index(
                fields=["criteria_met", "search_name", "code"], name="communes_met_order"
            ),
        ),
        migrations.AddIndex(
            model_name="commune",
            index=models.Index(fields=["valid_to", "valid_from"], name="communes_in_force"),
        ),
        migrations.RunPython(add_pg_indexes, drop_pg_indexes),
    ]
