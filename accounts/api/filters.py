"""Filters of the users API (role, agency, commune, active, locked, second factor, search).

The office's user pages are built in parallel with their own FilterSet; the two are meant to
become one accounts/filters.py shared by the pages and the API.
"""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.selectors import user_search_q
from communes.models import Commune
from ntm_portal.filters import YesNoFilter
from ntm_portal.models import User
from sponsorships.models import Agency

ALL = _("Tất cả")


class UserFilterSet(django_filters.FilterSet):
    search = django_filters.CharFilter(
        label=_("Tìm theo tên, tên đăng nhập, e-mail, điện thoại"), method="filter_search"
    )
    role = django_filters.ChoiceFilter(
        label=_("Vai trò"), choices=User.Role.choices, empty_label=ALL
    )
    agency = django_filters.ModelChoiceFilter(
        label=_("Cơ quan"), queryset=Agency.objects.all(), empty_label=ALL
    )
    commune = django_filters.ModelChoiceFilter(
        label=_("Xã"), queryset=Commune.objects.all(), empty_label=ALL
    )
    is_active = YesNoFilter(label=_("Đang hoạt động"))
    is_locked = YesNoFilter(label=_("Đang bị khóa đăng nhập"))
    has_second_factor = YesNoFilter(label=_("Có xác thực hai yếu tố"))

    class Meta:
        model = User
        fields: list[str] = []

    def filter_search(self, queryset: QuerySet[User], name: str, value: str) -> QuerySet[User]:
        return queryset.filter(user_search_q(value))
