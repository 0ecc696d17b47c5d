"""Activity services: validation on the named field, nothing saved on error, optimistic
concurrency, evidence checks, and one history record per action with its user."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sponsorships.models import Evidence, SupportActivity
from sponsorships.services import activities as services
from tests.communes.factories import VillageFactory
from tests.criteria.factories import CriterionFactory
from tests.factories import UserFactory
from tests.sponsorships.activity_fixtures import PNG_BYTES, png_file, snapshot
from tests.sponsorships.factories import AssignmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def assignment():
    return AssignmentFactory(start_date=dt.date(2015, 1, 1), end_date=dt.date(2020, 12, 31))


@pytest.fixture
def user():
    return UserFactory()


def create(assignment, user, **overrides):
    fields = {
        "date": dt.date(2015, 9, 10),
        "kind": "goods",
        "title": "Tặng 600 bóng đèn compact",
        "amount": 21_000_000,
        "funding_source": "agency_budget",
        **overrides,
    }
    return services.activity_create(assignment=assignment, user=user, **fields)


def field_errors(excinfo) -> dict:
    return excinfo.value.message_dict


def test_activity_is_recorded_with_its_agency_user_criteria_and_one_history_record(
    assignment, user
):
    criterion = CriterionFactory(number=4)
    activity = create(
        assignment,
        user,
        target_criteria=[criterion],
        quantity=Decimal("600"),
        quantity_unit="bóng đèn",
    )
    activity.refresh_from_db()
    assert activity.assignment.agency_id == assignment.agency_id
    assert (activity.amount, activity.quantity, activity.version) == (21_000_000, Decimal("600"), 1)
    assert activity.created_by == user
    assert activity.updated_by == user
    assert list(activity.target_criteria.all()) == [criterion]
    history = list(activity.history.all())
    assert [(h.history_type, h.history_user) for h in history] == [("+", user)]
    assert [row.criterion_id for row in history[0].target_criteria.all()] == [criterion.pk]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"date": dt.date(2014, 12, 31)},
            "date",
            "Ngày hoạt động phải nằm trong thời gian phân công (từ 01/01/2015 đến 31/12/2020).",
        ),
        (
            {"date": dt.date(2021, 1, 1)},
            "date",
            "Ngày hoạt động phải nằm trong thời gian phân công (từ 01/01/2015 đến 31/12/2020).",
        ),
        ({"amount": -1}, "amount", "Giá trị không được âm."),
        ({"labour_days": Decimal("-2")}, "labour_days", "Giá trị không được âm."),
        ({"beneficiaries": 17}, "beneficiary_unit", "Hãy chọn đơn vị: hộ hay người."),
    ],
)
def test_invalid_activity_is_refused_on_the_field_and_nothing_is_saved(
    assignment, user, overrides, field, message
):
    before = snapshot()
    with pytest.raises(ValidationError) as excinfo:
        create(assignment, user, **overrides)
    assert field_errors(excinfo)[field] == [message]
    assert snapshot() == before


def test_activity_on_the_last_day_of_the_period_is_accepted(assignment, user):
    assert create(assignment, user, date=dt.date(2020, 12, 31)).pk


def test_open_ended_assignment_accepts_any_later_date(user):
    open_ended = AssignmentFactory(start_date=dt.date(2023, 1, 1), end_date=None)
    assert create(open_ended, user, date=dt.date(2030, 1, 1)).pk


def test_village_of_another_commune_is_refused(assignment, user):
    other_village = VillageFactory()
    with pytest.raises(ValidationError) as excinfo:
        create(assignment, user, village=other_village)
    assert field_errors(excinfo)["village"] == ["Thôn này không thuộc xã được giúp đỡ."]


def test_evidence_is_stored_with_its_original_name_and_a_random_stored_name(assignment, user):
    activity = create(assignment, user, evidence_files=[png_file("Ảnh cầu Xuân Lạc.png")])
    evidence = Evidence.objects.get(activity=activity)
    assert evidence.original_name == "Ảnh cầu Xuân Lạc.png"
    assert evidence.content_type == "image/png"
    assert evidence.size == len(PNG_BYTES)
    assert "Xuân" not in evidence.file.name
    assert evidence.file.name.endswith(".png")


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("anh.png", b"<html><script>x</script></html>"),
            "Tệp “anh.png” không đúng loại cho phép (ảnh JPG, PNG; tài liệu PDF, DOCX, XLSX).",
        ),
        (
            SimpleUploadedFile("virus.exe", b"MZ\x90\x00" * 10),
            "Tệp “virus.exe” không đúng loại cho phép (ảnh JPG, PNG; tài liệu PDF, DOCX, XLSX).",
        ),
    ],
)
def test_wrongly_typed_evidence_is_refused_and_nothing_is_saved(assignment, user, upload, message):
    before = snapshot()
    with pytest.raises(ValidationError) as excinfo:
        create(assignment, user, evidence_files=[upload])
    assert field_errors(excinfo)["evidence"] == [message]
    assert snapshot() == before


def test_oversized_evidence_is_refused(assignment, user, settings):
    settings.EVIDENCE_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("lon.png", PNG_BYTES + b"\x00" * (1024 * 1024))
    with pytest.raises(ValidationError) as excinfo:
        create(assignment, user, evidence_files=[big])
    assert field_errors(excinfo)["evidence"] == ["Tệp “lon.png” quá lớn: tối đa 1 MB."]
    assert not SupportActivity.objects.exists()


def test_update_with_the_current_version_saves_and_records_who_changed_what(assignment, user):
    activity = create(assignment, user)
    editor = UserFactory()
    services.activity_update(activity=activity, user=editor, expected_version=1, amount=22_500_000)
    activity.refresh_from_db()
    assert (activity.amount, activity.version, activity.updated_by) == (22_500_000, 2, editor)
    newest, oldest = activity.history.all()[:2]
    assert (newest.history_type, newest.history_user, oldest.history_user) == ("~", editor, user)
    assert [c.field for c in newest.diff_against(oldest).changes if c.field != "version"] == [
        "amount",
        "updated_by",
    ]


def test_stale_version_is_a_conflict_and_the_row_holds_the_first_edit(assignment, user):
    activity = create(assignment, user)
    first, second = (SupportActivity.objects.get(pk=activity.pk) for _ in range(2))
    services.activity_update(activity=first, user=user, expected_version=1, title="Sửa lần một")
    with pytest.raises(services.ConcurrentUpdateError) as excinfo:
        services.activity_update(
            activity=second, user=user, expected_version=1, title="Sửa lần hai"
        )
    assert "Bản ghi đã được người khác cập nhật" in excinfo.value.messages[0]
    stored = SupportActivity.objects.get(pk=activity.pk)
    assert (stored.title, stored.version) == ("Sửa lần một", 2)
    assert stored.history.count() == 2


def test_invalid_update_leaves_the_version_alone(assignment, user):
    activity = create(assignment, user)
    with pytest.raises(ValidationError):
        services.activity_update(activity=activity, user=user, expected_version=1, amount=-5)
    stored = SupportActivity.objects.get(pk=activity.pk)
    assert (stored.amount, stored.version) == (21_000_000, 1)


def test_delete_of_the_confirmed_version_removes_the_activity_and_its_evidence(assignment, user):
    activity = create(assignment, user, evidence_files=[png_file()])
    services.activity_delete(activity=activity, user=user, expected_version=1)
    assert not SupportActivity.objects.exists()
    assert not Evidence.objects.exists()
    assert SupportActivity.history.filter(history_type="-").get().history_user == user


def test_delete_of_a_stale_version_changes_nothing(assignment, user):
    activity = create(assignment, user)
    services.activity_update(
        activity=SupportActivity.objects.get(pk=activity.pk),
        user=user,
        expected_version=1,
        title="Đã sửa",
    )
    before = snapshot()
    with pytest.raises(services.ConcurrentUpdateError):
        services.activity_delete(activity=activity, user=user, expected_version=1)
    assert snapshot() == before
