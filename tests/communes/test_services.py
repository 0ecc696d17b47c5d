"""Importing units: all or nothing, idempotent, CSV and JSON, with or without districts."""

import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from communes import services
from communes.models import Commune, District, Province, Region, Village
from communes.services import UpsertCounts
from tests.communes.factories import CommuneFactory, ProvinceFactory

DATA = Path(__file__).resolve().parents[2] / "communes" / "data"
BACKAN = (DATA / "backan_units_2024.csv").read_text(encoding="utf-8")
THAINGUYEN = (DATA / "thainguyen_units_2025.csv").read_text(encoding="utf-8")
HEADER = (
    "province_code,province_name,district_code,district_name,district_kind,"
    "commune_code,commune_name,commune_kind"
)
KIND_HINT = "(dùng Xã, Phường, Thị trấn hoặc Đặc khu)"

pytestmark = pytest.mark.django_db


def snapshot() -> tuple:
    return (
        list(Province.objects.values_list("code", "name", "region")),
        list(District.objects.values_list("code", "name", "province__code")),
        list(
            Commune.objects.order_by("code").values_list(
                "code", "name", "kind", "district__code", "difficulty"
            )
        ),
        list(Village.objects.values_list("commune__code", "name")),
    )


def test_backan_file_loads_its_8_districts_and_108_communes():
    result = services.units_import(source=BACKAN, fmt="csv", region="tdmnpb")

    assert result.provinces == UpsertCounts(created=1)
    assert result.districts == UpsertCounts(created=8)
    assert result.communes == UpsertCounts(created=108)
    assert Province.objects.get(code="06").region == Region.TDMNPB
    assert {k: Commune.objects.filter(kind=k).count() for k in Commune.Kind.values} == {
        "xa": 95,
        "thi_tran": 7,
        "phuong": 6,
        "dac_khu": 0,
    }
    xuan_lac = Commune.objects.get(code="02023")
    assert (xuan_lac.name, xuan_lac.district.name, xuan_lac.district.kind) == (
        "Xuân Lạc",
        "Chợ Đồn",
        "Huyện",
    )
    assert xuan_lac.region == Region.TDMNPB
    assert xuan_lac.search_name == "xuan lac"


def test_importing_the_same_file_twice_changes_nothing():
    services.units_import(source=BACKAN, fmt="csv", region="tdmnpb")
    before = snapshot()

    result = services.units_import(source=BACKAN, fmt="csv")

    assert result.communes == UpsertCounts(unchanged=108)
    assert result.districts == UpsertCounts(unchanged=8)
    assert snapshot() == before


def test_one_bad_row_writes_nothing_and_names_row_and_column():
    existing = CommuneFactory(code="02023", name="Xuân Lạc cũ")
    before = snapshot()
    lines = BACKAN.splitlines()
    lines[6] = lines[6].replace(",Xã", ",Xa")  # spreadsheet row 7

    with pytest.raises(ValidationError) as exc_info:
        services.units_import(source="\n".join(lines), fmt="csv", region="tdmnpb")

    assert exc_info.value.message_dict["file"] == [
        f"Dòng 7, cột commune_kind: loại đơn vị 'Xa' không hợp lệ {KIND_HINT}"
    ]
    assert snapshot() == before
    existing.refresh_from_db()
    assert existing.name == "Xuân Lạc cũ"


def test_a_new_province_without_a_region_is_an_error_and_writes_nothing():
    with pytest.raises(ValidationError) as exc_info:
        services.units_import(source=THAINGUYEN, fmt="csv")

    assert exc_info.value.message_dict["file"] == [
        "Dòng 2, cột region: chưa rõ vùng của tỉnh 19: thêm cột region hoặc dùng tuỳ chọn --region"
    ]
    assert not Province.objects.exists()


def test_file_without_districts_loads_two_level_units():
    result = services.units_import(
        source=THAINGUYEN, fmt="csv", region="Trung du và miền núi phía Bắc"
    )

    assert result.communes == UpsertCounts(created=92)
    assert result.districts == UpsertCounts()
    assert not District.objects.exists()
    assert Commune.objects.filter(province__code="19", district__isnull=True).count() == 92
    assert Commune.objects.filter(kind=Commune.Kind.PHUONG).count() == 15


def test_existing_province_keeps_its_region_when_none_is_given():
    ProvinceFactory(code="19", name="Thái Nguyên", region=Region.TDMNPB)

    services.units_import(source=THAINGUYEN, fmt="csv")

    assert set(Commune.objects.values_list("region", flat=True)) == {Region.TDMNPB}


def test_json_with_classification_and_villages():
    units = [
        {
            "province_code": "06",
            "province_name": "Bắc Kạn",
            "district_code": "064",
            "district_name": "Chợ Đồn",
            "district_kind": "Huyện",
            "commune_code": "02023",
            "commune_name": "Xuân Lạc",
            "commune_kind": "Xã",
            "region": "tdmnpb",
            "commune_group": "group_3",
            "difficulty": "Khó khăn",
            "ntm_level": "none",
            "target_year": 2025,
            "villages": ["Bản Ó", "Bản He"],
        }
    ]

    result = services.units_import(source=json.dumps(units, ensure_ascii=False), fmt="json")

    commune = Commune.objects.get(code="02023")
    assert result.villages_created == 2
    assert (commune.difficulty, commune.commune_group, commune.target_year) == (
        "difficult",
        "group_3",
        2025,
    )
    assert sorted(commune.villages.values_list("name", flat=True)) == ["Bản He", "Bản Ó"]


def test_reimport_without_optional_columns_keeps_classification_and_villages():
    commune = CommuneFactory(
        code="02023",
        name="Xuân Lạc",
        difficulty=Commune.Difficulty.DIFFICULT,
        ntm_level=Commune.Level.STANDARD,
        ntm_level_year=2020,
        target_year=2019,
    )
    Village.objects.create(commune=commune, name="Bản Ó")

    services.units_import(
        source=f"{HEADER}\n06,Bắc Kạn,064,Chợ Đồn,Huyện,02023,Xuân Lạc,Xã\n", fmt="csv"
    )

    commune.refresh_from_db()
    assert (commune.difficulty, commune.ntm_level, commune.ntm_level_year, commune.target_year) == (
        Commune.Difficulty.DIFFICULT,
        Commune.Level.STANDARD,
        2020,
        2019,
    )
    assert list(commune.villages.values_list("name", flat=True)) == ["Bản Ó"]
    assert commune.district.code == "064"


def test_renamed_commune_is_updated_in_place_with_its_search_key():
    commune = CommuneFactory(code="01948", name="Trung Hòa")

    result = services.units_import(
        source=f"{HEADER}\n06,Bắc Kạn,062,Ngân Sơn,Huyện,01948,Trung  Hoà,Xã\n", fmt="csv"
    )

    commune.refresh_from_db()
    assert result.communes == UpsertCounts(updated=1)
    assert (commune.name, commune.search_name) == ("Trung Hoà", "trung hoa")
