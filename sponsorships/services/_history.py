"""One history record per user action, many-to-many fields included.

simple_history writes a record on save() and another on every many-to-many change, so
"save, then set the criteria" would leave two records (the first without the criteria). Here
both writes run with history switched off, then the one record is written with everything in
it, by sending post_save, the signal simple_history listens to.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Model
from django.db.models.signals import post_save


def save_with_history(
    instance: Model, *, user: Any, m2m: dict[str, Iterable[Model] | None] | None = None
) -> None:
    created = instance._state.adding
    instance._history_user = user
    instance.skip_history_when_saving = True
    try:
        instance.save()
        for name, values in (m2m or {}).items():
            if values is not None:
                getattr(instance, name).set(list(values))
    finally:
        del instance.skip_history_when_saving
    post_save.send(
        sender=type(instance),
        instance=instance,
        created=created,
        raw=False,
        using=instance._state.db,
        update_fields=None,
    )
