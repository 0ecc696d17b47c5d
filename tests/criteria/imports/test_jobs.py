"""A province of 120 communes goes through the background job, which reports its progress as
the engine works through the file; the command's dry run and --apply."""

import datetime as dt

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from criteria.models import Assessment
from criteria.services.assessment_import_jobs import assessment_import_request
from exports.models import ExportJob
from exports.services import jobs
from tests.communes.factories import CommuneFactory, ProvinceFactory
from tests.criteria.imports.files import filled, template_bytes
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
COMMUNES = 120


@pytest.fixture
def big_province(criteria_set):
    province = ProvinceFactory(code="P91", name="Tỉnh Lớn")
    communes = [
        CommuneFactory(province=province, code=f"8{n:04d}", name=f"Xã {n}") for n in range(COMMUNES)
    ]
    return province, communes


def test_a_province_file_is_applied_in_the_background_with_progress(
    big_province, criteria_set, coordination_office, monkeypatch, django_capture_on_commit_callbacks
):
    # given: every commune filled, progress saved at every call
    province, communes = big_province
    template = template_bytes(province, criteria_set)
    values = {c.code: {"1.1": 1, "1.2": "96,5", "2.1": 3, "3.1": 60} for c in communes}
    data = filled(template, values)
    data.name = "tinh-lon.xlsx"
    saved = []
    monkeypatch.setattr(jobs, "PROGRESS_SECONDS", 0)
    monkeypatch.setattr(jobs, "_progress_save_aside", lambda job_id, fields: saved.append(fields))
    # when
    with django_capture_on_commit_callbacks(execute=True):
        job = assessment_import_request(user=coordination_office, upload=data)
    # then: progress while the transaction was open, every ten communes, then done
    assert [f["done_count"] for f in saved] == list(range(10, COMMUNES + 1, 10))
    assert {f["total_count"] for f in saved} == {COMMUNES}
    assert saved[5]["progress"] == 50
    job.refresh_from_db()
    assert (job.status, job.progress, job.done_count, job.total_count) == ("done", 100, 120, 120)
    assert Assessment.objects.filter(meets_standard=True).count() == COMMUNES
    assert not default_storage.exists(job.params["upload"])  # the upload is not kept


def test_a_refused_job_keeps_the_problems_and_writes_nothing(
    template, communes, coordination_office, django_capture_on_commit_callbacks
):
    data = filled(template, {communes[0].code: {"1.1": 1}}, {"A4": communes[0].code, "E4": 1})
    data.name = "trung.xlsx"
    with django_capture_on_commit_callbacks(execute=True):
        job = assessment_import_request(user=coordination_office, upload=data)
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED
    assert job.error.startswith("Đánh giá!A4: Xã mã “91001” đã có ở dòng 3.")
    assert Assessment.objects.count() == 0


def test_the_command_dry_run_writes_nothing_then_apply_writes(tmp_path, template, communes, capsys):
    UserFactory(username="root", is_superuser=True, role="")
    path = tmp_path / "danh-gia.xlsx"
    path.write_bytes(filled(template, {communes[0].code: {"1.1": 1, "1.2": 96}}).getvalue())
    call_command("import_assessments", str(path))
    assert "Checked (nothing written): 1 rows, 2 skipped." in capsys.readouterr().out
    assert Assessment.objects.count() == 0
    call_command("import_assessments", str(path), "--apply")
    assert "Imported: 1 rows" in capsys.readouterr().out
    stored = Assessment.objects.get()
    assert (stored.commune, stored.period) == (communes[0], dt.date(2026, 10, 1))


def test_the_command_lists_the_problems_and_writes_nothing(
    tmp_path, template, communes, coordination_office
):
    path = tmp_path / "danh-gia.xlsx"
    path.write_bytes(filled(template, {communes[1].code: {"2.1": "nhiều"}}).getvalue())
    for apply in ([], ["--apply"]):
        with pytest.raises(CommandError, match="Đánh giá!G4: “nhiều” không phải là số."):
            call_command("import_assessments", str(path), "--user", "office", *apply)
    assert Assessment.objects.count() == 0


def test_the_command_refuses_a_user_who_may_not_import(tmp_path, template, leader):
    path = tmp_path / "danh-gia.xlsx"
    path.write_bytes(template)
    with pytest.raises(CommandError, match="văn phòng điều phối"):
        call_command("import_assessments", str(path), "--user", "leader")
