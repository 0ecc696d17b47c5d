"""Fixtures of the assessment import tests: a province of three communes and its template."""

import pytest

from tests.communes.factories import CommuneFactory, ProvinceFactory
from tests.criteria.imports.files import template_bytes


@pytest.fixture
def province(db):
    return ProvinceFactory(code="P90", name="Tỉnh Thử")


@pytest.fixture
def communes(province):
    return [CommuneFactory(province=province, code=f"9100{i}", name=f"Xã {i}") for i in range(1, 4)]


@pytest.fixture
def template(province, communes, criteria_set):
    return template_bytes(province, criteria_set)
