"""Pages: the entry form (role matrix, errors, success), assessment and set pages, the panels."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communes.models import Commune
from criteria.models import Assessment, IndicatorValue
from criteria.services import assessment_create
from tests.communes.factories import CommuneFactory
from tests.criteria.factories import ALL_MET

ROLES = [
    "anonymous",
    "no_role_user",
    "leader",
    "agency_staff",
    "other_agency_staff",
    "commune_officer",
    "other_commune_officer",
    "coordination_office",
]
VALID_POST = {
    "period": "11/2026",
    "stage": "self_assessed",
    "value_1_1": "1",
    "value_1_2": "95,5",
    "value_2_1": "4",
    "value_3_1": "50",
    "note": "",
}


def create_url(commune):
    return reverse("criteria:assessment_create", args=[commune.pk])


def state(commune):
    commune = Commune.objects.get(pk=commune.pk)
    return Assessment.objects.count(), IndicatorValue.objects.count(), commune.criteria_met


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("no_role_user", 404),
        ("leader", 403),
        ("agency_staff", 403),
        ("other_agency_staff", 403),
        ("commune_officer", 302),
        ("other_commune_officer", 403),
        ("coordination_office", 302),
    ],
)
def test_who_may_post_an_assessment_for_commune_a(as_role, criteria_set, commune_a, role, expected):
    client, _user = as_role(role)
    before = state(commune_a)

    response = client.post(create_url(commune_a), VALID_POST)

    assert response.status_code == expected
    if role in ("commune_officer", "coordination_office"):
        assert response.url == reverse("communes:commune_detail", args=[commune_a.pk])
        assert state(commune_a) == (1, 4, 3)
    else:
        assert state(commune_a) == before
        if role == "anonymous":
            assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("no_role_user", 404),
        ("leader", 403),
        ("agency_staff", 403),
        ("commune_officer", 200),
        ("other_commune_officer", 403),
        ("coordination_office", 200),
    ],
)
def test_who_may_open_the_entry_form(as_role, criteria_set, commune_a, role, expected):
    client, _user = as_role(role)

    assert client.get(create_url(commune_a)).status_code == expected


def test_form_offers_only_the_stages_the_user_may_enter(as_role, criteria_set, commune_a):
    client, _user = as_role("commune_officer")

    response = client.get(create_url(commune_a))

    assert list(response.context["form"].fields["stage"].choices) == [
        ("self_assessed", "Xã tự đánh giá")
    ]


def test_commune_officer_cannot_post_an_appraisal(as_role, criteria_set, commune_a):
    client, _user = as_role("commune_officer")

    response = client.post(create_url(commune_a), {**VALID_POST, "stage": "appraised"})

    assert response.status_code == 200
    assert "stage" in response.context["form"].errors
    assert Assessment.objects.count() == 0


def test_success_stores_decimal_comma_values_and_says_so(as_role, criteria_set, commune_a):
    client, _user = as_role("coordination_office")

    response = client.post(create_url(commune_a), VALID_POST, follow=True)

    value = IndicatorValue.objects.get(indicator__code="1.2")
    assert value.value == Decimal("95.5")
    assert "Đã lưu đánh giá: 3/3 tiêu chí đạt." in response.content.decode()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"value_1_2": "140"}, "value_1_2", "Tỷ lệ phải từ 0 đến 100 (đã nhập 140)."),
        ({"value_3_1": "-3"}, "value_3_1", "Giá trị không được âm (đã nhập -3)."),
        ({"value_1_2": "chín mươi"}, "value_1_2", "Nhập một số, ví dụ 12,5."),
        # Vietnamese grouping: 1.234,5 is one thousand two hundred and thirty-four and a half.
        ({"value_1_2": "1.234,5"}, "value_1_2", "Tỷ lệ phải từ 0 đến 100"),
        ({"value_1_2": "1,2,3"}, "value_1_2", "Nhập một số, ví dụ 12,5."),
        ({"period": "12/2026"}, "period", "Kỳ 12/2026 chưa đến"),
        ({"period": "2026/13"}, "period", "Nhập kỳ theo dạng tháng/năm, ví dụ 10/2026."),
        ({"period": "05/2020"}, "period", "Không có bộ tiêu chí nào có hiệu lực trong kỳ 05/2020."),
    ],
)
def test_errors_are_shown_on_the_field_and_nothing_is_saved(
    as_role, criteria_set, commune_a, change, field, message
):
    client, _user = as_role("coordination_office")

    response = client.post(create_url(commune_a), {**VALID_POST, **change})

    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any(message in error for error in errors), errors
    assert message.split(" (")[0] in response.content.decode()
    assert Assessment.objects.count() == 0


def test_a_typo_and_an_out_of_range_value_are_reported_together(as_role, criteria_set, commune_a):
    client, _user = as_role("coordination_office")
    change = {"value_1_2": "140", "value_3_1": "năm mươi"}

    response = client.post(create_url(commune_a), {**VALID_POST, **change})

    errors = response.context["form"].errors
    assert errors["value_1_2"] == ["Tỷ lệ phải từ 0 đến 100 (đã nhập 140)."]
    assert errors["value_3_1"] == ["Nhập một số, ví dụ 12,5."]
    assert Assessment.objects.count() == 0


def test_all_empty_values_is_a_form_error(as_role, criteria_set, commune_a):
    client, _user = as_role("coordination_office")
    empty = {k: "" for k in VALID_POST if k.startswith("value_")}

    response = client.post(create_url(commune_a), {**VALID_POST, **empty})

    assert "Nhập giá trị cho ít nhất một chỉ tiêu." in response.context["form"].non_field_errors()
    assert Assessment.objects.count() == 0


def test_form_starts_from_the_current_assessment(
    as_role, criteria_set, commune_a, coordination_office
):
    assessment_create(
        commune=commune_a,
        period=dt.date(2026, 10, 1),
        stage="appraised",
        values={**ALL_MET, "1.2": Decimal("96.5")},
        entered_by=coordination_office,
    )
    client, _user = as_role("commune_officer")

    response = client.get(create_url(commune_a))

    html = response.content.decode()
    assert 'value="96,5"' in html
    assert '<option value="1" selected>' in html
    assert 'value="11/2026"' in html  # this month by default, as the province writes it
    assert "Ngưỡng: ≥ 90 %" in html


def test_a_ward_has_no_entry_button_and_its_form_refuses(as_role, criteria_set):
    ward = CommuneFactory(kind=Commune.Kind.PHUONG)
    client, _user = as_role("coordination_office")

    page = client.get(reverse("communes:commune_detail", args=[ward.pk])).content.decode()
    response = client.post(create_url(ward), VALID_POST)

    assert "Nhập đánh giá" not in page
    assert "không phải là xã" in " ".join(response.context["form"].non_field_errors())


@pytest.mark.parametrize(
    ("role", "expected"), [("no_role_user", 404), ("leader", 200), ("commune_officer", 200)]
)
def test_assessment_page(as_role, criteria_set, commune_a, coordination_office, role, expected):
    assessment = assessment_create(
        commune=commune_a,
        period=dt.date(2026, 10, 1),
        stage="appraised",
        values=ALL_MET,
        entered_by=coordination_office,
    )
    client, _user = as_role(role)

    response = client.get(reverse("criteria:assessment_detail", args=[assessment.pk]))

    assert response.status_code == expected
    if expected == 200:
        html = response.content.decode()
        assert "Đánh giá kỳ 10/2026" in html
        assert "95,5 %" in html
        assert "≥ 90 %" in html
        assert "Đạt chuẩn NTM" in html


def test_criteria_set_pages_show_thresholds_per_region_and_unverified_flags(as_role, criteria_set):
    criteria_set.criteria.get(number=1).indicators.filter(code="1.1").update(is_verified=False)
    client, _user = as_role("leader")

    listing = client.get(reverse("criteria:criteria_set_list")).content.decode()
    html = client.get(
        reverse("criteria:criteria_set_detail", args=[criteria_set.pk])
    ).content.decode()

    assert criteria_set.name in listing
    assert "Trung du và miền núi phía Bắc" in html
    assert "Đồng bằng sông Hồng" in html
    assert "từ 2022:" in html
    assert "từ 2025:" in html
    assert "chưa kiểm chứng" in html


# --- panels -----------------------------------------------------------------------------------


def commune_page(client, commune):
    return client.get(reverse("communes:commune_detail", args=[commune.pk]))


@pytest.mark.parametrize(
    ("role", "has_button"),
    [
        ("leader", False),
        ("agency_staff", False),
        ("commune_officer", True),
        ("other_commune_officer", False),
        ("coordination_office", True),
    ],
)
def test_commune_page_shows_the_grid_and_the_button_to_those_who_may_enter(
    as_role, criteria_set, commune_a, coordination_office, role, has_button
):
    assessment_create(
        commune=commune_a,
        period=dt.date(2026, 11, 1),
        stage="appraised",
        values={**ALL_MET, "2.1": Decimal(12)},
        entered_by=coordination_office,
    )
    client, _user = as_role(role)

    html = commune_page(client, commune_a).content.decode()

    assert "2/3" in html
    assert "Chưa đạt chuẩn" in html
    assert "Tiêu chí 2: Nghèo đa chiều" in html
    assert "≤ 10 %" in html
    assert ("Nhập đánh giá" in html) is has_button
    assert "Lịch sử đánh giá" in html


def test_commune_page_of_a_commune_never_assessed_shows_thresholds(
    as_role, criteria_set, commune_a
):
    client, _user = as_role("leader")

    html = commune_page(client, commune_a).content.decode()

    assert "Xã chưa có đánh giá nào" in html
    assert "≥ 90 %" in html
    assert "Chưa có lần đánh giá nào." in html


def count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_commune_page_query_count_does_not_grow_with_history(
    as_role, criteria_set, commune_a, coordination_office
):
    client, _user = as_role("leader")
    counts = []
    for month in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10):
        assessment_create(
            commune=commune_a,
            period=dt.date(2026, month, 1),
            stage="appraised",
            values=ALL_MET,
            entered_by=coordination_office,
        )
        if month in (1, 10):
            counts.append(
                count_queries(client, reverse("communes:commune_detail", args=[commune_a.pk]))
            )

    assert counts[0] == counts[1], counts


@pytest.mark.parametrize("assessments", [1, 10])
def test_panel_contexts_run_a_fixed_number_of_queries(
    criteria_set, commune_a, coordination_office, django_assert_num_queries, assessments
):
    from criteria.panels import commune_detail_context

    for month in range(1, assessments + 1):
        assessment_create(
            commune=commune_a,
            period=dt.date(2026, month, 1),
            stage="appraised",
            values=ALL_MET,
            entered_by=coordination_office,
        )

    # current assessment, 3 for the set, 2 stored, the chart's rows (the table's only page: a
    # history longer than the chart's rows adds its count and page, test_commune_history.py)
    with django_assert_num_queries(7):
        context = commune_detail_context(commune=commune_a, user=coordination_office)
        rows = list(context["history_page"].object_list)

    assert len(context["history"]) == len(rows) == assessments
