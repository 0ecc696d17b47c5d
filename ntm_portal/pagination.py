"""One paginator behaviour for every list: a page number past the end shows the last page,
anything that is not a page number shows the first (never a 404)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest


def paginate(request: HttpRequest, object_list: Any, per_page: int, param: str = "page") -> Page:
    """The page of ``object_list`` that ``?page=`` asks for, clamped to the pages that exist."""
    return Paginator(object_list, per_page).get_page(request.GET.get(param))


def paginate_to(
    request: HttpRequest, rows: list, per_page: int, param: str, index: int | None
) -> Page:
    """As :func:`paginate`, but without ``?<param>=`` the page holding ``rows[index]`` (the row
    the reader came from), not the first."""
    if param in request.GET or index is None:
        return paginate(request, rows, per_page, param)
    return Paginator(rows, per_page).get_page(index // per_page + 1)


class KnownCount:
    """Rows whose number is already known (from a summary table): the paginator slices them
    and takes the count as given instead of counting them again."""

    def __init__(self, rows: Any, count: int) -> None:
        self._rows, self._count = rows, count

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: slice) -> Any:
        return self._rows[index]


class ClampedPaginationMixin:
    """For ListView: the same clamping as :func:`paginate` instead of Django's 404."""

    def paginate_queryset(self, queryset: Any, page_size: int) -> tuple:
        page = paginate(self.request, queryset, page_size, self.page_kwarg)
        return page.paginator, page, page.object_list, page.has_other_pages()


class Counted:
    """A queryset whose length is already known (a summary counted it): the paginator slices
    it without counting its rows again."""

    def __init__(self, queryset: Any, count: int) -> None:
        self.queryset = queryset
        self._count = count

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, key: Any) -> Any:
        return self.queryset[key]
