"""The import_units management command: a thin wrapper over communes.services.units_import."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from communes.models import Commune

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[2] / "communes" / "data"


def test_command_imports_the_backan_file_and_reports_counts(capsys):
    call_command("import_units", str(DATA / "backan_units_2024.csv"), "--region", "tdmnpb")

    out = capsys.readouterr().out
    assert "Xã: 108 mới, 0 cập nhật, 0 không đổi" in out
    assert Commune.objects.count() == 108


def test_command_with_a_bad_row_fails_and_writes_nothing(tmp_path):
    bad = tmp_path / "units.csv"
    lines = (DATA / "thainguyen_units_2025.csv").read_text(encoding="utf-8").splitlines()
    lines[6] = lines[6].replace(",Xã", ",Xa")
    bad.write_text("\n".join(lines), encoding="utf-8")

    with pytest.raises(CommandError) as exc_info:
        call_command("import_units", str(bad), "--region", "tdmnpb")

    assert "chưa ghi gì" in str(exc_info.value)
    assert "Dòng 7, cột commune_kind: loại đơn vị 'Xa' không hợp lệ" in str(exc_info.value)
    assert not Commune.objects.exists()


def test_command_reads_json_by_extension(tmp_path):
    source = tmp_path / "units.json"
    source.write_text(
        '[{"province_code": "19", "province_name": "Thái Nguyên", "commune_code": "01849", '
        '"commune_name": "Phong Quang", "commune_kind": "Xã", "region": "tdmnpb"}]',
        encoding="utf-8",
    )

    call_command("import_units", str(source))

    assert Commune.objects.get(code="01849").name == "Phong Quang"


def test_command_reports_a_missing_file():
    with pytest.raises(CommandError, match="Không đọc được tệp"):
        call_command("import_units", "/nonexistent/units.csv")
