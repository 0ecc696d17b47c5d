"""Demo province Bắc Kạn (sample data, labelled as such in the UI). Safe to run twice.

The 8 district-level units and 108 communes with official codes are real
(data/backan_units_2024.csv, MIT notice in data/units_README.md). Levels, difficulty classes,
target years and most villages are plausible sample values built on the facts in the brief:
23 xã at the standard (Quang Thuận and Kim Lư advanced since 2021), 59 difficult or especially
difficult communes. The demo goes through the same import service as any province's own file.

The 2025 reform (data/units_README.md): Bắc Kạn's units are in force to 30/6/2025; from 1/7/2025
the 37 communes and wards of the new Thái Nguyên that succeed them (thainguyen_units_2025.csv,
linked by backan_merger_map_2025.csv) — only those 37, not the whole new province. Their commune
groups are sample values (group 3 where a predecessor was difficult).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

from communes import services
from communes.models import Commune, CommuneGroup, Province, Region
from communes.validity import Validity

DATA_DIR = Path(__file__).resolve().parent / "data"
UNITS_FILE = DATA_DIR / "backan_units_2024.csv"
REFORM_UNITS_FILE = DATA_DIR / "thainguyen_units_2025.csv"
MERGER_MAP_FILE = DATA_DIR / "backan_merger_map_2025.csv"
PROVINCE_CODE = "06"
REFORM_PROVINCE_CODE = "19"
REFORM_DAY = dt.date(2025, 7, 1)
BEFORE_REFORM = Validity(valid_to=REFORM_DAY - dt.timedelta(days=1))

# commune code → year the commune reached the NTM standard (sample values).
STANDARD_SINCE = {
    "01849": 2015,
    "01852": 2014,
    "02014": 2017,
    "01984": 2019,
    "02008": 2016,
    "02005": 2020,
    "01999": 2019,
    "02050": 2016,
    "02053": 2019,
    "02068": 2020,
    "02092": 2017,
    "02101": 2020,
    "02122": 2019,
    "02107": 2021,
    "01906": 2020,
    "01915": 2021,
    "01951": 2021,
    "02143": 2022,
    "02152": 2022,
    "01864": 2023,
    "01975": 2022,
}
ADVANCED_SINCE = {"02017": 2021, "02158": 2021}  # Quang Thuận, Kim Lư: NTM nâng cao
# Rural communes not at the standard yet and not classed as difficult (sample values).
NOT_DIFFICULT = {
    "01990",
    "01993",
    "02011",
    "02089",
    "02098",
    "02104",
    "02110",
    "02113",
    "02116",
    "02125",
    "02131",
    "02095",
    "01981",
}
ESPECIALLY_DIFFICULT_DISTRICTS = {"060", "062"}  # Pác Nặm, Ngân Sơn
VILLAGES = {
    "02023": ["Bản Ó", "Bản He", "Nà Ngần", "Khuổi Khún", "Nà Vài"],  # Xuân Lạc, Chợ Đồn
    "01891": ["Pác Châm", "Nà Lần", "Cốc Muồi", "Khuổi Luông"],  # Bành Trạch, Ba Bể
    "01978": ["1A Nà Loạn", "2 Khau Cưởm", "1B Nà Loạn", "3 Nà Mèo"],  # Sĩ Bình, Bạch Thông
    "01948": ["Bó Mòn", "Nà Kéo", "Khuổi Slày"],  # Trung Hoà, Ngân Sơn
    "02017": ["Thôn Nà Hin", "Thôn Khuổi Chang", "Thôn Bản Đén"],  # Quang Thuận
    "02158": ["Thôn Nà Dì", "Thôn Pàn Xả"],  # Kim Lư
    "01849": ["Thôn Nà Pài", "Thôn Khuổi Cuồng"],  # Dương Quang
}


def load(**kwargs: Any) -> Province:
    """Load (or refresh) Bắc Kạn; returns the province."""
    with UNITS_FILE.open(encoding="utf-8") as file:
        records = [_with_sample_values(row) for row in csv.DictReader(file)]
    services.units_import(
        source=json.dumps(records, ensure_ascii=False),
        fmt="json",
        region=Region.TDMNPB,
        is_sample_data=True,
        validity=BEFORE_REFORM,
    )
    return Province.objects.get(code=PROVINCE_CODE, valid_to=BEFORE_REFORM.valid_to)


def load_reform() -> Province:
    """Load (or refresh) the 37 successors of Bắc Kạn's units in the new Thái Nguyên, from
    1/7/2025, and link them by the merger map; returns the new province. Needs load() first."""
    with MERGER_MAP_FILE.open(encoding="utf-8") as file:
        merger_map = list(csv.DictReader(file))
    groups = _successor_groups(merger_map)
    with REFORM_UNITS_FILE.open(encoding="utf-8") as file:
        records = [
            {**row, "commune_group": groups[row["commune_code"]]}
            for row in csv.DictReader(file)
            if row["commune_code"] in groups
        ]
    services.units_import(
        source=json.dumps(records, ensure_ascii=False),
        fmt="json",
        region=Region.TDMNPB,
        is_sample_data=True,
        validity=Validity(valid_from=REFORM_DAY),
    )
    services.merger_map_import(
        source=MERGER_MAP_FILE.read_text(encoding="utf-8"), effective_on=REFORM_DAY
    )
    return Province.objects.get(code=REFORM_PROVINCE_CODE, valid_from=REFORM_DAY)


def _successor_groups(merger_map: list[dict[str, str]]) -> dict[str, str]:
    """New commune code → its sample group: group 3 if any predecessor was, else group 2."""
    with UNITS_FILE.open(encoding="utf-8") as file:
        old = {
            row["commune_code"]: _difficulty(row["commune_code"], row["district_code"])
            for row in csv.DictReader(file)
        }
    groups: dict[str, str] = {}
    for row in merger_map:
        group = old[row["old_commune_code"]]["commune_group"]
        if groups.get(row["new_commune_code"]) != CommuneGroup.GROUP_3:
            groups[row["new_commune_code"]] = group
    return groups


def _with_sample_values(row: dict[str, str]) -> dict[str, Any]:
    code = row["commune_code"]
    record: dict[str, Any] = {**row, "villages": VILLAGES.get(code, [])}
    if row["commune_kind"] != "Xã":
        return {**record, "difficulty": Commune.Difficulty.NORMAL, "ntm_level": Commune.Level.NONE}
    return {**record, **_level(code), **_difficulty(code, row["district_code"])}


def _level(code: str) -> dict[str, Any]:
    if code in ADVANCED_SINCE:
        return {"ntm_level": Commune.Level.ADVANCED, "ntm_level_year": ADVANCED_SINCE[code]}
    if code in STANDARD_SINCE:
        return {"ntm_level": Commune.Level.STANDARD, "ntm_level_year": STANDARD_SINCE[code]}
    return {"ntm_level": Commune.Level.NONE}


def _difficulty(code: str, district_code: str) -> dict[str, Any]:
    if code in STANDARD_SINCE or code in ADVANCED_SINCE:
        return {"difficulty": Commune.Difficulty.NORMAL, "commune_group": CommuneGroup.GROUP_2}
    if code in NOT_DIFFICULT:
        return {
            "difficulty": Commune.Difficulty.NORMAL,
            "commune_group": CommuneGroup.GROUP_2,
            "target_year": 2025,
        }
    especially = district_code in ESPECIALLY_DIFFICULT_DISTRICTS
    return {
        "difficulty": Commune.Difficulty.ESPECIALLY_DIFFICULT
        if especially
        else Commune.Difficulty.DIFFICULT,
        "commune_group": CommuneGroup.GROUP_3,
        "target_year": 2027 if especially else 2026,
    }
