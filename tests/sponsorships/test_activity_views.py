"""Activity, agency and assignment pages: what a person types is understood, conflicts are
shown and not overwritten, pages read a fixed number of queries whatever the rows."""

import datetime as dt

import pytest
import time_machine

from sponsorships.models import Evidence, SupportActivity
from tests.criteria.factories import CriteriaSetFactory, CriterionFactory
from tests.sponsorships.activity_fixtures import (
    activity_post,
    png_file,
    snapshot,
    url,
)
from tests.sponsorships.factories import (
    AgencyFactory,
    AssignmentFactory,
    SupportActivityFactory,
)

pytestmark = pytest.mark.django_db


def test_staff_adds_an_activity_typing_money_with_dots(as_role, assignment_a):
    client, user = as_role("agency_staff")
    response = client.post(
        url("activity_create", assignment_a.pk),
        activity_post(
            amount="21.000.000", quantity="600", labour_days="2,5", evidence=png_file("cau.png")
        ),
    )
    activity = SupportActivity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("activity_detail", activity.pk)
    assert (activity.amount, activity.date, str(activity.quantity), str(activity.labour_days)) == (
        21_000_000,
        dt.date(2024, 3, 15),
        "600.00",
        "2.5",
    )
    assert activity.created_by == user
    assert Evidence.objects.get().original_name == "cau.png"


@pytest.mark.parametrize("typed", ["21000000", "21 000 000", "21.000.000"])
def test_every_way_of_typing_the_amount_gives_the_same_number(as_role, assignment_a, typed):
    client, _user = as_role("agency_staff")
    client.post(url("activity_create", assignment_a.pk), activity_post(amount=typed))
    assert SupportActivity.objects.get().amount == 21_000_000


@pytest.mark.parametrize(
    ("overrides", "field_error"),
    [
        ({"date": "2023-31-12"}, "Nhập ngày theo dạng dd/mm/yyyy, ví dụ 15/03/2026."),
        (
            {"date": "31/12/2023"},
            "Ngày hoạt động phải nằm trong thời gian phân công (từ 01/01/2024).",
        ),
        ({"amount": "-5.000.000"}, "Giá trị không được âm."),
        ({"amount": "21.000.000,50"}, "Nhập số tiền bằng đồng, ví dụ 21.000.000."),
        (
            {"evidence": None},
            "Tệp “trang.html” không đúng loại cho phép (ảnh JPG, PNG; tài liệu PDF, DOCX, XLSX).",
        ),
    ],
)
def test_bad_input_is_shown_on_the_field_and_nothing_is_saved(
    as_role, assignment_a, overrides, field_error
):
    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415

    if "evidence" in overrides:
        overrides["evidence"] = SimpleUploadedFile("trang.html", b"<html><script>alert(1)</script>")
    client, _user = as_role("agency_staff")
    before = snapshot()
    response = client.post(url("activity_create", assignment_a.pk), activity_post(**overrides))
    assert response.status_code == 200
    assert field_error in response.content.decode()
    assert snapshot() == before


def test_a_refused_form_says_the_chosen_file_must_be_chosen_again(as_role, assignment_a):
    # Browsers never refill a file input: without a word the evidence was silently dropped.
    client, _user = as_role("agency_staff")

    response = client.post(
        url("activity_create", assignment_a.pk),
        activity_post(amount="-5", evidence=png_file("cau.png")),
    )

    assert response.status_code == 200
    assert "hãy chọn lại tệp trước khi lưu" in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_refused_form_without_a_file_does_not_mention_files(as_role, assignment_a):
    client, _user = as_role("agency_staff")

    response = client.post(url("activity_create", assignment_a.pk), activity_post(amount="-5"))

    assert "hãy chọn lại tệp" not in response.content.decode()


def test_edit_with_a_stale_version_shows_the_conflict_and_keeps_the_first_edit(as_role, activity_a):
    client, _user = as_role("agency_staff")
    first = client.post(
        url("activity_update", activity_a.pk), activity_post(title="Lần một", version="1")
    )
    assert first.status_code == 302
    stale = client.post(
        url("activity_update", activity_a.pk), activity_post(title="Lần hai", version="1")
    )
    page = stale.content.decode()
    assert stale.status_code == 200
    assert "Bản ghi đã được người khác cập nhật" in page
    assert "Bản đang lưu trong hệ thống" in page
    stored = SupportActivity.objects.get(pk=activity_a.pk)
    assert (stored.title, stored.version) == ("Lần một", 2)


def test_a_refused_edit_names_the_activity_by_its_stored_title_not_the_typed_one(
    as_role, activity_a
):
    client, _user = as_role("agency_staff")
    client.post(url("activity_update", activity_a.pk), activity_post(title="Lần một", version="1"))

    stale = client.post(
        url("activity_update", activity_a.pk), activity_post(title="Lần hai", version="1")
    )

    assert stale.context["activity"].title == "Lần một"
    assert stale.context["form"]["title"].value() == "Lần hai"


def test_a_refused_agency_edit_names_the_agency_by_its_stored_name(as_role):
    parent = AgencyFactory(name="Sở cấp trên")
    child = AgencyFactory(name="Đơn vị trực thuộc", parent=parent)
    client, _user = as_role("coordination_office")

    response = client.post(
        url("agency_update", parent.pk),
        {"name": "Tên gõ dở", "kind": parent.kind, "parent": child.pk},
    )

    assert response.context["form"].errors["parent"]
    assert response.context["agency"].name == "Sở cấp trên"


def test_a_refused_assignment_edit_shows_the_stored_period(as_role, activity_a):
    assignment = activity_a.assignment
    stored_end = assignment.end_date
    client, _user = as_role("coordination_office")

    response = client.post(
        url("assignment_update", assignment.pk),
        {
            "agency": assignment.agency_id,
            "commune": assignment.commune_id,
            "start_date": "01/01/2024",
            "end_date": "01/01/2024",
        },
    )

    assert response.context["form"].errors["end_date"]
    assert response.context["assignment"].end_date == stored_end


def test_delete_asks_for_confirmation_first(as_role, activity_a):
    client, _user = as_role("agency_staff")
    page = client.get(url("activity_delete", activity_a.pk))
    assert page.status_code == 200
    assert "Xóa hoạt động?" in page.content.decode()
    assert SupportActivity.objects.filter(pk=activity_a.pk).exists()
    response = client.post(url("activity_delete", activity_a.pk), {"version": 1})
    assert response.status_code == 302
    assert not SupportActivity.objects.filter(pk=activity_a.pk).exists()


def test_delete_confirmed_on_an_old_version_changes_nothing(as_role, activity_a):
    client, _user = as_role("agency_staff")
    client.post(url("activity_update", activity_a.pk), activity_post(title="Đã sửa", version="1"))
    before = snapshot()
    response = client.post(url("activity_delete", activity_a.pk), {"version": 1})
    assert response.status_code == 200
    assert "Bản ghi đã được người khác cập nhật" in response.content.decode()
    assert snapshot() == before


def test_activity_page_shows_who_changed_what(as_role, activity_a):
    client, user = as_role("agency_staff")
    client.post(
        url("activity_update", activity_a.pk), activity_post(amount="22.500.000", version="1")
    )
    page = client.get(url("activity_detail", activity_a.pk)).content.decode()
    assert "Lịch sử thay đổi" in page
    assert str(user) in page
    assert "21.000.000 → 22.500.000" in page


def test_evidence_downloads_as_an_attachment_never_inline(as_role, activity_a, agency_staff):
    evidence = Evidence.objects.create(
        activity=activity_a,
        file=png_file(),
        original_name="Ảnh cầu.png",
        content_type="image/png",
        size=10,
        uploaded_by=agency_staff,
    )
    client, _user = as_role("commune_officer")
    response = client.get(url("evidence_download", evidence.pk))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "image/png"


def test_evidence_of_another_agency_does_not_exist_for_its_staff(as_role, activity_a, agency_staff):
    evidence = Evidence.objects.create(
        activity=activity_a,
        file=png_file(),
        original_name="a.png",
        content_type="image/png",
        size=10,
        uploaded_by=agency_staff,
    )
    client, _user = as_role("other_agency_staff")
    assert client.get(url("evidence_download", evidence.pk)).status_code == 404


def test_evidence_whose_file_is_gone_answers_a_404_page_that_says_so(
    as_role, activity_a, agency_staff, caplog
):
    # given: the row is there, its file is not (a lost disk, a database restored without media)
    evidence = Evidence.objects.create(
        activity=activity_a,
        file=png_file(),
        original_name="Ảnh bàn giao lò đốt.png",
        content_type="image/png",
        size=10,
        uploaded_by=agency_staff,
    )
    evidence.file.storage.delete(evidence.file.name)
    client, _user = as_role("commune_officer")
    # when
    response = client.get(url("evidence_download", evidence.pk))
    # then
    page = response.content.decode()
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert "Tệp minh chứng không còn trên máy chủ" in page
    assert "Ảnh bàn giao lò đốt.png" in page
    assert f'href="{url("activity_detail", activity_a.pk)}"' in page
    assert evidence.file.name in caplog.text


def test_a_missing_evidence_file_of_another_agency_is_still_a_plain_404(
    as_role, activity_a, agency_staff
):
    evidence = Evidence.objects.create(
        activity=activity_a,
        file=png_file(),
        original_name="Ảnh bàn giao lò đốt.png",
        content_type="image/png",
        size=10,
        uploaded_by=agency_staff,
    )
    evidence.file.storage.delete(evidence.file.name)
    client, _user = as_role("other_agency_staff")
    response = client.get(url("evidence_download", evidence.pk))
    assert response.status_code == 404
    assert "Ảnh bàn giao lò đốt.png" not in response.content.decode()


@time_machine.travel(dt.datetime(2026, 11, 21, 9, tzinfo=dt.UTC), tick=False)
def test_staff_home_lists_my_communes_and_offers_unmet_criteria_first(
    as_role, assignment_a, commune_a
):
    criteria_set = CriteriaSetFactory(valid_from=dt.date(2021, 1, 1))
    for number in (1, 7):
        CriterionFactory(criteria_set=criteria_set, number=number, name_vi=f"Tiêu chí số {number}")
    assignment_a.focus_criteria.set(criteria_set.criteria.filter(number=7))
    commune_a.criteria_met, commune_a.criteria_total = 12, 19
    commune_a.save()
    client, _user = as_role("agency_staff")
    page = client.get(url("staff_home")).content.decode()
    assert "Xuân Lạc" in page
    assert "12/19" in page
    assert "Tiêu chí xã chưa đạt" in page
    assert "7. Tiêu chí số 7 ★" in page
    assert f'action="{url("activity_create", assignment_a.pk)}"' in page


@pytest.mark.parametrize("role", ["leader", "coordination_office", "commune_officer"])
def test_staff_home_is_for_agency_staff(as_role, role):
    client, _user = as_role(role)
    assert client.get(url("staff_home")).status_code == 403


def test_choosing_an_assignment_goes_straight_to_the_form_when_there_is_one(as_role, assignment_a):
    client, _user = as_role("agency_staff")
    response = client.get(url("activity_choose_assignment"))
    assert response["Location"] == url("activity_create", assignment_a.pk)


def many(assignment, count):
    criterion = CriterionFactory()
    for index in range(count):
        SupportActivityFactory(
            assignment=assignment, amount=1_000_000 * (index + 1)
        ).target_criteria.set([criterion])


def count_queries(client, path, bound):
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    assert len(captured) <= bound
    return len(captured)


@pytest.mark.parametrize(
    ("name", "needs"),
    [
        ("activity_list", None),
        ("activity_totals", None),
        ("agency_list", None),
        ("assignment_list", None),
        ("agency_detail", "agency_a"),
        ("assignment_detail", "assignment_a"),
        ("staff_home", None),
        ("communes_without_sponsor", None),
    ],
)
def test_pages_read_the_same_number_of_queries_with_1_or_many_rows(
    request, as_role, assignment_a, name, needs
):
    client, _user = as_role("agency_staff")
    args = [request.getfixturevalue(needs).pk] if needs else []
    many(assignment_a, 1)
    with_one = count_queries(client, url(name, *args), 25)
    many(assignment_a, 8)
    for _ in range(3):
        AssignmentFactory(agency=assignment_a.agency)
    assert count_queries(client, url(name, *args), 25) == with_one


def test_list_filters_sorts_and_paginates(as_role, assignment_a, assignment_b):
    SupportActivityFactory(assignment=assignment_a, title="Cầu bê tông", amount=40_000_000)
    SupportActivityFactory(assignment=assignment_a, title="Bóng đèn", amount=21_000_000)
    SupportActivityFactory(assignment=assignment_b, title="Cổng chào", amount=25_000_000)
    client, _user = as_role("leader")
    response = client.get(
        url("activity_list"), {"agency": assignment_a.agency_id, "sort": "-amount"}
    )
    assert [a.title for a in response.context["activities"]] == ["Cầu bê tông", "Bóng đèn"]
    assert response.context["summary"].amount == 61_000_000
    empty = client.get(url("activity_list"), {"q": "không có"})
    assert "Chưa có hoạt động nào." in empty.content.decode()


@pytest.mark.parametrize(
    "name", ["activity_list", "activity_totals", "assignment_list", "agency_list"]
)
def test_filter_selects_offer_all_not_dashes(as_role, name):
    # The commune and report lists say "Tất cả"; these said Django's "---------".
    client, _user = as_role("coordination_office")

    page = client.get(url(name)).content.decode()

    assert "---------" not in page
    assert ">Tất cả</option>" in page
