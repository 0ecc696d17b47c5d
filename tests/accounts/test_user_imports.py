"""Bulk onboarding: the check (nothing written), the apply (all or nothing, invitations after
commit, temporary passwords shown once), the pages, the command and hostile files."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import AccountEvent
from accounts.services.imports import UserImportInvalid, user_import_apply, user_import_check
from accounts.user_rows import read_user_file
from ntm_portal.models import User
from tests.accounts.factories import account_state, csv_bytes, invitation_link, xlsx_bytes
from tests.factories import UserFactory

IMPORT_URL = "/accounts/users/import/"
APPLY_URL = "/accounts/users/import/apply/"


@pytest.fixture
def good_rows(agency_a, commune_a):
    return [
        ("Nguyễn Văn An", "an@sct.example.gov.vn", "0209 111", "Cán bộ cơ quan giúp đỡ", "SCT"),
        ("Trần Thị Bình", "binh@example.gov.vn", "", "agency_staff", str(agency_a.pk)),
        ("Lò Thị Hoa", "", "", "Cán bộ xã", "", commune_a.code, "hoa.xuanlac"),
        ("Hà Văn Công", "cong@example.gov.vn", "", "Lãnh đạo (chỉ xem)"),
    ]


def records(rows: list[tuple]) -> list:
    return read_user_file(csv_bytes([_padded(row) for row in rows]), name="ds.csv")


def _padded(row: tuple) -> tuple:
    return row + ("",) * (7 - len(row))


def upload(rows: list[tuple], name: str = "ds.csv") -> SimpleUploadedFile:
    content = csv_bytes([_padded(row) for row in rows])
    return SimpleUploadedFile(name, content, content_type="text/csv")


def errors_of(plan) -> dict[int, dict[str, list[str]]]:
    return {row.row: row.errors for row in plan.rows if row.errors}


# The check ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_check_writes_nothing(coordination_office, good_rows):
    state = account_state()

    plan = user_import_check(actor=coordination_office, records=records(good_rows))

    assert plan.is_valid
    assert [row.is_invited for row in plan.rows] == [True, True, False, True]
    assert account_state() == state


@pytest.mark.django_db
def test_every_problem_is_reported_by_row_and_column(coordination_office, agency_b):
    UserFactory(username="taken", email="taken@example.gov.vn")
    rows = [
        ("An", "an@example.gov.vn", "", "Cán bộ cơ quan giúp đỡ", "KHONG-CO"),  # 2
        ("Bình", "", "", "Cán bộ xã", "", "99999"),  # 3
        ("", "x@example.gov.vn", "", "thủ trưởng"),  # 4
        ("Dũng", "an@example.gov.vn", "", "leader"),  # 5: same e-mail as row 2
        ("Em", "TAKEN@example.gov.vn", "", "leader"),  # 6
        ("Giang", "not-an-email", "", "leader"),  # 7
        ("Hà", "ha@example.gov.vn", "", "agency_staff", "", "", "có dấu cách"),  # 8
        ("Khánh", "", "", "leader"),  # 9: no e-mail, no username
    ]

    plan = user_import_check(actor=coordination_office, records=records(rows))

    assert not plan.is_valid
    assert errors_of(plan) == {
        2: {"agency": ["không có cơ quan “KHONG-CO”"]},
        3: {
            "email": ["cần e-mail để gửi thư mời, hoặc tên đăng nhập để đặt mật khẩu tạm"],
            "commune": ["không có xã mã “99999”"],
        },
        4: {"name": ["không được để trống"], "role": ["vai trò “thủ trưởng” không có"]},
        5: {"email": ["“an@example.gov.vn” trùng với dòng 2"]},
        6: {"email": ["địa chỉ “TAKEN@example.gov.vn” đã thuộc một tài khoản khác"]},
        7: {"email": ["địa chỉ “not-an-email” không hợp lệ"]},
        8: {
            "username": ["tên đăng nhập “có dấu cách” chỉ được gồm chữ, số và @ . + - _"],
            "agency": ["cán bộ cơ quan giúp đỡ cần mã cơ quan"],
        },
        9: {"email": ["cần e-mail để gửi thư mời, hoặc tên đăng nhập để đặt mật khẩu tạm"]},
    }
    assert plan.error_lines()[0] == "Dòng 2, cột mã cơ quan: không có cơ quan “KHONG-CO”"


@pytest.mark.django_db
def test_an_agency_short_name_shared_by_two_agencies_asks_for_the_number(coordination_office):
    from tests.sponsorships.factories import AgencyFactory

    AgencyFactory(name="Sở Tư pháp", short_name="STP")
    AgencyFactory(name="Sở Thông tin", short_name="stp")

    plan = user_import_check(
        actor=coordination_office,
        records=records([("An", "an@example.gov.vn", "", "agency_staff", "STP")]),
    )

    assert "hãy dùng số của cơ quan" in plan.rows[0].errors["agency"][0]


# Apply ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_applying_creates_every_account_invites_after_commit_and_returns_the_passwords(
    coordination_office, good_rows, agency_a, commune_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = user_import_apply(actor=coordination_office, records=records(good_rows))
    assert mail.outbox == []
    for callback in callbacks:
        callback()

    assert len(result.created) == 4
    an = User.objects.get(username="an@sct.example.gov.vn")
    assert (an.first_name, an.last_name, an.agency, an.phone) == (
        "Nguyễn Văn",
        "An",
        agency_a,
        "0209 111",
    )
    assert User.objects.get(username="binh@example.gov.vn").agency == agency_a
    hoa = User.objects.get(username="hoa.xuanlac")
    assert (hoa.role, hoa.commune, hoa.must_change_password) == ("commune_officer", commune_a, True)
    assert User.objects.get(username="cong@example.gov.vn").role == User.Role.LEADER
    [(account, password)] = result.temporary_passwords
    assert account == hoa
    assert hoa.check_password(password)
    assert result.invited == 3
    assert sorted(m.to[0] for m in mail.outbox) == [
        "an@sct.example.gov.vn",
        "binh@example.gov.vn",
        "cong@example.gov.vn",
    ]
    assert AccountEvent.objects.filter(action="created", actor=coordination_office).count() == 4


@pytest.mark.django_db
def test_one_bad_row_and_nothing_is_written(
    coordination_office, good_rows, django_capture_on_commit_callbacks
):
    state = account_state()
    rows = [*good_rows, ("Sai", "sai@example.gov.vn", "", "không có vai trò này")]

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(UserImportInvalid) as caught,
    ):
        user_import_apply(actor=coordination_office, records=records(rows))

    assert account_state() == state
    assert caught.value.plan.rows_with_errors == 1


@pytest.mark.django_db
def test_a_name_that_looks_like_a_formula_is_stored_as_text(coordination_office):
    formula = '=HYPERLINK("http://evil.example","Bấm vào")'

    result = user_import_apply(
        actor=coordination_office, records=records([(formula, "x@example.gov.vn", "", "leader")])
    )

    assert User.objects.get(pk=result.created[0].pk).get_full_name() == formula


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["leader", "agency_staff", "commune_officer"])
def test_only_the_office_imports(request, persona, good_rows):
    from django.core.exceptions import PermissionDenied

    actor = request.getfixturevalue(persona)
    state = account_state()

    for service in (user_import_check, user_import_apply):
        with pytest.raises(PermissionDenied):
            service(actor=actor, records=records(good_rows))

    assert account_state() == state


# The pages ------------------------------------------------------------------------------------


@pytest.fixture
def office_client(client, coordination_office):
    client.force_login(coordination_office)
    return client


@pytest.mark.django_db
def test_uploading_shows_every_row_checked_and_writes_nothing(office_client, good_rows):
    state = account_state()

    response = office_client.post(IMPORT_URL, {"file": upload(good_rows)})

    page = response.content.decode()
    assert response.status_code == 200
    assert "4 dòng, tất cả hợp lệ" in page
    assert "Hợp lệ · cấp mật khẩu tạm" in page
    assert "Áp dụng" in page
    assert account_state() == state


@pytest.mark.django_db
def test_a_file_with_errors_shows_them_and_offers_no_apply(office_client):
    rows = [("An", "an@example.gov.vn", "", "leader"), ("<b>Bình</b>", "", "", "vua")]

    response = office_client.post(IMPORT_URL, {"file": upload(rows)})

    page = response.content.decode()
    assert "1 dòng có lỗi (trên tổng số 2 dòng)" in page
    assert "Cột vai trò: vai trò “vua” không có" in page
    assert "&lt;b&gt;Bình&lt;/b&gt;" in page
    assert APPLY_URL not in page
    assert "accounts_user_import" not in office_client.session


@pytest.mark.django_db
def test_apply_creates_and_shows_the_temporary_passwords_once(
    office_client, good_rows, django_capture_on_commit_callbacks
):
    office_client.post(IMPORT_URL, {"file": upload(good_rows)})
    import_id = office_client.session["accounts_user_import"]["id"]

    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.post(APPLY_URL, {"import_id": import_id})
    again = office_client.post(APPLY_URL, {"import_id": import_id})

    page = response.content.decode()
    assert "Đã thêm 4 người dùng" in page
    assert "Mật khẩu tạm: chỉ hiện một lần" in page
    assert "no-store" in response["Cache-Control"]
    assert User.objects.get(username="hoa.xuanlac").must_change_password
    assert len(mail.outbox) == 3
    path, _uid, _token = invitation_link(mail.outbox[0])
    assert office_client.get(path).status_code == 200
    assert again.status_code == 302
    assert User.objects.filter(username="hoa.xuanlac").count() == 1


@pytest.mark.django_db
def test_apply_needs_the_check_it_answers(office_client, good_rows):
    office_client.post(IMPORT_URL, {"file": upload(good_rows)})
    state = account_state()

    response = office_client.post(APPLY_URL, {"import_id": "another-tab"})

    assert response.status_code == 302
    assert account_state() == state


@pytest.mark.django_db
def test_apply_checks_again_and_writes_nothing_if_the_database_moved(office_client, good_rows):
    office_client.post(IMPORT_URL, {"file": upload(good_rows)})
    import_id = office_client.session["accounts_user_import"]["id"]
    UserFactory(username="hoa.xuanlac")  # created meanwhile, by someone else
    state = account_state()

    response = office_client.post(APPLY_URL, {"import_id": import_id})

    page = response.content.decode()
    assert "Dữ liệu đã thay đổi từ lúc kiểm tra" in page
    assert "tên đăng nhập “hoa.xuanlac” đã có người dùng" in page
    assert account_state() == state


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("file", "message"),
    [
        (SimpleUploadedFile("ds.csv", b"x" * (10 * 1024 * 1024)), "Tệp lớn quá 2 MB"),
        (SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n\x00"), "Chỉ nhận tệp CSV (UTF-8)"),
        (
            SimpleUploadedFile(
                "ds.csv", "ho ten,e-mail,vai tro\nĐô Văn,a@b.vn,leader\n".encode("cp1258")
            ),
            "không ở mã UTF-8",
        ),
        (SimpleUploadedFile("ds.xlsx", b"PK\x03\x04 broken"), "Chỉ nhận tệp CSV (UTF-8)"),
    ],
)
def test_a_hostile_or_wrong_file_gets_a_clear_message(office_client, file, message):
    state = account_state()

    response = office_client.post(IMPORT_URL, {"file": file})

    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors["file"])
    assert account_state() == state


@pytest.mark.django_db
def test_an_excel_list_is_accepted(office_client, good_rows):
    content = xlsx_bytes([_padded(row) for row in good_rows])

    response = office_client.post(IMPORT_URL, {"file": SimpleUploadedFile("ds.xlsx", content)})

    assert "4 dòng, tất cả hợp lệ" in response.content.decode()


@pytest.mark.django_db
def test_the_template_file_downloads_with_its_header_and_an_example(office_client):
    response = office_client.get("/accounts/users/import/template.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "họ tên,e-mail,điện thoại,vai trò,mã cơ quan,mã xã,tên đăng nhập"
    assert lines[1].startswith("Nguyễn Văn An,")


# The command ----------------------------------------------------------------------------------


@pytest.fixture
def list_file(tmp_path, good_rows):
    path = tmp_path / "ds.csv"
    path.write_bytes(csv_bytes([_padded(row) for row in good_rows]))
    return path


@pytest.mark.django_db
def test_the_command_checks_by_default_and_writes_nothing(coordination_office, list_file):
    state = account_state()
    out = io.StringIO()

    call_command("import_users", str(list_file), "--actor", "office", stdout=out)

    assert "4 dòng hợp lệ; chưa ghi gì" in out.getvalue()
    assert account_state() == state


@pytest.mark.django_db
def test_the_command_applies_and_prints_the_temporary_passwords_once(
    coordination_office, list_file
):
    out = io.StringIO()

    call_command("import_users", str(list_file), "--apply", "--actor", "office", stdout=out)

    assert "Đã tạo 4 tài khoản; 3 thư mời được gửi." in out.getvalue()
    username, password = out.getvalue().strip().splitlines()[-1].split("\t")
    assert username == "hoa.xuanlac"
    assert User.objects.get(username=username).check_password(password)


@pytest.mark.django_db
def test_the_command_lists_the_errors_and_writes_nothing(coordination_office, tmp_path):
    path = tmp_path / "ds.csv"
    path.write_bytes(csv_bytes([_padded(("An", "", "", "leader"))]))
    state = account_state()

    with pytest.raises(CommandError) as caught:
        call_command("import_users", str(path), "--apply", "--actor", "office")

    assert "Dòng 2, cột e-mail: cần e-mail" in str(caught.value)
    assert account_state() == state


@pytest.mark.django_db
def test_the_command_refuses_an_actor_who_is_not_the_office(leader, list_file):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        call_command("import_users", str(list_file), "--actor", "leader")


def test_the_import_pages_are_at_their_documented_addresses():
    assert reverse("accounts:user_import") == IMPORT_URL
    assert reverse("accounts:user_import_apply") == APPLY_URL


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 50])
def test_the_check_runs_the_same_queries_for_one_or_many_rows(
    coordination_office, agency_a, commune_a, count, django_assert_max_num_queries
):
    rows = [
        (f"Người {n}", f"n{n}@example.gov.vn", "", "agency_staff", "SCT")
        if n % 2
        else (f"Người {n}", "", "", "commune_officer", "", commune_a.code, f"xa{n}")
        for n in range(count)
    ]

    # agencies, communes, usernames taken, e-mails taken
    with django_assert_max_num_queries(4):
        plan = user_import_check(actor=coordination_office, records=records(rows))

    assert plan.is_valid


@pytest.mark.django_db
def test_a_file_holds_a_bounded_number_of_temporary_passwords(coordination_office, monkeypatch):
    """Each is hashed slowly on purpose: a file with too many would outlast the request."""
    monkeypatch.setattr("accounts.services.imports.MAX_TEMPORARY_PASSWORDS", 2)
    rows = [(f"Người {n}", "", "", "leader", "", "", f"khong.email.{n}") for n in range(3)]

    plan = user_import_check(actor=coordination_office, records=records(rows))

    assert errors_of(plan).keys() == {4}
    assert "chỉ được có 2 người không có e-mail" in errors_of(plan)[4]["email"][0]


@pytest.mark.django_db
def test_a_row_the_service_refuses_at_apply_undoes_the_rows_before_it(
    coordination_office, good_rows, monkeypatch, django_capture_on_commit_callbacks
):
    from accounts.services import imports

    real_create = imports.user_create

    def refuse_the_third(**fields):
        if fields["username"] == "hoa.xuanlac":
            raise ValidationError({"username": ["bị từ chối"]})
        return real_create(**fields)

    monkeypatch.setattr(imports, "user_create", refuse_the_third)
    state = account_state()

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(UserImportInvalid) as caught,
    ):
        user_import_apply(actor=coordination_office, records=records(good_rows))

    assert errors_of(caught.value.plan) == {4: {"username": ["bị từ chối"]}}
    assert account_state() == state
    assert callbacks == []


@pytest.mark.django_db
def test_a_new_upload_replaces_the_list_waiting_to_be_applied(office_client, good_rows):
    office_client.post(IMPORT_URL, {"file": upload(good_rows)})
    first_id = office_client.session["accounts_user_import"]["id"]

    office_client.post(IMPORT_URL, {"file": upload([("Sai", "", "", "vua")])})
    response = office_client.post(APPLY_URL, {"import_id": first_id})

    assert response.status_code == 302
    assert not User.objects.filter(username="hoa.xuanlac").exists()
