"""Fuzz every operation of /api/v1/ in-process from its OpenAPI schema (testing.md §2.2).

schemathesis generates schema-valid and schema-violating requests for each operation (one test
per operation) and runs its default checks on each response: never a 500, only documented
status codes, content types and bodies, schema-violating requests refused, schema-valid ones
not refused for no reason, and its authentication probes. It calls the WSGI app as a
coordination-office user, who may call every operation, over a DRF token (no CSRF), on a small
province seeded with one bare and one fully filled row of each kind, ids from 1.

Budget: 25 examples per operation, the same ones on every run; about one minute for the 35
operations on a 2-core machine, SQLite or PostgreSQL (CI has 20 minutes for all tests). A longer
hunt draws new examples each time: FUZZ_EXAMPLES=200 pytest tests/test_api_fuzz.py
"""

import datetime as dt
import os
from decimal import Decimal

import pytest
import schemathesis
from django.apps import apps
from django.core.management.color import no_style
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from hypothesis import HealthCheck, settings
from knox.crypto import hash_token
from schemathesis.config import SchemathesisConfig

from accounts.models import ApiToken
from campaigns.award_lists import award_lists_ensure
from campaigns.models import Award, AwardForm, Contribution, EmulationTitle, Pledge
from criteria.models import Criterion
from criteria.services.assessments import assessment_create
from ntm_portal.models import User
from ntm_portal.wsgi import application
from sponsorships.models import MonthlyReport, MonthlyReportEvent
from tests.campaigns.factories import CampaignFactory
from tests.communes.factories import CommuneFactory, DistrictFactory, VillageFactory
from tests.criteria.factories import ALL_MET, small_criteria_set
from tests.factories import UserFactory
from tests.sponsorships.factories import (
    AgencyFactory,
    AssignmentFactory,
    MonthlyReportFactory,
    SupportActivityFactory,
)

pytestmark = pytest.mark.fuzz

TOKEN = "f" * 64  # a known token, stored hashed as knox stores every token
MAX_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))

CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            # A schema-valid id, period or indicator code may still name no row, or break a
            # business rule (an end date before the start): DRF answers 400 for those.
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "400", "401", "403", "404", "409", "412", "428"]
            },
            # A write without its required If-Match is a 428 Precondition Required (RFC 6585),
            # which schemathesis' default list for a missing header does not name.
            "missing_required_header": {
                "expected-statuses": ["400", "401", "403", "406", "415", "422", "428"]
            },
        }
    }
)
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application, config=CONFIG)


@schema.auth()
class CoordinationOfficeToken:
    """schemathesis owns the Authorization header, so its auth probes stay meaningful."""

    def get(self, case, ctx):
        return TOKEN

    def set(self, case, data, ctx):
        case.headers = {**(case.headers or {}), "Authorization": f"Token {data}"}


def restart_id_sequences():
    """PostgreSQL sequences outlive the test's rollback; start them at 1 as SQLite does, so the
    fuzzer's small ids reach the seeded rows."""
    if connection.vendor != "postgresql":
        return
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


@pytest.fixture
def keep_test_connection():
    """The raw WSGI app closes "old" connections around each request, which closes the test's
    open transaction on PostgreSQL; Django's own test client switches that off the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def seeded(db, keep_test_connection):
    """A coordination-office user with a token, and one bare and one full row of each kind."""
    restart_id_sequences()
    office = UserFactory(username="fuzz_office", role=User.Role.COORDINATION_OFFICE)
    ApiToken.objects.bulk_create(
        [ApiToken(user=office, name="fuzz", token_key=TOKEN[:15], digest=hash_token(TOKEN))]
    )
    criteria_set = small_criteria_set(code="qd318", valid_from=dt.date(2021, 1, 1))
    criterion = Criterion.objects.filter(criteria_set=criteria_set).first()
    bare_commune = CommuneFactory(name="Trung Hoà", district=None, commune_group="")
    full_commune = CommuneFactory(
        name="Xuân Lạc",
        district=DistrictFactory(name="Chợ Đồn"),
        commune_group="group_3",
        ntm_level_year=2020,
        target_year=2019,
        criteria_met=19,
        criteria_total=19,
        meets_standard=True,
        assessed_period=dt.date(2026, 10, 1),
    )
    village = VillageFactory(commune=full_commune, name="Bản Ó")
    assessment_create(
        commune=full_commune,
        period=dt.date(2026, 10, 1),
        stage="self_assessed",
        values={**ALL_MET, "3.1": None},
        entered_by=office,
    )
    bare_agency = AgencyFactory(name="Sở Công Thương")
    full_agency = AgencyFactory(
        name="Ban Dân vận",
        short_name="BDV",
        parent=bare_agency,
        contact_name="Nguyễn Văn A",
        phone="0209 3870 000",
        email="bdv@backan.gov.vn",
        address="Phường Đức Xuân",
    )
    bare_assignment = AssignmentFactory(agency=bare_agency, commune=bare_commune)
    full_assignment = AssignmentFactory(
        agency=full_agency,
        commune=full_commune,
        start_date=dt.date(2024, 1, 1),
        end_date=dt.date(2026, 12, 31),
        decision_number="123/QĐ-UBND",
        decision_date=dt.date(2023, 12, 20),
        decision_issuer="UBND tỉnh",
        goals="Đạt chuẩn 2026",
    )
    full_assignment.focus_criteria.add(criterion)
    SupportActivityFactory(assignment=bare_assignment, beneficiary_unit="")
    full_activity = SupportActivityFactory(
        assignment=full_assignment,
        date=dt.date(2024, 6, 3),
        description="Trao tại nhà văn hoá",
        village=village,
        amount=21_000_000,
        quantity=Decimal("600"),
        quantity_unit="bóng",
        labour_days=Decimal("12.5"),
        beneficiaries=120,
        beneficiary_unit="households",
    )
    full_activity.target_criteria.add(criterion)
    MonthlyReportFactory(assignment=bare_assignment)
    submitted = MonthlyReportFactory(
        assignment=full_assignment,
        status=MonthlyReport.Status.SUBMITTED,
        submitted_at=dt.datetime(2024, 6, 19, 3, tzinfo=dt.UTC),
        submitted_by=office,
        difficulties="Mưa lũ",
    )
    MonthlyReportEvent.objects.create(report=submitted, action="created", actor=None)
    MonthlyReportEvent.objects.create(report=submitted, action="submitted", actor=office)
    seed_campaigns(agency=full_agency, commune=full_commune, village=village)
    return office


def seed_campaigns(*, agency, commune, village):
    """A campaign with a sprint, a pledge, a contribution and a decided award."""
    campaign = CampaignFactory(
        name="Bắc Kạn chung sức 2026",
        decision_number="12/QĐ-UBND",
        decision_date=dt.date(2026, 1, 5),
        goals="Thêm 3 xã đạt chuẩn",
        target_communes_standard=3,
        target_criteria_gained=20,
        target_money=75_000_000_000,
    )
    CampaignFactory(name="100 ngày đêm", kind="sprint", parent=campaign)
    Pledge.objects.create(
        campaign=campaign, agency=agency, content="Hỗ trợ", due_date=dt.date(2026, 6, 30)
    )
    Contribution.objects.create(
        commune=commune,
        village=village,
        period_start=dt.date(2026, 5, 1),
        period_end=dt.date(2026, 5, 31),
        land_m2=Decimal("1200.5"),
        money=50_000_000,
        contributors="Hộ ông Thào A Súa",
    )
    award_lists_ensure(EmulationTitle, AwardForm)  # gone if a transactional test flushed them
    Award.objects.create(
        campaign=campaign,
        form=AwardForm.objects.first(),
        recipient_kind="collective",
        recipient_name="UBND xã Xuân Lạc",
        commune=commune,
        agency=agency,
        reason="Về đích",
        status="decided",
        decision_number="1/QĐ-UBND",
        decision_date=dt.date(2026, 11, 1),
        signer="Chủ tịch UBND tỉnh",
    )


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    # The same requests on every run, so a red CI is reproducible; a hunt draws new ones.
    derandomize="FUZZ_EXAMPLES" not in os.environ,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_survives_fuzzed_requests(case, seeded):
    case.call_and_validate()
