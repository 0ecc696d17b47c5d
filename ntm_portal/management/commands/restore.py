"""``manage.py restore`` (``make restore``): put back the database and the uploaded files of
one backup pair (the newest unless ``--stamp`` names another). Stop web, worker and beat first.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ntm_portal import backups


class Command(BaseCommand):
    help = "Restore the database and MEDIA_ROOT from a backup pair in DBBACKUP_DIR."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--stamp", help="Which backup (YYYY-MM-DD-HHMMSS); default newest.")
        parser.add_argument(
            "--list", action="store_true", dest="show_list", help="List the backups and stop."
        )
        parser.add_argument(
            "--noinput", action="store_false", dest="interactive", help="Do not ask to confirm."
        )

    def handle(self, *args, stamp=None, show_list=False, interactive=True, **options) -> None:
        if show_list:
            for pair in backups.backup_list():
                self.stdout.write(f"{pair.stamp}  {pair.database}  {pair.media}")
            return
        try:
            pair = backups.backup_get(stamp=stamp)
        except backups.BackupNotFound:
            raise CommandError(
                f"No backup {stamp or ''} in {settings.DBBACKUP_DIR} (manage.py restore --list)."
            ) from None
        if interactive and not self._confirmed(pair):
            raise CommandError("Restore cancelled.")
        backups.backup_restore(pair=pair)
        self.stdout.write(self.style.SUCCESS(f"Restored backup {pair.stamp}."))

    def _confirmed(self, pair: backups.BackupPair) -> bool:
        database = settings.DATABASES["default"]["NAME"]
        answer = input(
            f"This replaces database {database} and the files in {settings.MEDIA_ROOT} "
            f"with backup {pair.stamp}. Type 'yes' to continue: "
        )
        return answer.strip() == "yes"
