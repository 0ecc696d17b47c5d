"""The commune list at national size: units in force by default, the district picker, and the
plans of its filters and orders."""

import pytest
from django.urls import reverse

from communes.models import Commune
from tests.communes.test_reform import import_both

pytestmark = pytest.mark.django_db


def test_the_list_without_parameters_shows_the_units_in_force_today(as_role):
    import_both()
    client, _user = as_role("leader")

    listed = client.get(reverse("communes:commune_list")).context["paginator"].count

    assert listed == Commune.objects.current().count() == 92
