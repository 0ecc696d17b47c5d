"""Browser test of the assessment import page: no serious accessibility violation, the dry run
of an uploaded file lists its error by sheet, row and column, and the apply's job row follows
its progress (the exports' polling script)."""

import datetime as dt

import pytest
from django.utils import timezone

from exports.models import ExportJob
from ntm_portal.models import User
from tests.communes.factories import CommuneFactory, ProvinceFactory
from tests.criteria.factories import small_criteria_set
from tests.criteria.imports.files import filled, template_bytes
from tests.e2e.test_accessibility import blocking_violations
from tests.exports.factories import ExportJobFactory
from tests.factories import UserFactory


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_dry_run_shows_the_error_place_and_the_job_row_follows_progress(
    log_in, live_server, tmp_path
):
    # given
    office = UserFactory(username="office", role=User.Role.COORDINATION_OFFICE)
    criteria_set = small_criteria_set(valid_from=dt.date(2021, 1, 1))
    province = ProvinceFactory(code="P90")
    commune = CommuneFactory(province=province, code="91001")
    period = timezone.localdate().replace(day=1)
    template = template_bytes(province, criteria_set, period=period)
    path = tmp_path / "danh-gia.xlsx"
    path.write_bytes(filled(template, {commune.code: {"1.1": 1, "1.2": "nhiều"}}).getvalue())
    job = ExportJobFactory(
        requested_by=office,
        kind="criteria.assessment_import",
        status="running",
        progress=20,
        params={"upload": "imports/x.xlsx", "filename": "cu.xlsx"},
    )
    page = log_in("office")
    page.goto(f"{live_server.url}/criteria/assessments/import/")
    assert blocking_violations(page) == []
    # when: the dry run
    page.get_by_label("Tệp Excel (.xlsx) theo mẫu").set_input_files(str(path))
    page.get_by_role("button", name="Kiểm tra (không ghi)").click()
    page.wait_for_load_state("networkidle")
    # then
    assert "Tệp có 1 lỗi; chưa ghi gì" in page.content()
    cells = page.locator("#import-report tbody tr td").all_inner_texts()
    assert cells[:3] == ["Đánh giá", "3", "F"]
    # and the job row follows its progress without a reload
    ExportJob.objects.filter(pk=job.pk).update(progress=60, done_count=6, total_count=10)
    page.locator(".export-count", has_text="6/10").wait_for(timeout=10_000)
    assert page.locator("progress.export-progress").get_attribute("value") == "60"
