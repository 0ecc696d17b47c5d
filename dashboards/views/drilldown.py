"""Drill-down pages: district → commune → criterion → indicator."""

from __future__ import annotations

from django.http import Http404


def district_detail(request, pk: int):
    raise Http404


def criterion_detail(request, pk: int):
    raise Http404


def indicator_detail(request, pk: int):
    raise Http404
