"""Filter pieces shared by every app's FilterSets."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _


class YesNoSelect(forms.Select):
    """A yes/no filter select whose empty choice reads "all", not Django's "unknown"."""

    def __init__(self, attrs=None):
        choices = [("", _("Tất cả")), ("true", _("Có")), ("false", _("Không"))]
        super().__init__(attrs, choices)

    def format_value(self, value):
        return [{True: "true", False: "false", "true": "true", "false": "false"}.get(value, "")]


class YesNoFilter(django_filters.BooleanFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", YesNoSelect)
        super().__init__(*args, **kwargs)
