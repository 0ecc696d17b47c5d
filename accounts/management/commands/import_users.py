"""Create accounts from a CSV or Excel list: the same check and the same service as the page."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from accounts import user_rows
from accounts.services.imports import (
    UserImportInvalid,
    UserImportResult,
    user_import_apply,
    user_import_check,
)
from ntm_portal.commands import acting_user


class Command(BaseCommand):
    help = (
        "Tạo tài khoản từ danh sách CSV (UTF-8) hoặc Excel (.xlsx), cùng cột với tệp mẫu của "
        "trang Người dùng. Mặc định chỉ kiểm tra và không ghi gì; thêm --apply để tạo (tất cả "
        "hoặc không gì cả). Thư mời gửi sau khi ghi; mật khẩu tạm của dòng không có e-mail "
        "chỉ in ra một lần."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help=_("Đường dẫn tới tệp .csv hoặc .xlsx."))
        parser.add_argument("--apply", action="store_true", help=_("Tạo các tài khoản."))
        parser.add_argument(
            "--actor",
            help=_(
                "Tên đăng nhập của người thực hiện (Văn phòng điều phối), ghi vào nhật ký tài "
                "khoản. Mặc định: quản trị viên (superuser) đầu tiên."
            ),
        )

    def handle(self, *args, path: str, apply: bool, actor: str | None, **options) -> None:
        acting = acting_user(actor, option="--actor")
        records = self._read(Path(path))
        if not apply:
            self._report_check(user_import_check(actor=acting, records=records))
            return
        try:
            result = user_import_apply(actor=acting, records=records)
        except UserImportInvalid as exc:
            raise CommandError(self._errors(exc.plan.error_lines())) from exc
        self._report_result(result)

    def _read(self, file: Path) -> list[user_rows.Record]:
        try:
            return user_rows.read_user_file(file.read_bytes(), name=file.name)
        except OSError as exc:
            raise CommandError(
                _("Không đọc được tệp %(path)s: %(error)s") % {"path": file, "error": exc}
            ) from exc
        except ValidationError as exc:
            raise CommandError(self._errors(exc.messages)) from exc

    def _report_check(self, plan) -> None:
        if not plan.is_valid:
            raise CommandError(self._errors(plan.error_lines()))
        self.stdout.write(
            self.style.SUCCESS(
                _("%(count)s dòng hợp lệ; chưa ghi gì. Chạy lại với --apply để tạo tài khoản.")
                % {"count": len(plan.rows)}
            )
        )

    def _report_result(self, result: UserImportResult) -> None:
        self.stdout.write(
            self.style.SUCCESS(
                _("Đã tạo %(created)s tài khoản; %(invited)s thư mời được gửi.")
                % {"created": len(result.created), "invited": result.invited}
            )
        )
        if result.temporary_passwords:
            self.stdout.write(_("Mật khẩu tạm (chỉ in một lần; phải đổi ở lần đăng nhập đầu):"))
        for account, password in result.temporary_passwords:
            self.stdout.write(f"{account.username}\t{password}")

    @staticmethod
    def _errors(lines: list[str]) -> str:
        return "\n".join([_("Tệp có lỗi; chưa ghi gì."), *lines])
