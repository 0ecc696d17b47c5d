"""How many reports a list of monthly reports holds, read from the report counts (ReportCount)
instead of counting the reports: the same cost for a year of a country's reports as for one
month of a province's, so the list page's and the API's pager cost does not grow."""

from __future__ import annotations

from collections.abc import Mapping

from django.db.models import QuerySet, Sum
from django_filters import FilterSet

from ntm_portal.pagination import KnownCount
from ntm_portal.permissions import PortalUser, is_agency_staff, is_coordination_office, is_leader
from sponsorships.models import ReportCount

Grouping = ReportCount.Grouping
# MonthlyReportFilterSet's filters that are columns of the report counts.
COUNTED = ("period", "status", "is_late")


def monthly_report_count(*, user: PortalUser, filters: Mapping) -> int | None:
    """The number of reports of monthly_report_list(user) narrowed by ``filters`` (the cleaned
    data of a MonthlyReportFilterSet), or None when the counts cannot tell: a commune's
    reports (a commune officer's, or filtered by commune), a few rows to count directly."""
    if filters.get("commune") or not _sees_by_agency(user):
        return None
    agency = filters.get("agency")
    agency_id = agency.pk if agency else None
    if is_agency_staff(user):
        if agency_id not in (None, user.agency_id):
            return 0
        agency_id = user.agency_id
    counts = ReportCount.objects.filter(grouping=Grouping.PROVINCE)
    if agency_id is not None:
        counts = ReportCount.objects.filter(grouping=Grouping.AGENCY, key=agency_id)
    narrow = {name: filters[name] for name in COUNTED if filters.get(name) not in (None, "")}
    return counts.filter(**narrow).aggregate(n=Sum("count"))["n"] or 0


def with_known_count(queryset: QuerySet, *, user: PortalUser, filterset: FilterSet) -> object:
    """The filtered ``queryset`` for a paginator: wrapped with its count from the report
    counts when those can tell (and the filters are valid), so the pager does not count."""
    if filterset.is_bound and not filterset.is_valid():
        return queryset
    filters = filterset.form.cleaned_data if filterset.is_bound else {}
    count = monthly_report_count(user=user, filters=filters)
    return queryset if count is None else KnownCount(queryset, count)


def _sees_by_agency(user: PortalUser) -> bool:
    """Whether the user's scope is every report, or an agency's."""
    return is_coordination_office(user) or is_leader(user) or is_agency_staff(user)
