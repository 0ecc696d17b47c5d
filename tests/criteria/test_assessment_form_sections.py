"""The assessment form is long (19 criteria): a jump list leads to each criterion's section and
to the save button, and each section leads back."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_jump_list_links_to_every_criterion_section(as_role, criteria_set, commune_a):
    client, _user = as_role("commune_officer")

    html = client.get(reverse("criteria:assessment_create", args=[commune_a.pk])).content.decode()

    numbers = sorted(c.number for c in criteria_set.criteria.all())
    nav = html.split('<nav class="jump-list card" id="jump-list"')[1].split("</nav>")[0]
    assert re.findall(r'href="#criterion-(\d+)"', nav) == [str(n) for n in numbers]
    assert 'href="#assessment-save"' in nav
    for number in numbers:
        assert f'id="criterion-{number}"' in html
    assert 'id="assessment-save"' in html
    assert html.count('href="#jump-list"') == len(numbers)
