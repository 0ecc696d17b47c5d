"""UserFilterSet: the one definition of the account list's search, filters and sorting.

Always applied on top of the scoped selector: ``UserFilterSet(params,
queryset=user_list(user=user)).qs`` (the lock and second-factor columns are its annotations).
"""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.selectors import user_search_q
from communes.models import Commune
from communes.pickers import commune_filter
from ntm_portal.filters import NullsLastOrderingFilter, YesNoFilter
from ntm_portal.models import User
from sponsorships.filters import ALL
from sponsorships.models import Agency
from sponsorships.pickers import agency_filter

RECENT_LOGIN_DAYS = 30  # the choices below say "30 ngày"


class LastLogin:
    NEVER = "never"
    RECENT = "recent"
    OLDER = "older"
    choices = [
        (NEVER, _("Chưa đăng nhập lần nào")),
        (RECENT, _("Trong 30 ngày qua")),
        (OLDER, _("Đã quá 30 ngày")),
    ]


def _descending(label: str) -> str:
    return format_lazy("{} ({})", label, _("giảm dần"))


class UserFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Tìm"),
        method="filter_search",
        max_length=100,
        help_text=_('Tên, tên đăng nhập, e-mail hoặc điện thoại; gõ không dấu cũng được ("lan").'),
    )
    role = django_filters.ChoiceFilter(
        label=_("Vai trò"), choices=User.Role.choices, empty_label=ALL
    )
    agency = agency_filter(
        label=_("Cơ quan"), queryset=Agency.objects.order_by("name"), empty_label=ALL
    )
    commune = commune_filter(
        xa_only=False,
        label=_("Xã"),
        queryset=Commune.objects.select_related("district").order_by("search_name"),
        empty_label=ALL,
    )
    is_active = YesNoFilter(label=_("Đang hoạt động"))
    is_locked = YesNoFilter(label=_("Bị khóa đăng nhập"))
    has_mfa = YesNoFilter(label=_("Có xác thực hai yếu tố"))
    last_login = django_filters.ChoiceFilter(
        label=_("Đăng nhập lần cuối"),
        choices=LastLogin.choices,
        method="filter_last_login",
        empty_label=ALL,
    )
    sort = NullsLastOrderingFilter(
        label=_("Sắp xếp"),
        empty_label=_("Theo tên"),
        tie_break=("search_name", "username"),
        fields=(("search_name", "name"), ("last_login", "last_login"), ("date_joined", "created")),
        field_labels={
            # Given here so they stay lazy: django-filter formats its own once, at import.
            "search_name": _("Tên"),
            "last_login": _("Đăng nhập lần cuối"),
            "date_joined": _("Ngày tạo"),
            "-name": _descending(_("Tên")),
            "-last_login": _descending(_("Đăng nhập lần cuối")),
            "-created": _descending(_("Ngày tạo")),
        },
    )

    class Meta:
        model = User
        fields: list[str] = []

    def filter_search(self, queryset: QuerySet[User], name: str, value: str) -> QuerySet[User]:
        return queryset.filter(user_search_q(value))

    def filter_last_login(self, queryset: QuerySet[User], name: str, value: str) -> QuerySet[User]:
        since = timezone.now() - dt.timedelta(days=RECENT_LOGIN_DAYS)
        if value == LastLogin.NEVER:
            return queryset.filter(last_login__isnull=True)
        if value == LastLogin.RECENT:
            return queryset.filter(last_login__gte=since)
        return queryset.filter(last_login__lt=since)
