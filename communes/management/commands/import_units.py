"""Import administrative units (province, districts, communes, villages) from CSV or JSON."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from communes import services
from communes.unit_rows import FORMATS


class Command(BaseCommand):
    help = (
        "Nạp đơn vị hành chính từ tệp CSV hoặc JSON "
        "(ví dụ communes/data/backan_units_2024.csv). Mọi dòng được kiểm tra trước; "
        "có một dòng sai thì không ghi gì. Chạy lại nhiều lần vẫn an toàn."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help=_("Đường dẫn tới tệp .csv hoặc .json (UTF-8)."))
        parser.add_argument("--format", choices=FORMATS, help=_("Mặc định: theo đuôi tệp."))
        parser.add_argument("--region", help=_("Vùng áp cho mọi dòng, ví dụ tdmnpb."))

    def handle(self, *args, path: str, format: str | None, region: str | None, **options) -> None:
        file = Path(path)
        try:
            source = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(
                _("Không đọc được tệp %(path)s: %(error)s") % {"path": path, "error": exc}
            ) from exc
        fmt = format or file.suffix.lstrip(".").lower()
        try:
            result = services.units_import(source=source, fmt=fmt, region=region)
        except ValidationError as exc:
            messages = [m for ms in exc.message_dict.values() for m in ms]
            raise CommandError(
                _("Không nạp được tệp; chưa ghi gì.") + "\n" + "\n".join(messages)
            ) from exc
        self._report(result)

    def _report(self, result: services.UnitsImportResult) -> None:
        for label, counts in (
            (_("Tỉnh"), result.provinces),
            (_("Huyện"), result.districts),
            (_("Xã"), result.communes),
        ):
            self.stdout.write(
                _("%(label)s: %(created)s mới, %(updated)s cập nhật, %(unchanged)s không đổi")
                % {"label": label, **vars(counts)}
            )
        self.stdout.write(
            self.style.SUCCESS(_("Thôn mới: %(count)s") % {"count": result.villages_created})
        )
