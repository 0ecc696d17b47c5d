"""{% action_counts province as counts %}: the counts of "what needs action", each with the URL
of its list, for any page that shows them (the overview includes dashboards/_action_counts.html).
One aggregate query, whatever the number of communes."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

from communes.models import Province
from dashboards.selectors.actions import ActionFilters, action_counts, count_items
from ntm_portal.permissions import has_portal_role

register = template.Library()


@dataclass(frozen=True)
class CountLink:
    key: str
    title: str
    count: int
    url: str


@register.simple_tag(takes_context=True, name="action_counts")
def action_count_links(context: template.Context, province: Province | None) -> list[CountLink]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if province is None or user is None or not has_portal_role(user):
        return []
    filters = ActionFilters(province=province, months=settings.PORTAL_ASSESSMENT_STALE_MONTHS)
    base = reverse("dashboards:action_list")
    return [
        CountLink(
            item.key,
            item.title,
            item.count,
            f"{base}?{urlencode({'province': province.code, 'list': item.key})}",
        )
        for item in count_items(action_counts(user=user, filters=filters))
    ]


@register.simple_tag(name="url_of")
def url_of(name: str, pk: int) -> str:
    """{% url name pk %} for the hundreds of links of a list page (a criterion links from most
    rows): each reversed once per process, a quarter of the page's rendering otherwise."""
    return _reversed(name, pk, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


@functools.lru_cache(maxsize=4096)
def _reversed(name: str, pk: int, prefix: str, urlconf: str) -> str:
    return reverse(name, args=[pk], urlconf=urlconf)
