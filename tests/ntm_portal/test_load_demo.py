"""Demo accounts never reach production: load_demo refuses with DEBUG off unless told, and then
gives no account the published password."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from ntm_portal import demo as portal_demo
from ntm_portal.demo import DEMO_PASSWORD
from ntm_portal.models import User
from tests.communes.factories import CommuneFactory, ProvinceFactory
from tests.sponsorships.factories import AgencyFactory

DEMO_LOGINS = ["vpdp", "lanhdao", "xuanlac", "sct", "admin"]


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def can_log_in(username: str, password: str) -> bool:
    return authenticate(username=username, password=password) is not None


@pytest.fixture
def demo_units(db):
    """What ntm_portal.demo needs from the other demo loaders: xã Xuân Lạc and the SCT."""
    province = ProvinceFactory()
    CommuneFactory(province=province, code="02023", name="Xuân Lạc")
    AgencyFactory(short_name="SCT", name="Sở Công Thương")
    return province


@pytest.mark.django_db
def test_with_debug_off_it_refuses_and_writes_nothing(settings):
    settings.DEBUG = False
    before = row_counts()

    with pytest.raises(CommandError, match="--allow-production") as refused:
        call_command("load_demo", stdout=StringIO())

    assert "DJANGO_DEBUG=True" in str(refused.value)
    assert row_counts() == before


@pytest.mark.django_db
def test_allowed_in_production_it_loads_the_data_but_no_login_works(settings):
    settings.DEBUG = False
    out = StringIO()

    call_command("load_demo", "--allow-production", stdout=out)

    assert User.objects.filter(username__in=DEMO_LOGINS).count() == len(DEMO_LOGINS)
    assert apps.get_model("criteria", "Assessment").objects.exists()
    assert apps.get_model("sponsorships", "MonthlyReport").objects.exists()
    assert not any(user.has_usable_password() for user in User.objects.all())
    assert not any(can_log_in(name, DEMO_PASSWORD) for name in DEMO_LOGINS)
    assert DEMO_PASSWORD not in out.getvalue()
    assert "manage.py changepassword vpdp" in out.getvalue()


@pytest.mark.django_db
def test_in_development_every_demo_login_has_the_published_password(demo_units):
    portal_demo.load(province=demo_units, password=DEMO_PASSWORD)

    assert all(can_log_in(name, DEMO_PASSWORD) for name in DEMO_LOGINS)


@pytest.mark.django_db
def test_an_account_created_without_a_password_gets_the_demo_one(demo_units):
    # criteria's demo creates vpdp first, with no usable password.
    User.objects.create_user(username="vpdp", password=None)

    portal_demo.load(province=demo_units, password=DEMO_PASSWORD)

    assert can_log_in("vpdp", DEMO_PASSWORD)


@pytest.mark.django_db
def test_production_removes_a_published_password_left_by_a_development_load(demo_units):
    portal_demo.load(province=demo_units, password=DEMO_PASSWORD)

    portal_demo.load(province=demo_units, password=None)

    assert not any(can_log_in(name, DEMO_PASSWORD) for name in DEMO_LOGINS)
    assert not User.objects.get(username="admin").has_usable_password()


@pytest.mark.django_db
@pytest.mark.parametrize("password", [DEMO_PASSWORD, None])
def test_a_password_someone_chose_is_kept(demo_units, password):
    portal_demo.load(province=demo_units, password=password)
    office = User.objects.get(username="vpdp")
    office.set_password("mật khẩu riêng của văn phòng 2026")
    office.save()

    portal_demo.load(province=demo_units, password=password)

    assert can_log_in("vpdp", "mật khẩu riêng của văn phòng 2026")
