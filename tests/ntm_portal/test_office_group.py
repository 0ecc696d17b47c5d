import pytest
from django.urls import reverse

from criteria.models import Threshold
from ntm_portal.management.commands.setup_office_group import office_group
from tests.criteria.factories import ThresholdFactory


@pytest.mark.django_db
def test_office_staff_in_the_group_can_correct_a_threshold_in_the_admin(
    client, coordination_office
):
    threshold = ThresholdFactory(value=90)
    coordination_office.is_staff = True
    coordination_office.save()
    coordination_office.groups.add(office_group())
    client.force_login(coordination_office)

    page = client.get(reverse("admin:criteria_threshold_change", args=[threshold.pk]))

    assert page.status_code == 200
    assert coordination_office.has_perm("criteria.change_threshold")
    assert not coordination_office.has_perm("criteria.delete_criteriaset")


@pytest.mark.django_db
def test_the_group_is_refreshed_not_duplicated():
    first = office_group()
    second = office_group()

    assert first.pk == second.pk
    assert first.permissions.count() == second.permissions.count() > 0


@pytest.mark.django_db
def test_office_without_staff_status_cannot_open_the_admin(client, coordination_office):
    threshold = ThresholdFactory(value=90)
    client.force_login(coordination_office)

    response = client.get(reverse("admin:criteria_threshold_change", args=[threshold.pk]))

    assert response.status_code == 302
    assert Threshold.objects.get(pk=threshold.pk).value == 90
