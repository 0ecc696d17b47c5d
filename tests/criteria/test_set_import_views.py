"""The upload pages: who may use them, the dry run writes nothing, apply writes, query counts."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from criteria.models import CriteriaSet, EnteredVia, Threshold
from tests.criteria.set_workbooks import THRESHOLD_ROWS, workbook_bytes

ROLES = [
    ("anonymous", 302),
    ("no_role_user", 403),
    ("leader", 403),
    ("agency_staff", 403),
    ("commune_officer", 403),
    ("coordination_office", 200),
]


def upload(client, content=None):
    file = SimpleUploadedFile("bo.xlsx", content or workbook_bytes())
    return client.post(reverse("criteria:criteria_set_import"), {"file": file})


def loaded():
    return CriteriaSet.objects.filter(code="tinh-thu-2026").exists()


@pytest.mark.parametrize(("role", "expected"), ROLES)
def test_who_may_open_the_upload_page_and_the_template(as_role, role, expected):
    client, _user = as_role(role)

    assert client.get(reverse("criteria:criteria_set_import")).status_code == expected
    assert client.get(reverse("criteria:criteria_set_template")).status_code == expected


@pytest.mark.parametrize(("role", "expected"), ROLES)
def test_only_the_office_may_dry_run_and_apply(db, as_role, role, expected):
    client, _user = as_role(role)

    response = upload(client)
    applied = client.post(reverse("criteria:criteria_set_import_apply"), {"import_id": "x"})

    assert response.status_code == expected
    assert applied.status_code == (302 if role in ("anonymous", "coordination_office") else 403)
    assert not loaded()


def test_superuser_may_apply(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = upload(client)
    import_id = response.context["import_id"]
    client.post(reverse("criteria:criteria_set_import_apply"), {"import_id": import_id})

    assert loaded()


def test_dry_run_lists_changes_then_apply_writes_them_with_who(as_role, coordination_office):
    client, _user = as_role("coordination_office")

    response = upload(client)
    html = response.content.decode()
    assert "giá trị sẽ thay đổi" in html
    assert "(mới)" in html
    assert not loaded()  # the dry run wrote nothing

    applied = client.post(
        reverse("criteria:criteria_set_import_apply"), {"import_id": response.context["import_id"]}
    )
    criteria_set = CriteriaSet.objects.get(code="tinh-thu-2026")
    assert applied.url == reverse("criteria:criteria_set_detail", args=[criteria_set.pk])
    assert Threshold.objects.filter(entered_by=coordination_office).count() == 4
    detail = client.get(applied.url).content.decode()
    assert "theo 12/2026/QĐ-UBND" in detail
    # Only the threshold without a source decision keeps the badge.
    assert detail.split("</section>", 1)[1].count("chưa kiểm chứng") == 1


def test_dry_run_shows_errors_by_sheet_row_and_column_and_offers_no_apply(as_role):
    client, _user = as_role("coordination_office")

    response = upload(client, workbook_bytes(thresholds=[*THRESHOLD_ROWS, ["9.9", "x", None, 1]]))

    html = response.content.decode()
    assert response.context["import_id"] is None
    assert "Mã chỉ tiêu “9.9” không có trong trang “Chỉ tiêu”." in html
    assert "<td>6</td>" in html
    assert "Áp dụng" not in html


def test_admin_corrections_are_flagged_and_kept_unless_chosen(as_role):
    client, _user = as_role("coordination_office")
    response = upload(client)
    client.post(
        reverse("criteria:criteria_set_import_apply"), {"import_id": response.context["import_id"]}
    )
    Threshold.objects.filter(indicator__code="2.1", classification_key="group_2").update(
        value=85, entered_via=EnteredVia.ADMIN
    )
    rows = [list(r) for r in THRESHOLD_ROWS]
    rows[2][3] = 70

    response = upload(client, workbook_bytes(thresholds=rows))
    assert "đã sửa trong trang quản trị" in response.content.decode()
    client.post(
        reverse("criteria:criteria_set_import_apply"),
        {"import_id": response.context["import_id"], "overwrite_corrected": "1"},
    )

    assert Threshold.objects.get(indicator__code="2.1", classification_key="group_2").value == 70


def test_a_stale_or_foreign_import_id_writes_nothing(as_role):
    client, _user = as_role("coordination_office")
    upload(client)

    response = client.post(reverse("criteria:criteria_set_import_apply"), {"import_id": "other"})

    assert response.url == reverse("criteria:criteria_set_import")
    assert not loaded()


def test_pages_run_a_bounded_number_of_queries(as_role, django_assert_max_num_queries):
    client, _user = as_role("coordination_office")
    with django_assert_max_num_queries(12):
        response = upload(client)
    # Apply writes row by row (update_or_create per criterion and indicator): it grows with the
    # set's size, once a year; this set has 2 criteria and 2 indicators.
    with django_assert_max_num_queries(50):
        client.post(
            reverse("criteria:criteria_set_import_apply"),
            {"import_id": response.context["import_id"]},
        )
    criteria_set = CriteriaSet.objects.get(code="tinh-thu-2026")
    with django_assert_max_num_queries(14):
        response = client.get(reverse("criteria:criteria_set_template") + f"?set={criteria_set.pk}")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
