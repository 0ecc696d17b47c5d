"""``manage.py backup`` (``make backup``): the database and the uploaded files, together.

Run nightly in production (README, "Backups"); exits non-zero if either half fails, so cron
reports it.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from ntm_portal import backups


class Command(BaseCommand):
    help = "Back up the database and MEDIA_ROOT as one pair in DBBACKUP_DIR; keep the newest."

    def handle(self, *args, **options) -> None:
        pair = backups.backup_create(now=timezone.now())
        kept = len(backups.backup_list())
        self.stdout.write(
            self.style.SUCCESS(f"Backup {pair.stamp}: {pair.database}, {pair.media}")
            + f"\n  in {settings.DBBACKUP_DIR} ({kept} kept)"
        )
