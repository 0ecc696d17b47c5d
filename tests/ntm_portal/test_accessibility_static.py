"""Accessibility rules checked on the source: every scrolling table box is a named, focusable
region, and the focus indicators keep 3:1 contrast against what surrounds them (WCAG 1.4.11)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
CSS = ROOT / "static" / "css" / "portal.css"

TABLE_WRAP = re.compile(r"<div\b[^>]*\bclass=\"[^\"]*\btable-wrap\b[^\"]*\"[^>]*>")


def table_wraps() -> list[tuple[str, str]]:
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        found += [(name, tag) for tag in TABLE_WRAP.findall(path.read_text())]
    return found


def test_there_are_table_boxes_to_check():
    assert len(table_wraps()) >= 30


@pytest.mark.parametrize(("template", "tag"), table_wraps())
def test_every_table_box_is_a_named_focusable_region(template, tag):
    # At 390 px a table wider than the screen scrolls inside its box: a keyboard user must be
    # able to reach that box (axe scrollable-region-focusable) and hear what it holds.
    assert 'role="region"' in tag
    assert 'tabindex="0"' in tag
    assert re.search(r'aria-label(ledby)?="[^"]+"', tag)


def test_the_rule_catches_a_bare_table_box():
    assert TABLE_WRAP.findall('<div class="table-wrap"><table>') == ['<div class="table-wrap">']


def relative_luminance(hex_colour: str) -> float:
    value = hex_colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(a: str, b: str) -> float:
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def css_variables() -> dict[str, str]:
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{3,6})\b", CSS.read_text()))


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [("#000000", "#ffffff", 21.0), ("#ffffff", "#ffffff", 1.0), ("#f0b400", "#ffffff", 1.87)],
)
def test_contrast_ratio_matches_the_wcag_formula(a, b, expected):
    assert contrast_ratio(a, b) == pytest.approx(expected, abs=0.01)


@pytest.mark.parametrize(
    ("indicator", "surface"),
    [
        ("focus", "#ffffff"),  # cards, tables, form fields
        ("focus", "bg"),  # the page background
        ("focus-on-dark", "green"),  # the green header
    ],
)
def test_focus_indicators_have_3_to_1_contrast(indicator, surface):
    colours = css_variables()
    background = colours.get(surface, surface)
    assert contrast_ratio(colours[indicator], background) >= 3


def test_focus_outlines_use_the_checked_colours():
    css = CSS.read_text()
    outlines = re.findall(r"outline:\s*\d+px solid ([^;]+);", css)
    assert outlines
    assert set(outlines) == {"var(--focus)"}
    assert "outline-color: var(--focus-on-dark)" in css
    assert "#f0b400" not in css
