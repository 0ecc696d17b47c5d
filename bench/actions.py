"""What needs action (issue 9 B) at national size: /dashboards/actions/ and its API over 10,000
communes in one province with several months of assessments.

    python bench/actions.py     # make bench runs it; BENCH_DATABASE_URL as for bench/run.py
    python bench/actions.py --reuse   # time again on the data set the last run built

Sizes: BENCH_COMMUNES (10000) and BENCH_ACTION_MONTHS of assessment history (12). A fifth of the
communes are marked recognised and a tenth planned for this year, so every list is long. Prints
the median of 5 requests of each page and call, with its query count.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
COMMUNES = int(os.environ.get("BENCH_COMMUNES", 10_000))
MONTHS = int(os.environ.get("BENCH_ACTION_MONTHS", 12))


def mark_levels_and_targets(province) -> None:
    """Recognised communes and communes planned for this year, spread over the province."""
    from django.db.models import F
    from django.utils import timezone

    from communes.models import Commune

    communes = Commune.objects.filter(province=province)
    communes.annotate(n=F("id") % 5).filter(n=0).update(
        ntm_level=Commune.Level.STANDARD, ntm_level_year=2020
    )
    communes.annotate(n=F("id") % 10).filter(n=3).update(target_year=timezone.localdate().year)


def built():
    from bench import run

    run.reset_database()
    data = run.dataset.build(
        communes=COMMUNES, months=MONTHS, activities=1000, reports=COMMUNES // 2
    )
    mark_levels_and_targets(data.province)
    return data


def reused():
    """The last run's data set, as it is in the database (migrated to the current schema)."""
    from django.core.management import call_command

    from bench.dataset import Dataset
    from communes.models import Commune, Province
    from ntm_portal.models import User

    call_command("migrate", verbosity=0)
    province = Province.objects.get(code="99")
    office = User.objects.get(username="bench_office")
    commune = Commune.objects.filter(province=province).first()
    return Dataset(province, None, office, office, commune, None, None)


def main() -> None:
    os.environ.setdefault("BENCH_DATABASE_URL", f"sqlite:///{ROOT}/bench/out/actions.sqlite3")
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from bench import run  # sets the environment up and calls django.setup()
    from dashboards.selectors.actions import LIST_KEYS, ActionFilters, action_counts

    run.setup_test_environment()
    start = time.perf_counter()
    data = reused() if "--reuse" in sys.argv else built()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"What needs action, {connection.vendor}: ready in {time.perf_counter() - start:.0f} s: "
        f"{data.summary()}",
        flush=True,
    )
    filters = ActionFilters(province=data.province)
    counts = action_counts(user=data.office_user, filters=filters)
    print("  counts: " + ", ".join(f"{key} {value:,}" for key, value in counts.items()))
    client = Client()
    client.force_login(data.office_user)
    page, api = reverse("dashboards:action_list"), reverse("dashboards-api:action-board")
    run.timed(
        "counts (the overview's tag: one aggregate)",
        lambda: action_counts(user=data.office_user, filters=filters),
    )
    run.timed("page, every list (10 rows each)", lambda: client.get(page))
    run.timed("API, every list", lambda: client.get(api))
    for key in LIST_KEYS:
        run.timed(f"page ?list={key} (50 rows)", lambda key=key: client.get(page, {"list": key}))
    run.timed("page ?list=close&page=20", lambda: client.get(page, {"list": "close", "page": 20}))


if __name__ == "__main__":
    main()
