"""Selectors: scoping by role and the province summary, checked against hand-computed figures."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from communes import selectors
from communes.models import Commune
from communes.selectors import Breakdown, DistrictSummary
from tests.communes.factories import CommuneFactory, DistrictFactory, ProvinceFactory

pytestmark = pytest.mark.django_db

XA, THI_TRAN, PHUONG = Commune.Kind.XA, Commune.Kind.THI_TRAN, Commune.Kind.PHUONG
NORMAL, DIFFICULT, ESPECIALLY = (
    Commune.Difficulty.NORMAL,
    Commune.Difficulty.DIFFICULT,
    Commune.Difficulty.ESPECIALLY_DIFFICULT,
)


@pytest.fixture
def province_with_communes():
    province = ProvinceFactory(code="06", name="Bắc Kạn")
    first = DistrictFactory(province=province, code="901", name="Chợ Đồn", kind="Huyện")
    second = DistrictFactory(province=province, code="902", name="Ngân Sơn", kind="Huyện")
    make = CommuneFactory
    make(
        province=province,
        district=first,
        kind=XA,
        criteria_met=19,
        criteria_total=19,
        meets_standard=True,
        ntm_level=Commune.Level.STANDARD,
        ntm_level_year=2020,
        difficulty=NORMAL,
    )
    make(
        province=province,
        district=first,
        kind=XA,
        criteria_met=15,
        criteria_total=19,
        difficulty=DIFFICULT,
    )
    make(province=province, district=first, kind=THI_TRAN, difficulty=NORMAL)
    make(
        province=province,
        district=second,
        kind=XA,
        criteria_met=10,
        criteria_total=19,
        difficulty=ESPECIALLY,
    )
    make(province=province, district=second, kind=XA, difficulty=DIFFICULT)
    # A ward is not assessed for NTM: its cached figures must not count.
    make(
        province=province,
        district=second,
        kind=PHUONG,
        criteria_met=5,
        criteria_total=19,
        meets_standard=True,
        difficulty=NORMAL,
    )
    # Another province's commune must not count either.
    make(
        province=ProvinceFactory(code="19", name="Thái Nguyên"),
        district=None,
        kind=XA,
        criteria_met=19,
        criteria_total=19,
        meets_standard=True,
    )
    return province, first, second


def test_province_summary_counts_xa_only_for_ntm_figures(
    province_with_communes, django_assert_num_queries
):
    province, first, second = province_with_communes

    with django_assert_num_queries(2):
        summary = selectors.province_summary(province=province)

    assert (summary.communes, summary.xa, summary.assessed_xa) == (6, 4, 3)
    assert (summary.meeting_standard, summary.recognised, summary.difficult) == (1, 1, 3)
    assert summary.average_criteria_met == Decimal("14.67")  # (19 + 15 + 10) / 3
    assert summary.meeting_standard_percent == Decimal("25.00")
    assert [(b.value, b.count) for b in summary.by_level] == [
        ("none", 3),
        ("standard", 1),
        ("advanced", 0),
        ("model", 0),
    ]
    assert summary.by_difficulty == [
        Breakdown("normal", "Bình thường", 3),
        Breakdown("difficult", "Khó khăn", 2),
        Breakdown("especially_difficult", "Đặc biệt khó khăn", 1),
    ]
    assert summary.by_district == [
        DistrictSummary(
            first.pk,
            "Huyện Chợ Đồn",
            communes=3,
            xa=2,
            meeting_standard=1,
            recognised=1,
            average_criteria_met=Decimal("17.00"),
            difficult=1,
        ),
        DistrictSummary(
            second.pk,
            "Huyện Ngân Sơn",
            communes=3,
            xa=2,
            meeting_standard=0,
            recognised=0,
            average_criteria_met=Decimal("10.00"),
            difficult=2,
        ),
    ]


def test_province_summary_of_an_empty_province():
    summary = selectors.province_summary(province=ProvinceFactory())

    assert (summary.communes, summary.xa, summary.average_criteria_met, summary.by_district) == (
        0,
        0,
        None,
        [],
    )
    assert summary.meeting_standard_percent is None


def test_portal_province_is_the_configured_one(settings):
    ProvinceFactory(code="19", name="Thái Nguyên")
    configured = ProvinceFactory(code="06", name="Bắc Kạn")
    settings.PORTAL_PROVINCE_CODE = "06"

    assert selectors.portal_province() == configured


def test_portal_province_falls_back_to_the_only_province(settings):
    only = ProvinceFactory(code="19", name="Thái Nguyên")
    settings.PORTAL_PROVINCE_CODE = "06"

    assert selectors.portal_province() == only


def test_portal_province_is_none_when_ambiguous(settings):
    ProvinceFactory(code="19", name="Thái Nguyên")
    ProvinceFactory(code="20", name="Lạng Sơn")
    settings.PORTAL_PROVINCE_CODE = "06"

    assert selectors.portal_province() is None


@pytest.mark.parametrize(
    ("role", "sees_all"),
    [
        ("anonymous", False),
        ("no_role_user", False),
        ("leader", True),
        ("coordination_office", True),
        ("commune_officer", True),
        ("other_commune_officer", True),
        ("agency_staff", True),
        ("other_agency_staff", True),
    ],
)
def test_commune_list_is_everything_for_roles_and_nothing_without(
    request, role, sees_all, commune_a, commune_b
):
    user = request.getfixturevalue(role) or AnonymousUser()

    visible = set(selectors.commune_list(user=user))

    assert visible == ({commune_a, commune_b} if sees_all else set())


def test_commune_get_is_404_without_a_role(no_role_user, commune_a):
    with pytest.raises(Http404):
        selectors.commune_get(user=no_role_user, pk=commune_a.pk)


def test_commune_get_is_404_for_a_missing_commune(leader):
    with pytest.raises(Http404):
        selectors.commune_get(user=leader, pk=999999)
