"""Importing a criteria set from JSON: the real 2021–2025 file, idempotence, bad rows."""

import copy
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from criteria.models import CriteriaSet, Criterion, Indicator, Threshold
from criteria.services import criteria_set_import
from tests.communes.factories import ProvinceFactory

DATA_FILE = "criteria/data/criteria_2021_2025.json"


@pytest.fixture
def data():
    with open(DATA_FILE, encoding="utf-8") as file:
        return json.load(file)


def tiny(**indicator_fields):
    indicator = {
        "code": "1.1",
        "name_vi": "Chỉ tiêu",
        "kind": "percent",
        "comparator": "gte",
        "thresholds": {"tdmnpb": 90},
        **indicator_fields,
    }
    return {
        "code": "tiny",
        "set": "Bộ nhỏ",
        "legal_basis": "QĐ thử",
        "valid_from": "2021-01-01",
        "criteria": [
            {"number": 1, "code": "TC01", "name_vi": "Quy hoạch", "indicators": [indicator]}
        ],
    }


def counts():
    return (
        CriteriaSet.objects.count(),
        Criterion.objects.count(),
        Indicator.objects.count(),
        Threshold.objects.count(),
    )


def test_real_file_loads_19_criteria_and_58_indicators(db, data):
    criteria_set = criteria_set_import(data=data)

    assert criteria_set.code == "ntm-xa-2021-2025"
    assert criteria_set.criteria.count() == 19
    assert Indicator.objects.filter(criterion__criteria_set=criteria_set).count() == 58
    assert Threshold.objects.count() == 58 * 7 + 1  # criterion 10 has two tdmnpb years


def test_real_file_keeps_the_verified_flags_and_the_null_thresholds(db, data):
    criteria_set_import(data=data)

    assert Indicator.objects.get(code="7").is_verified is True
    assert Indicator.objects.get(code="1.1").is_verified is False
    assert Criterion.objects.filter(is_name_verified=True).count() == 19
    missing = Threshold.objects.get(indicator__code="2.2", classification_key="tdmnpb")
    assert (missing.value, missing.year, missing.is_verified) == (None, None, False)


def test_booleans_become_one_and_years_become_rows(db, data):
    criteria_set_import(data=data)

    assert Threshold.objects.get(indicator__code="8.1", classification_key="dbsh").value == Decimal(
        1
    )
    income = Threshold.objects.filter(indicator__code="10", classification_key="tdmnpb")
    assert sorted((t.year, t.value) for t in income) == [(2022, Decimal(39)), (2025, Decimal(48))]
    assert Threshold.objects.get(indicator__code="10", classification_key="dbsh").value is None


def test_importing_twice_creates_nothing_new_and_keeps_values(db, data):
    criteria_set_import(data=data)
    before = counts()

    criteria_set_import(data=data)

    assert counts() == before


def test_importing_again_restores_the_files_values(db, data):
    criteria_set_import(data=data)
    Threshold.objects.filter(indicator__code="4.2", classification_key="tdmnpb").update(value=50)

    criteria_set_import(data=data)

    assert Threshold.objects.get(indicator__code="4.2", classification_key="tdmnpb").value == 95


def test_province_import_is_that_provinces_own_copy(db, data):
    province = ProvinceFactory(code="06")

    national = criteria_set_import(data=data)
    own = criteria_set_import(data=data, province=province)

    assert (own.code, own.province) == ("ntm-xa-2021-2025-06", province)
    assert national.pk != own.pk


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"kind": "ratio"}, "criteria[0].indicators[0].kind"),
        ({"comparator": "gt"}, "criteria[0].indicators[0].comparator"),
        ({"thresholds": {"mars": 1}}, "criteria[0].indicators[0].thresholds.mars"),
        ({"thresholds": {"tdmnpb": 140}}, "criteria[0].indicators[0].thresholds.tdmnpb"),
        (
            {"thresholds": {"tdmnpb": {"20x2": 3}}},
            "criteria[0].indicators[0].thresholds.tdmnpb.20x2",
        ),
        ({"thresholds": {"tdmnpb": "abc"}}, "criteria[0].indicators[0].thresholds.tdmnpb"),
        ({"code": ""}, "criteria[0].indicators[0].code"),
    ],
)
def test_a_bad_row_writes_nothing_and_names_its_place(db, change, where):
    with pytest.raises(ValidationError) as raised:
        criteria_set_import(data=tiny(**change))

    assert where in raised.value.message_dict
    assert counts() == (0, 0, 0, 0)


def test_every_bad_row_is_reported_at_once(db, data):
    broken = copy.deepcopy(data)
    broken["criteria"][2]["indicators"][1]["kind"] = "ratio"
    broken["criteria"][16]["indicators"][3]["comparator"] = "between"

    with pytest.raises(ValidationError) as raised:
        criteria_set_import(data=broken)

    assert set(raised.value.message_dict) == {
        "criteria[2].indicators[1].kind",
        "criteria[16].indicators[3].comparator",
    }
    assert "3.2" in raised.value.message_dict["criteria[2].indicators[1].kind"][0]
    assert counts() == (0, 0, 0, 0)


def test_duplicate_indicator_codes_are_rejected(db):
    data = tiny()
    data["criteria"].append({**data["criteria"][0], "number": 2})

    with pytest.raises(ValidationError, match="1.1"):
        criteria_set_import(data=data)
    assert counts() == (0, 0, 0, 0)


def test_missing_set_fields_are_reported(db):
    with pytest.raises(ValidationError) as raised:
        criteria_set_import(data={"criteria": []})

    assert {"code", "set", "legal_basis", "valid_from", "criteria"} <= set(
        raised.value.message_dict
    )


def test_load_criteria_command_loads_the_file(db, capsys):
    call_command("load_criteria", DATA_FILE)

    assert "19 criteria, 58 indicators" in capsys.readouterr().out
    assert CriteriaSet.objects.get().code == "ntm-xa-2021-2025"


def test_load_criteria_command_reports_bad_rows_and_loads_nothing(db, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(tiny(kind="ratio")), encoding="utf-8")

    with pytest.raises(CommandError, match=r"criteria\[0\]\.indicators\[0\]\.kind"):
        call_command("load_criteria", str(path))
    assert counts() == (0, 0, 0, 0)


def test_reloading_the_file_keeps_a_threshold_corrected_in_the_admin(db):
    from criteria.models import EnteredVia

    criteria_set_import(data=tiny())
    Threshold.objects.update(value=Decimal("92"), entered_via=EnteredVia.ADMIN)

    criteria_set_import(data=tiny(thresholds={"tdmnpb": 80}))

    assert Threshold.objects.get().value == Decimal("92")
