"""The page shell and the admin: the header says who is logged in once, every list is in a
menu, the commune list keeps its key columns first, and the admin is the portal's, in
Vietnamese."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.text import camel_case_to_spaces

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PORTAL_APPS = ["ntm_portal", "communes", "criteria", "sponsorships", "accounts", "exports"]


def header(html: str) -> str:
    return html.split('<header class="site-header">')[1].split("</header>")[0]


def test_the_header_does_not_repeat_a_name_that_is_the_role(client, coordination_office):
    coordination_office.first_name, coordination_office.last_name = "Văn phòng điều phối", ""
    coordination_office.save()
    client.force_login(coordination_office)

    html = header(client.get(reverse("sponsorships:activity_list")).content.decode())

    assert "Văn phòng điều phối · " not in html
    assert html.count("Văn phòng điều phối") == 1


def test_the_header_names_the_person_and_their_role(client, agency_staff):
    agency_staff.first_name, agency_staff.last_name = "Lan", "Nguyễn Thị"
    agency_staff.save()
    client.force_login(agency_staff)

    html = header(client.get(reverse("sponsorships:activity_list")).content.decode())

    assert f"{agency_staff} · " in html
    assert agency_staff.get_role_display() in html


def test_the_criteria_sets_are_in_the_main_menu(client, commune_officer):
    client.force_login(commune_officer)

    html = client.get(reverse("communes:commune_list")).content.decode()
    nav = html.split('class="main-nav"')[1].split("</nav>")[0]

    assert f'href="{reverse("criteria:criteria_set_list")}"' in nav
    assert "Bộ tiêu chí" in nav


def test_the_commune_list_shows_the_name_then_the_score_first(
    client, coordination_office, commune_a
):
    commune_a.criteria_met, commune_a.criteria_total = 12, 19
    commune_a.save()
    client.force_login(coordination_office)

    html = client.get(reverse("communes:commune_list")).content.decode()
    head = html.split("<thead>")[1].split("</thead>")[0]
    row = html.split("<tbody>")[1].split("</tr>")[0]

    assert head.index("Tên") < head.index("Tiêu chí đạt") < head.index("Huyện")
    assert 'class="key-col"' in head
    assert row.index(str(commune_a)) < row.index("12/19") < row.index(commune_a.code)
    assert '<th scope="row" class="key-col">' in row


def test_the_admin_is_branded_and_vietnamese(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    html = client.get("/admin/").content.decode()

    assert "Quản trị NTM Portal" in html
    assert "Django" not in html.split("<body")[1].split('id="content"')[0]
    assert "Trang quản trị cho Django" not in html
    for english in ("Axes", "Access attempts", "Access logs", "Authenticators", "User sessions"):
        assert english not in html
    assert "Chống dò mật khẩu" in html


def test_every_admin_section_and_model_has_a_vietnamese_name():
    request = RequestFactory().get("/admin/")
    request.user = UserFactory.build(is_staff=True, is_superuser=True, is_active=True)
    with translation.override("vi"):
        app_list = admin.site.get_app_list(request)
        names = [str(app["name"]) for app in app_list]
        names += [str(m["name"]) for app in app_list for m in app["models"]]

    english = [name for name in names if name.isascii()]
    assert english == []


@pytest.mark.parametrize("label", PORTAL_APPS)
def test_every_model_of_the_portal_names_itself(label):
    unnamed = [
        model.__name__
        for model in apps.get_app_config(label).get_models()
        if not model.__name__.startswith("Historical")
        and str(model._meta.verbose_name) == camel_case_to_spaces(model.__name__)
    ]
    assert unnamed == []
