"""Pure rules of the campaigns app, tested without the database.

- ``pledge_status``: is a pledge kept, not kept, still running, or not measurable?
- ``quota_allowed`` / ``quota_exceeded``: the award quota "at most 5% of the communes that
  reached the standard in the period" (floor: 20 communes allow 1, 39 allow 1, 40 allow 2).
"""

from __future__ import annotations

import datetime as dt

KEPT = "kept"
NOT_KEPT = "not_kept"
RUNNING = "running"
UNMEASURED = "unmeasured"

COMMUNE_QUOTA_PERCENT = 5


def pledge_status(*, target: int | None, measured: int, due: dt.date, today: dt.date) -> str:
    """Kept once the measure reaches the target; not kept when the due date passed without."""
    if target is None:
        return UNMEASURED
    if measured >= target:
        return KEPT
    return NOT_KEPT if today > due else RUNNING


def quota_allowed(*, reached: int, percent: int = COMMUNE_QUOTA_PERCENT) -> int:
    """How many communes may be proposed when ``reached`` communes reached the standard."""
    return reached * percent // 100


def quota_exceeded(*, proposed: int, reached: int, percent: int = COMMUNE_QUOTA_PERCENT) -> bool:
    return proposed > quota_allowed(reached=reached, percent=percent)
