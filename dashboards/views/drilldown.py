"""Placeholders so every dashboard route can be linked while its page is being built."""

from __future__ import annotations

from django.http import Http404


def placeholder(request, **kwargs):
    raise Http404
