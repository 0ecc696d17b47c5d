"""Reminders sent before the outcome existed that reached no e-mail address: mark them
"no_recipient" and take them off the report's "đã nhắc" count, as the send service now does."""

from django.db import migrations
from django.db.models import Count, F, Value
from django.db.models.functions import Greatest


def mark_unreached(apps, schema_editor):
    ReminderLog = apps.get_model("sponsorships", "ReminderLog")
    MonthlyReport = apps.get_model("sponsorships", "MonthlyReport")
    unreached = ReminderLog.objects.filter(sent_at__isnull=False, recipients=0, outcome="sent")
    per_report = unreached.values("report_id").annotate(count=Count("pk")).order_by()
    for row in per_report:
        MonthlyReport.objects.filter(pk=row["report_id"]).update(
            reminders_sent=Greatest(F("reminders_sent") - row["count"], Value(0))
        )
    unreached.update(outcome="no_recipient")


class Migration(migrations.Migration):
    dependencies = [
        ("sponsorships", "0004_reminderlog_outcome"),
    ]

    operations = [migrations.RunPython(mark_unreached, migrations.RunPython.noop)]
