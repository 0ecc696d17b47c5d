"""One UPDATE that gives each row its own value, built in linear time.

``QuerySet.bulk_update`` writes ``CASE WHEN pk = … THEN …`` with a ``When(pk=…)`` per row and
field, each resolved like a filter: 1.7 s of Python for 200 reminder rows and six fields, more
than the rest of their send. ``per_row`` writes the same CASE directly.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Model
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast


def per_row(model: type[Model], field_name: str, values: dict[object, object]) -> Cast:
    """``CASE pk WHEN … THEN … END`` for ``.update(field=…)`` over the rows keyed in
    ``values`` (not empty; rows not in it would get NULL, so filter the queryset on them)."""
    field = model._meta.get_field(field_name)
    params: list = []
    for pk, value in values.items():
        params += [pk, field.get_db_prep_value(value, connection)]
    whens = " ".join(["WHEN %s THEN %s"] * len(values))
    pk_column = connection.ops.quote_name(model._meta.pk.column)
    return Cast(RawSQL(f"CASE {pk_column} {whens} END", params), output_field=field)
