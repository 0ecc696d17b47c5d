"""Which set applies to a period (boundaries of 2025/2026), the shipped 2026–2030 skeleton, and
the set pages for an ended set and a set whose criteria have no indicators yet."""

import datetime as dt
import importlib
import json

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from criteria.models import CriteriaSet, Criterion
from criteria.selectors import criteria_set_current, criteria_set_for_period
from criteria.services import assessment_create
from tests.communes.factories import ProvinceFactory
from tests.criteria.factories import ALL_MET, CriteriaSetFactory, small_criteria_set

END_2021 = importlib.import_module("criteria.migrations.0010_end_2021_2025_set")


@pytest.fixture
def set_2021(db):
    return small_criteria_set(
        code="ntm-xa-2021-2025", valid_from=dt.date(2021, 1, 1), valid_to=dt.date(2025, 12, 31)
    )


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2025, 12, 31), "ntm-xa-2021-2025"),
        (dt.date(2026, 1, 1), None),
        (dt.date(2026, 2, 14), None),
        (dt.date(2026, 2, 15), "ntm-xa-2026-2030"),
    ],
)
def test_set_in_force_on_the_boundaries(set_2021, shipped_2026_2030, day, expected):
    found = criteria_set_current(on=day)
    assert (found.code if found else None) == expected


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        (dt.date(2025, 12, 1), "ntm-xa-2021-2025"),  # in force on 31/12/2025
        (dt.date(2026, 1, 1), None),  # neither set is in force on 31/01/2026
        (dt.date(2026, 2, 1), "ntm-xa-2026-2030"),  # in force on 28/02/2026
    ],
)
def test_a_period_is_judged_by_the_set_in_force_on_its_last_day(
    set_2021, shipped_2026_2030, period, expected
):
    found = criteria_set_for_period(period=period)
    assert (found.code if found else None) == expected


def test_a_province_set_wins_over_the_national_one(set_2021, shipped_2026_2030):
    province = ProvinceFactory()
    own = CriteriaSetFactory(province=province, valid_from=dt.date(2026, 2, 15))

    assert criteria_set_for_period(period=dt.date(2026, 3, 1), province=province) == own
    other = ProvinceFactory(code="19", name="Thái Nguyên")
    assert criteria_set_for_period(period=dt.date(2026, 3, 1), province=other) == shipped_2026_2030


def test_assessments_take_the_set_of_their_period_and_a_gap_is_refused(
    set_2021, shipped_2026_2030, commune_a, coordination_office
):
    december = assessment_create(
        commune=commune_a,
        period=dt.date(2025, 12, 1),
        stage="appraised",
        values=ALL_MET,
        entered_by=coordination_office,
    )
    assert december.criteria_set == set_2021
    assert (december.criteria_met, december.criteria_total) == (3, 3)

    with pytest.raises(ValidationError) as error:
        assessment_create(
            commune=commune_a,
            period=dt.date(2026, 1, 1),
            stage="appraised",
            values=ALL_MET,
            entered_by=coordination_office,
        )
    assert error.value.message_dict["period"] == [
        "Không có bộ tiêu chí nào có hiệu lực trong kỳ 01/2026."
    ]


def test_the_skeleton_without_indicators_refuses_values_cleanly(
    shipped_2026_2030, commune_a, coordination_office
):
    with pytest.raises(ValidationError) as error:
        assessment_create(
            commune=commune_a,
            period=dt.date(2026, 11, 1),
            stage="appraised",
            values={"1.1": 1},
            entered_by=coordination_office,
        )
    assert "values.1.1" in error.value.message_dict


def test_shipped_skeleton_has_ten_verified_criteria_and_the_decision(shipped_2026_2030):
    s = shipped_2026_2030
    assert (s.decision_number, s.decision_date, s.issuer) == (
        "51/2025/QĐ-TTg",
        dt.date(2025, 12, 29),
        "Thủ tướng Chính phủ",
    )
    assert (s.valid_from, s.valid_to, s.classification_scheme) == (
        dt.date(2026, 2, 15),
        None,
        "commune_group",
    )
    criteria = list(s.criteria.order_by("number"))
    assert [c.number for c in criteria] == list(range(1, 11))
    assert criteria[6].name_vi == "Khoa học công nghệ và chuyển đổi số"
    assert all(c.is_name_verified for c in criteria)
    assert not Criterion.objects.filter(criteria_set=s, indicators__isnull=False).exists()


def test_load_criteria_loads_the_same_skeleton_and_creates_nothing_twice(shipped_2026_2030):
    call_command("load_criteria", "criteria/data/criteria_2026_2030.json", stdout=None)
    call_command("load_criteria", "criteria/data/criteria_2026_2030.json", stdout=None)

    assert CriteriaSet.objects.filter(code="ntm-xa-2026-2030").count() == 1
    assert shipped_2026_2030.criteria.count() == 10


def test_the_2021_2025_file_and_migration_end_the_set_on_31_12_2025(db):
    with open("criteria/data/criteria_2021_2025.json", encoding="utf-8") as file:
        assert json.load(file)["valid_to"] == "2025-12-31"
    shipped = CriteriaSetFactory(code="ntm-xa-2021-2025", decision_number="")
    END_2021.end_set(apps, None)
    shipped.refresh_from_db()
    assert (shipped.valid_to, shipped.decision_number) == (dt.date(2025, 12, 31), "318/QĐ-TTg")
    END_2021.reopen_set(apps, None)
    shipped.refresh_from_db()
    assert shipped.valid_to is None


def test_set_pages_show_the_ended_period_and_no_data_for_a_skeleton(
    as_role, set_2021, shipped_2026_2030, django_assert_max_num_queries
):
    client, _user = as_role("leader")

    listing = client.get(reverse("criteria:criteria_set_list")).content.decode()
    with django_assert_max_num_queries(12):
        response = client.get(reverse("criteria:criteria_set_detail", args=[shipped_2026_2030.pk]))
    detail = response.content.decode()

    assert "01/01/2021 – 31/12/2025" in listing
    assert "hết hiệu lực" in listing
    assert "15/02/2026 – nay" in listing
    assert detail.count("Chưa có dữ liệu") == 10
    assert 'class="tag"' not in detail  # no "chưa kiểm chứng" badge per threshold
    assert "51/2025/QĐ-TTg ngày 29/12/2025" in detail
    assert "Tải bảng tính" not in detail  # the leader may not load sets


def test_commune_page_with_the_skeleton_in_force(as_role, shipped_2026_2030, commune_a):
    client, _user = as_role("leader")

    response = client.get(reverse("communes:commune_detail", args=[commune_a.pk]))

    assert response.status_code == 200
    assert "Chưa có dữ liệu" in response.content.decode()
    assert "Khoa học công nghệ và chuyển đổi số" in response.content.decode()


def test_entry_form_with_the_skeleton_in_force_opens(as_role, shipped_2026_2030, commune_a):
    client, _user = as_role("coordination_office")

    response = client.get(reverse("criteria:assessment_create", args=[commune_a.pk]))

    assert response.status_code == 200
    assert response.content.decode().count("Chưa có dữ liệu") == 10
