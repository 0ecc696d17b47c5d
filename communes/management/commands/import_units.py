"""Import administrative units (province, districts, communes, villages) from CSV or JSON,
optionally dated (--valid-from/--valid-to) and with the merger map that links old communes to
the new ones (--merger-map, effective on --valid-from)."""

import datetime as dt
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from communes import services
from communes.unit_rows import FORMATS
from communes.validity import Validity


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        message = _("Ngày '%(value)s' không hợp lệ (YYYY-MM-DD).") % {"value": text}
        raise CommandError(message) from exc


def read_text(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(
            _("Không đọc được tệp %(path)s: %(error)s") % {"path": path, "error": exc}
        ) from exc


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
        parser.add_argument(
            "--valid-from", type=iso_date, help=_("Các đơn vị của tệp có hiệu lực từ ngày này.")
        )
        parser.add_argument(
            "--valid-to", type=iso_date, help=_("Các đơn vị của tệp hết hiệu lực sau ngày này.")
        )
        parser.add_argument(
            "--merger-map",
            help=_("Tệp CSV sáp nhập (mã xã cũ → mã xã mới), có hiệu lực từ --valid-from."),
        )

    def handle(self, *args, path: str, format: str | None, region: str | None, **options) -> None:
        merger_map = options.get("merger_map")
        validity = Validity(options.get("valid_from"), options.get("valid_to"))
        if merger_map and validity.valid_from is None:
            raise CommandError(_("--merger-map cần --valid-from (ngày sáp nhập có hiệu lực)."))
        source, map_source = read_text(path), merger_map and read_text(merger_map)
        fmt = format or Path(path).suffix.lstrip(".").lower()
        try:
            with transaction.atomic():
                result = services.units_import(
                    source=source, fmt=fmt, region=region, validity=validity
                )
                mergers = map_source and services.merger_map_import(
                    source=map_source, effective_on=validity.valid_from
                )
        except ValidationError as exc:
            messages = [m for ms in exc.message_dict.values() for m in ms]
            raise CommandError(
                _("Không nạp được tệp; chưa ghi gì.") + "\n" + "\n".join(messages)
            ) from exc
        self._report(result)
        if mergers:
            self.stdout.write(
                _("Sáp nhập: %(links_created)s liên kết mới, %(links_unchanged)s đã có")
                % vars(mergers)
            )

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
