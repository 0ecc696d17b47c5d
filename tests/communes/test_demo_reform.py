"""The demo's 2025 reform: Bắc Kạn to 30/6/2025, its 37 successors in Thái Nguyên after it."""

import datetime as dt

import pytest

from communes import demo
from communes.models import Commune, CommuneSuccession, District

pytestmark = pytest.mark.django_db


def test_the_demo_shows_backan_before_and_its_successors_after_the_reform():
    backan = demo.load()
    thai_nguyen = demo.load_reform()
    demo.load()
    demo.load_reform()  # safe to run twice

    assert backan.valid_to == dt.date(2025, 6, 30)
    assert (thai_nguyen.code, thai_nguyen.valid_from, thai_nguyen.is_sample_data) == (
        "19",
        dt.date(2025, 7, 1),
        True,
    )
    assert Commune.objects.filter(province=backan).count() == 108
    assert Commune.objects.on(dt.date(2025, 6, 30)).count() == 108
    assert Commune.objects.on(dt.date(2025, 7, 1)).count() == 37
    assert District.objects.on(dt.date(2025, 7, 1)).count() == 0
    assert CommuneSuccession.objects.count() == 108
    assert Commune.objects.filter(province=thai_nguyen, commune_group="").count() == 0
    # The old facts stay: Xuân Lạc and its villages, in Chợ Đồn, before the reform.
    xuan_lac = Commune.objects.get(province=backan, code="02023")
    assert xuan_lac.district.name == "Chợ Đồn"
    assert xuan_lac.successors.get().name == "Nam Cường"
