"""CommuneFilterSet: search (accent-insensitive), filters, range, ordering, invalid input."""

import pytest

from communes.filters import CommuneFilterSet
from communes.models import Commune
from tests.communes.factories import CommuneFactory, DistrictFactory

pytestmark = pytest.mark.django_db


def names(params: dict) -> list[str]:
    filterset = CommuneFilterSet(params, queryset=Commune.objects.all())
    assert filterset.is_valid(), filterset.errors
    return [c.name for c in filterset.qs]


def errors(params: dict) -> dict:
    filterset = CommuneFilterSet(params, queryset=Commune.objects.all())
    assert not filterset.is_valid()
    return filterset.errors


@pytest.fixture
def communes():
    cho_don = DistrictFactory(code="064", name="Chợ Đồn")
    ngan_son = DistrictFactory(code="062", name="Ngân Sơn")
    return {
        "xuan_lac": CommuneFactory(
            name="Xuân Lạc",
            code="02023",
            district=cho_don,
            criteria_met=12,
            difficulty=Commune.Difficulty.DIFFICULT,
        ),
        "bang_lung": CommuneFactory(
            name="Bằng Lũng", code="02020", district=cho_don, kind=Commune.Kind.THI_TRAN
        ),
        "trung_hoa": CommuneFactory(
            name="Trung Hoà",
            code="01948",
            district=ngan_son,
            criteria_met=8,
            difficulty=Commune.Difficulty.ESPECIALLY_DIFFICULT,
        ),
        "duc_van": CommuneFactory(
            name="Đức Vân",
            code="01951",
            district=ngan_son,
            criteria_met=19,
            ntm_level=Commune.Level.STANDARD,
            ntm_level_year=2021,
        ),
    }


@pytest.mark.parametrize("query", ["xuan lac", "Xuân Lạc", "XUAN", "lạc", "0202"])
def test_search_ignores_accents_and_case_and_matches_code_prefix(communes, query):
    expected = ["Bằng Lũng", "Xuân Lạc"] if query == "0202" else ["Xuân Lạc"]

    assert names({"q": query}) == expected


def test_search_finds_both_tone_mark_placements(communes):
    assert names({"q": "Trung Hòa"}) == ["Trung Hoà"]
    assert names({"q": "duc van"}) == ["Đức Vân"]


def test_filters_by_district_kind_level_and_difficulty(communes):
    ngan_son = communes["trung_hoa"].district

    assert names({"district": ngan_son.pk}) == ["Đức Vân", "Trung Hoà"]
    assert names({"kind": "thi_tran"}) == ["Bằng Lũng"]
    assert names({"ntm_level": "standard"}) == ["Đức Vân"]
    assert names({"difficulty": "especially_difficult"}) == ["Trung Hoà"]


def test_criteria_met_range_is_inclusive(communes):
    assert names({"criteria_met_min": 8, "criteria_met_max": 12}) == ["Trung Hoà", "Xuân Lạc"]
    assert names({"criteria_met_min": 19}) == ["Đức Vân"]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("name", ["Bằng Lũng", "Đức Vân", "Trung Hoà", "Xuân Lạc"]),
        ("-name", ["Xuân Lạc", "Trung Hoà", "Đức Vân", "Bằng Lũng"]),
        ("code", ["Trung Hoà", "Đức Vân", "Bằng Lũng", "Xuân Lạc"]),
        ("district", ["Đức Vân", "Trung Hoà", "Bằng Lũng", "Xuân Lạc"]),
        ("criteria_met", ["Trung Hoà", "Xuân Lạc", "Đức Vân", "Bằng Lũng"]),
        ("-criteria_met", ["Đức Vân", "Xuân Lạc", "Trung Hoà", "Bằng Lũng"]),
    ],
)
def test_ordering_puts_unassessed_communes_last(communes, ordering, expected):
    assert names({"ordering": ordering}) == expected


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"criteria_met_min": "abc"}, "criteria_met_min"),
        ({"criteria_met_min": "12.5"}, "criteria_met_min"),
        ({"criteria_met_max": "-1"}, "criteria_met_max"),
        ({"criteria_met_min": "12", "criteria_met_max": "3"}, "criteria_met_max"),
        ({"ordering": "password"}, "ordering"),
        ({"kind": "village"}, "kind"),
        ({"district": "999999"}, "district"),
    ],
)
def test_invalid_values_are_form_errors_on_their_field(communes, params, field):
    assert list(errors(params)) == [field]


def test_range_error_message_is_translated(communes):
    assert errors({"criteria_met_min": 12, "criteria_met_max": 3}) == {
        "criteria_met_max": ['Giá trị "đến" phải lớn hơn hoặc bằng giá trị "từ".']
    }
