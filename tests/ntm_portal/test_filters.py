import pytest

from sponsorships.models import MonthlyReport
from sponsorships.report_filters import MonthlyReportFilterSet
from tests.sponsorships.factories import MonthlyReportFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("value", "expected_titles"),
    [("", {"late", "on time"}), ("true", {"late"}), ("false", {"on time"})],
)
def test_yes_no_filter_reads_all_yes_and_no(value, expected_titles):
    late = MonthlyReportFactory(is_late=True, difficulties="late")
    on_time = MonthlyReportFactory(is_late=False, difficulties="on time")

    filtered = MonthlyReportFilterSet({"is_late": value}, queryset=MonthlyReport.objects.all()).qs

    assert {r.difficulties for r in filtered} == expected_titles
    assert {late.pk, on_time.pk} >= {r.pk for r in filtered}


@pytest.mark.django_db
def test_yes_no_filter_offers_all_instead_of_unknown():
    html = str(MonthlyReportFilterSet({"is_late": "true"}).form["is_late"])

    assert ">Tất cả</option>" in html
    assert 'value="true" selected' in html
