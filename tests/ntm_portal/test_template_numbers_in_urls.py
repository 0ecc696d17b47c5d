"""Ids and years put into URLs or form values must not be localized: with the Vietnamese
thousands separator, commune 2256 becomes "?commune=2.256" and year 2026 "?year=2.026", which
only show once the ids pass 999 (a real province, or a long test run)."""

import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# A variable ending in .pk, .id, _id or year, printed without |unlocalize as a query-string or
# attribute value (blocktrans placeholders are formatted in their "with" clause).
BARE_NUMBER = re.compile(r"(?<==)\"?(\{\{ ?[a-zA-Z_.]*(?:\.pk|\.id|_id|year) ?\}\})")
STRINGS = {"{{ field.auto_id }}", "{{ import_id }}"}


def bare_numbers() -> list[tuple[str, str]]:
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        if "allauth" in path.parts:
            continue
        for match in BARE_NUMBER.findall(path.read_text()):
            if match not in STRINGS:
                found.append((path.relative_to(TEMPLATES).as_posix(), match))
    return found


def test_no_template_prints_an_id_or_a_year_localized():
    assert bare_numbers() == []


def test_the_rule_is_needed_the_separator_is_on():
    with translation.override("vi"):
        html = Template("{% load l10n %}{{ pk }} {{ pk|unlocalize }}").render(Context({"pk": 2256}))
    assert html == "2.256 2256"


@pytest.mark.parametrize(
    "text", ["?commune={{ c.pk }}", "&amp;year={{ row.year }}", 'value="{{ n.pk }}"']
)
def test_the_rule_catches_a_bare_id(text):
    assert BARE_NUMBER.findall(text)
