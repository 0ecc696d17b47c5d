"""Agency and assignment services: end before start, periods that would strand activities,
deletes that would lose history, parent loops; history records carry the user."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sponsorships.models import Agency, Assignment
from sponsorships.services import agencies as services
from tests.communes.factories import CommuneFactory
from tests.criteria.factories import CriterionFactory
from tests.factories import UserFactory
from tests.sponsorships.activity_fixtures import snapshot
from tests.sponsorships.factories import AgencyFactory, AssignmentFactory, SupportActivityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return UserFactory(role="coordination_office")


def test_assignment_is_created_with_focus_criteria_in_one_history_record(office):
    agency, commune = AgencyFactory(), CommuneFactory()
    criteria = [CriterionFactory(number=4), CriterionFactory(number=7)]
    assignment = services.assignment_create(
        user=office,
        agency=agency,
        commune=commune,
        start_date=dt.date(2015, 1, 1),
        end_date=dt.date(2018, 12, 31),
        decision_issuer="Ban Thường vụ Tỉnh ủy",
        focus_criteria=criteria,
    )
    assert set(assignment.focus_criteria.all()) == set(criteria)
    assert [(h.history_type, h.history_user) for h in assignment.history.all()] == [("+", office)]


def test_assignment_ending_before_it_starts_is_refused_on_the_end_date(office):
    agency, commune = AgencyFactory(), CommuneFactory()
    before = snapshot()
    with pytest.raises(ValidationError) as excinfo:
        services.assignment_create(
            user=office,
            agency=agency,
            commune=commune,
            start_date=dt.date(2020, 1, 1),
            end_date=dt.date(2019, 12, 31),
        )
    assert excinfo.value.message_dict["end_date"] == [
        "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu."
    ]
    assert snapshot() == before


def test_shortening_an_assignment_past_its_activities_is_refused(office):
    assignment = AssignmentFactory(start_date=dt.date(2015, 1, 1), end_date=None)
    SupportActivityFactory(assignment=assignment, date=dt.date(2018, 9, 14), title="Nâng cấp chợ")
    with pytest.raises(ValidationError) as excinfo:
        services.assignment_update(
            assignment=assignment, user=office, end_date=dt.date(2017, 12, 31)
        )
    assert excinfo.value.message_dict["end_date"] == [
        "Hoạt động “Nâng cấp chợ” ngày 14/09/2018 sẽ nằm ngoài thời gian phân công."
    ]
    assert Assignment.objects.get(pk=assignment.pk).end_date is None


def test_extending_an_assignment_keeps_its_activities_valid(office):
    assignment = AssignmentFactory(start_date=dt.date(2015, 1, 1), end_date=dt.date(2018, 12, 31))
    SupportActivityFactory(assignment=assignment, date=dt.date(2018, 9, 14))
    services.assignment_update(assignment=assignment, user=office, end_date=dt.date(2020, 12, 31))
    assert Assignment.objects.get(pk=assignment.pk).end_date == dt.date(2020, 12, 31)


@pytest.mark.parametrize("party", ["agency", "commune"])
def test_an_assignment_with_activities_keeps_its_agency_and_commune(office, party):
    """The activities were this agency's, for this commune, and the totals count them so."""
    assignment = AssignmentFactory()
    SupportActivityFactory(assignment=assignment)
    other = AgencyFactory() if party == "agency" else CommuneFactory()
    before = snapshot()
    with pytest.raises(ValidationError) as excinfo:
        services.assignment_update(assignment=assignment, user=office, **{party: other})
    assert "tạo phân công mới" in excinfo.value.message_dict[party][0]
    assert snapshot() == before


def test_an_assignment_with_a_report_only_keeps_its_agency_too(office):
    from tests.sponsorships.monthly_report_fixtures import make_report  # noqa: PLC0415

    assignment = AssignmentFactory()
    make_report(assignment)
    with pytest.raises(ValidationError):
        services.assignment_update(assignment=assignment, user=office, agency=AgencyFactory())


def test_an_assignment_without_records_may_change_agency_and_saying_the_same_one_is_no_change(
    office,
):
    assignment = AssignmentFactory()
    other = AgencyFactory()
    services.assignment_update(assignment=assignment, user=office, agency=other)
    assert Assignment.objects.get(pk=assignment.pk).agency == other
    SupportActivityFactory(assignment=assignment)
    services.assignment_update(
        assignment=assignment, user=office, agency=other, commune=assignment.commune, goals="x"
    )
    assert Assignment.objects.get(pk=assignment.pk).goals == "x"


def test_assignment_with_activities_cannot_be_deleted(office):
    assignment = AssignmentFactory()
    SupportActivityFactory(assignment=assignment)
    with pytest.raises(ValidationError):
        services.assignment_delete(assignment=assignment, user=office)
    assert Assignment.objects.filter(pk=assignment.pk).exists()


def test_agency_with_assignments_cannot_be_deleted_but_an_unused_one_can(office):
    used, unused = AgencyFactory(), AgencyFactory()
    AssignmentFactory(agency=used)
    with pytest.raises(ValidationError):
        services.agency_delete(agency=used, user=office)
    services.agency_delete(agency=unused, user=office)
    assert list(Agency.objects.all()) == [used]


def test_agency_cannot_be_its_own_ancestor(office):
    parent = AgencyFactory()
    child = AgencyFactory(parent=parent)
    with pytest.raises(ValidationError) as excinfo:
        services.agency_update(agency=parent, user=office, parent=child)
    assert "parent" in excinfo.value.message_dict
    assert Agency.objects.get(pk=parent.pk).parent_id is None


def test_duplicate_agency_name_is_refused_on_the_name(office):
    AgencyFactory(name="Sở Công Thương")
    with pytest.raises(ValidationError) as excinfo:
        services.agency_create(user=office, name="Sở Công Thương", kind="department")
    assert "name" in excinfo.value.message_dict
