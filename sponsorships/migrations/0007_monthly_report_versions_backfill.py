"""Freeze every report already sent (submitted, accepted or returned) as its version 1.

What those reports said when they were sent could not be recovered: before versions existed
their activities were read live, so an activity added or changed since has already altered
them. Version 1 is therefore built from today's data, by the same function that freezes a
submission (sponsorships.selectors.report_versions.monthly_report_content), and carries the
report's own submitted_at / submitted_by / is_late. Its created_at (the freeze moment) is the
moment this migration ran, so only what changes from now on is listed as recorded after
submission. Reversing keeps the versions (a version, once made, is never deleted; reversing
0006 drops the table).

The builder is today's code, not a historical model: it runs only when there are such reports
(a fresh database has none), and once per deployment.
"""

from django.db import migrations

SENT = ("submitted", "accepted", "returned")


def freeze_sent_reports(apps, schema_editor):
    HistoricalReport = apps.get_model("sponsorships", "MonthlyReport")
    pks = list(
        HistoricalReport.objects.filter(status__in=SENT, versions__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not pks:
        return
    from sponsorships.models import MonthlyReport, MonthlyReportVersion
    from sponsorships.selectors.report_versions import monthly_report_content

    reports = MonthlyReport.objects.select_related(
        "assignment__agency", "assignment__commune__district"
    ).prefetch_related("criteria_progress__criterion", "assignment__focus_criteria")
    for start in range(0, len(pks), 500):
        batch = reports.filter(pk__in=pks[start : start + 500])
        MonthlyReportVersion.objects.bulk_create(
            MonthlyReportVersion(
                report=report,
                number=1,
                submitted_at=report.submitted_at or report.updated_at,
                submitted_by_id=report.submitted_by_id,
                is_late=report.is_late,
                content=monthly_report_content(report=report),
            )
            for report in batch
        )


class Migration(migrations.Migration):
    dependencies = [
        ("sponsorships", "0006_monthly_report_versions"),
    ]

    operations = [migrations.RunPython(freeze_sent_reports, migrations.RunPython.noop)]
