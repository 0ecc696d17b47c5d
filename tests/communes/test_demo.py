"""The Bắc Kạn demo: real units, plausible sample values, safe to run twice."""

import pytest

from communes import demo
from communes.models import Commune, District, Village

pytestmark = pytest.mark.django_db


def test_demo_loads_backan_and_is_safe_to_run_twice():
    province = demo.load()
    first = list(
        Commune.objects.order_by("code").values_list(
            "code", "difficulty", "ntm_level", "target_year"
        )
    )

    again = demo.load()

    assert again == province
    assert (province.code, province.name, province.region, province.is_sample_data) == (
        "06",
        "Bắc Kạn",
        "tdmnpb",
        True,
    )
    assert District.objects.count() == 8
    assert Commune.objects.count() == 108
    assert (
        list(
            Commune.objects.order_by("code").values_list(
                "code", "difficulty", "ntm_level", "target_year"
            )
        )
        == first
    )


def test_demo_has_the_facts_of_the_brief():
    demo.load()
    xa = Commune.objects.filter(kind=Commune.Kind.XA)

    assert xa.count() == 95
    assert Commune.objects.exclude(difficulty=Commune.Difficulty.NORMAL).count() == 59
    assert xa.exclude(ntm_level=Commune.Level.NONE).count() == 23
    assert set(
        xa.filter(ntm_level=Commune.Level.ADVANCED).values_list("name", "ntm_level_year")
    ) == {("Quang Thuận", 2021), ("Kim Lư", 2021)}
    assert (
        not Commune.objects.exclude(kind=Commune.Kind.XA)
        .exclude(ntm_level=Commune.Level.NONE)
        .exists()
    )


@pytest.mark.parametrize(
    ("code", "villages"),
    [
        ("02023", {"Bản Ó", "Bản He"}),
        ("01891", {"Pác Châm", "Nà Lần"}),
        ("01978", {"1A Nà Loạn", "2 Khau Cưởm"}),
        ("01948", {"Bó Mòn"}),
    ],
)
def test_demo_communes_have_their_villages(code, villages):
    demo.load()

    assert villages <= set(
        Village.objects.filter(commune__code=code).values_list("name", flat=True)
    )
