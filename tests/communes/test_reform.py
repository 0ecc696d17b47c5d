"""The 2025 reform: dated units coexist with the old ones, the merger map links them and refuses
bad input (unknown code, a loop) writing nothing, and lists show a chosen date's structure."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse

from communes import services
from communes.models import Commune, CommuneSuccession, District, Province
from communes.validity import Validity
from tests.communes.factories import CommuneFactory, ProvinceFactory

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[2] / "communes" / "data"
REFORM = dt.date(2025, 7, 1)
MAP_HEADER = "old_commune_code,old_commune_name,new_commune_code,new_commune_name\n"


def import_both(merger_map: bool = True) -> None:
    call_command("import_units", str(DATA / "backan_units_2024.csv"), "--region", "tdmnpb")
    options = ["--merger-map", str(DATA / "backan_merger_map_2025.csv")] if merger_map else []
    call_command(
        "import_units",
        str(DATA / "thainguyen_units_2025.csv"),
        "--region",
        "tdmnpb",
        "--valid-from",
        "2025-07-01",
        *options,
    )


def test_old_and_new_units_coexist_after_importing_both_files():
    import_both()

    duc_xuan = Commune.objects.filter(code="01840").order_by(F("valid_to").asc(nulls_last=True))
    assert [(c.province.code, c.valid_from, c.valid_to) for c in duc_xuan] == [
        ("06", None, dt.date(2025, 6, 30)),
        ("19", REFORM, None),
    ]
    assert Commune.objects.on(dt.date(2025, 6, 30)).filter(province__code="06").count() == 108
    assert Commune.objects.on(REFORM).filter(province__code="19").count() == 92
    assert not Commune.objects.on(REFORM).filter(province__code="06").exists()
    # Nguyễn Thị Minh Khai's code is not reused: the merger map closes it.
    assert Commune.objects.get(code="01834").valid_to == dt.date(2025, 6, 30)


def test_the_merger_map_links_108_old_units_to_37_new_ones():
    import_both()

    assert CommuneSuccession.objects.count() == 108
    successors = Commune.objects.filter(successions_in__isnull=False).distinct()
    assert successors.count() == 37
    assert {c.province.code for c in successors} == {"19"}
    new_duc_xuan = Commune.objects.get(code="01840", valid_from=REFORM)
    assert set(new_duc_xuan.predecessors.values_list("code", "name")) == {
        ("01834", "Nguyễn Thị Minh Khai"),
        ("01840", "Đức Xuân"),
        ("01846", "Huyền Tụng"),
    }


def test_importing_again_changes_nothing():
    import_both()
    before = (Commune.objects.count(), CommuneSuccession.objects.count())

    import_both()

    assert (Commune.objects.count(), CommuneSuccession.objects.count()) == before


def test_a_new_file_with_the_old_file_dated_does_not_move_codes():
    call_command(
        "import_units",
        str(DATA / "backan_units_2024.csv"),
        "--region",
        "tdmnpb",
        "--valid-to",
        "2025-06-30",
    )
    import_both(merger_map=False)

    assert District.objects.filter(province__code="06", valid_to=dt.date(2025, 6, 30)).count() == 8
    assert Province.objects.get(code="06").valid_to == dt.date(2025, 6, 30)
    assert Commune.objects.filter(code="01840").count() == 2


def test_an_undated_file_overlapping_a_dated_unit_writes_nothing():
    ProvinceFactory(code="19", name="Thái Nguyên")
    CommuneFactory(code="01840", valid_from=REFORM, district=None, province__code="19")
    source = (
        "province_code,province_name,commune_code,commune_name,commune_kind\n"
        "06,Bắc Kạn,01840,Đức Xuân,Phường\n"
    )

    with pytest.raises(ValidationError, match="Mã 01840: thời gian hiệu lực trùng"):
        services.units_import(source=source, region="tdmnpb")

    assert Commune.objects.count() == 1
    assert not Province.objects.filter(code="06").exists()


def test_the_database_refuses_two_units_in_force_with_one_code():
    CommuneFactory(code="01840")
    with pytest.raises(IntegrityError), transaction.atomic():
        CommuneFactory(code="01840", valid_from=REFORM)


def merger_import(text: str) -> None:
    services.merger_map_import(source=MAP_HEADER + text, effective_on=REFORM)


def test_a_map_naming_an_unknown_code_writes_nothing_and_names_row_and_column():
    old = CommuneFactory(code="01834")
    CommuneFactory(code="01840", valid_from=REFORM, valid_to=None, district=None)
    with pytest.raises(ValidationError) as refused:
        merger_import("01834,A,01840,B\n09999,C,01840,B\n")

    assert "Dòng 3, cột old_commune_code: không có xã mã '09999' còn hiệu lực ngày 30/06/2025" in (
        str(refused.value)
    )
    assert not CommuneSuccession.objects.exists()
    old.refresh_from_db()
    assert old.valid_to is None


def test_a_map_making_a_loop_writes_nothing_and_names_row_and_column():
    # Undated units are in force on both sides of the day, so A → B and B → A is a loop.
    CommuneFactory(code="01834")
    CommuneFactory(code="01840")

    with pytest.raises(ValidationError) as refused:
        merger_import("01834,A,01840,B\n01840,B,01834,A\n")

    assert "Dòng 3, cột new_commune_code: sáp nhập này tạo thành vòng lặp" in str(refused.value)
    assert "01840 → 01834 → 01840" in str(refused.value)
    assert not CommuneSuccession.objects.exists()
    assert not Commune.objects.filter(valid_to__isnull=False).exists()


def test_a_map_with_a_missing_column_is_refused():
    with pytest.raises(ValidationError, match="Thiếu cột bắt buộc"):
        services.merger_map_import(source="old_commune_code\n01834\n", effective_on=REFORM)


def test_the_command_refuses_a_bad_map_and_writes_nothing_at_all(tmp_path):
    bad = tmp_path / "map.csv"
    bad.write_text(MAP_HEADER + "01834,A,99999,B\n", encoding="utf-8")

    with pytest.raises(CommandError) as refused:
        call_command(
            "import_units",
            str(DATA / "thainguyen_units_2025.csv"),
            "--region",
            "tdmnpb",
            "--valid-from",
            "2025-07-01",
            "--merger-map",
            str(bad),
        )

    assert "chưa ghi gì" in str(refused.value)
    assert "Dòng 2, cột old_commune_code" in str(refused.value)
    assert "Dòng 2, cột new_commune_code" in str(refused.value)
    assert not Commune.objects.exists()


def test_the_merger_map_needs_a_date():
    with pytest.raises(CommandError, match="--valid-from"):
        call_command(
            "import_units",
            str(DATA / "thainguyen_units_2025.csv"),
            "--merger-map",
            str(DATA / "backan_merger_map_2025.csv"),
        )


def test_a_period_ending_before_it_starts_is_refused():
    with pytest.raises(ValidationError, match="sau ngày bắt đầu"):
        services.units_import(
            source=(DATA / "thainguyen_units_2025.csv").read_text(encoding="utf-8"),
            region="tdmnpb",
            validity=Validity(REFORM, dt.date(2025, 1, 1)),
        )


@pytest.fixture
def reformed():
    import_both()


COMMUNES_API = "/api/v1/communes/"


def test_the_list_and_api_show_units_in_force_today_unless_asked_for_a_date(
    reformed, as_role, api_as
):
    client, _user = as_role("leader")
    api, _user = api_as("leader")

    today = client.get(reverse("communes:commune_list"), {"q": "01840"}).context["paginator"]
    before = client.get(reverse("communes:commune_list"), {"q": "01840", "on": "2025-06-30"})
    api_before = api.get(COMMUNES_API, {"q": "01840", "on": "2025-06-30"}).json()

    assert today.count == 1
    assert today.object_list[0].province.code == "19"
    assert [c.province.code for c in before.context["communes"]] == ["06"]
    assert [row["province"] for row in api_before["results"]] == ["06"]
    assert api.get(COMMUNES_API, {"on": "2025-13-01"}).status_code == 400


def test_a_district_of_before_the_reform_lists_its_communes(reformed, as_role):
    cho_don = District.objects.get(code="064")
    client, _user = as_role("leader")

    response = client.get(reverse("communes:commune_list"), {"district": cho_don.pk})

    assert response.context["paginator"].count == 20
    assert {c.province.code for c in response.context["communes"]} == {"06"}


def test_districts_exist_only_before_the_reform(reformed, api_as):
    api, _user = api_as("leader")
    url = reverse("communes-api:district-list")

    assert api.get(url).json()["count"] == 0
    assert api.get(url, {"on": "2025-06-30"}).json()["count"] == 8


def test_an_old_unit_is_still_found_by_id(reformed, api_as, as_role):
    old = Commune.objects.get(code="01834")
    api, _user = api_as("leader")
    client, _user = as_role("leader")

    assert api.get(f"{COMMUNES_API}{old.pk}/").status_code == 200
    page = client.get(reverse("communes:commune_detail", args=[old.pk])).content.decode()
    assert "chỉ còn hiệu lực đến hết ngày 30/06/2025" in page
    assert "Sáp nhập vào:" in page
    assert "Phường Đức Xuân" in page
