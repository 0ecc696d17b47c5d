"""Browser test: after a failed save the keyboard lands on the error summary, which lists each
error as a link to its field; on a phone the form's required fields and its save button come
first, a few tabs from the top of the form."""

import datetime as dt

import pytest

from ntm_portal.models import User
from tests.communes.factories import CommuneFactory
from tests.factories import UserFactory
from tests.sponsorships.factories import AgencyFactory, AssignmentFactory


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_failed_save_moves_focus_to_the_error_summary_linking_each_field(log_in, live_server):
    # given
    agency = AgencyFactory(name="Sở Công Thương", short_name="SCT")
    assignment = AssignmentFactory(
        agency=agency, commune=CommuneFactory(name="Xuân Lạc"), start_date=dt.date(2025, 1, 1)
    )
    UserFactory(username="sct", role=User.Role.AGENCY_STAFF, agency=agency)
    page = log_in("sct")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/sponsorships/assignments/{assignment.pk}/activities/new/")

    # when: a date that does not exist, and no "Nội dung"
    page.locator("#id_date").fill("31/02/2026")
    page.get_by_role("button", name="Lưu hoạt động").click()
    page.wait_for_load_state("networkidle")

    # then
    summary = page.locator(".form-errors")
    assert page.evaluate("document.activeElement.classList.contains('form-errors')")
    assert summary.get_by_role("link").all_inner_texts() == [
        "Ngày: Ngày 31/02/2026 không tồn tại.",
        "Nội dung: Trường này là bắt buộc.",
    ]
    summary.get_by_role("link", name="Nội dung: Trường này là bắt buộc.").click()
    assert page.evaluate("document.activeElement.id") == "id_title"


FOCUSED = """(() => { const e = document.activeElement;
  return e.name || `${e.tagName} ${e.innerText.trim()}`; })()"""


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_save_button_is_a_few_tabs_from_the_date(log_in, live_server):
    agency = AgencyFactory(short_name="SCT")
    assignment = AssignmentFactory(agency=agency, start_date=dt.date(2025, 1, 1))
    UserFactory(username="sct", role=User.Role.AGENCY_STAFF, agency=agency)
    page = log_in("sct")
    page.goto(f"{live_server.url}/sponsorships/assignments/{assignment.pk}/activities/new/")

    page.locator("#id_date").focus()
    reached = []
    for _ in range(20):
        page.keyboard.press("Tab")
        reached.append(page.evaluate(FOCUSED))

    assert reached[:3] == ["title", "kind", "funding_source"]
    assert "target_criteria" not in reached  # folded away until asked for
    assert reached.index("BUTTON Lưu hoạt động") < 15
