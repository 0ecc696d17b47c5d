"""Server-side SVG charts from plain data: one module for every page and every PDF.

A chart is a frozen dataclass (kind, title, labels, series); ``chart.svg`` draws it. The output
is deterministic (same data, same bytes), needs no script and no web font (it inherits the
page's or the document's font), carries ``role="img"``, ``<title>`` and ``<desc>``, and every
bar or point has its own ``<title>`` with the number. Pages show the numbers as a table behind
"xem số liệu" (``{% chart %}`` in the ``charts`` tag library); numbers use the Vietnamese
grouping of the active language (the ``num`` filter of portal_tags, not a copy of it).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ntm_portal.templatetags.portal_tags import num

PALETTE = ("#1f6f43", "#e0a800", "#c0392b", "#2b6cb0", "#7b5ea7", "#5b6470")
INK, MUTED, GRID = "#1d2330", "#5b6470", "#d9dde3"
FONT_SIZE = 11
# The documents' bundled font (a PDF embeds it); pages set svg.chart { font-family: inherit }.
FONT_FAMILY = "Liberation Serif, serif"
KINDS = ("bar", "hbar", "stacked", "line")
MAX_SCALE = 1.25


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]
    color: str = ""


@dataclass(frozen=True)
class Chart:
    kind: str
    title: str
    labels: tuple[str, ...]
    series: tuple[Series, ...]
    desc: str = ""
    unit: str = ""
    width: int = 640
    height: int = 240
    colors: tuple[str, ...] = field(default=PALETTE, repr=False)
    decimals: int | None = None  # fixed decimals for every value (averages: 2), else as num
    links: tuple[str, ...] = ()  # one URL per label: each bar opens the rows behind it

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown chart kind {self.kind!r}")
        for series in self.series:
            if len(series.values) != len(self.labels):
                raise ValueError(f"series {series.name!r} has not one value per label")
        if self.links and len(self.links) != len(self.labels):
            raise ValueError("links must give one URL per label")

    @property
    def is_empty(self) -> bool:
        return not self.labels or not any(v for s in self.series for v in s.values)

    @property
    def chart_id(self) -> str:
        data = repr((self.kind, self.title, self.labels, self.series)).encode()
        return "chart-" + hashlib.sha1(data, usedforsecurity=False).hexdigest()[:8]

    def color(self, index: int) -> str:
        return self.series[index].color or self.colors[index % len(self.colors)]

    def fmt(self, value: float) -> str:
        return f"{num(value, self.decimals)}{self.unit}"

    def link(self, index: int) -> str:
        return self.links[index] if self.links else ""

    @property
    def rows(self) -> list[tuple[str, list[str]]]:
        """(label, [formatted value per series]) for the table behind the chart."""
        return [
            (label, [self.fmt(s.values[i]) for s in self.series])
            for i, label in enumerate(self.labels)
        ]

    @property
    def svg(self) -> SafeString:
        return render_svg(self)


def bar_chart(title: str, labels: Sequence[str], values: Sequence[float], **options) -> Chart:
    """One series of bars; ``horizontal=True`` for long labels (communes, agencies)."""
    kind = "hbar" if options.pop("horizontal", False) else "bar"
    name = options.pop("name", title)
    series = (Series(name, tuple(values), options.pop("color", "")),)
    return Chart(kind=kind, title=title, labels=tuple(labels), series=series, **options)


def stacked_bar_chart(
    title: str, labels: Sequence[str], series: Sequence[Series], **options
) -> Chart:
    """Bars of stacked parts, first series at the bottom."""
    return Chart(kind="stacked", title=title, labels=tuple(labels), series=tuple(series), **options)


def line_chart(title: str, labels: Sequence[str], series: Sequence[Series], **options) -> Chart:
    """A trend: one line per series over the labels (months, usually)."""
    return Chart(kind="line", title=title, labels=tuple(labels), series=tuple(series), **options)


def nice_max(value: float) -> float:
    """The axis top: the value rounded up to 1, 2, 2.5 or 5 × 10^k (0 → 1), skipping a top whose
    half (the middle grid line) would not be whole: 23 communes get 50, not 25 and "12,5"."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        top = step * power
        if value <= top and (top < 2 or (top / 2) == int(top / 2)):
            return top
    return 10 * power  # pragma: no cover


def c(value: float) -> str:
    """A coordinate with one decimal, the same on every machine."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def render_svg(chart: Chart) -> SafeString:
    height = _hbar_height(chart) if chart.kind == "hbar" else chart.height
    if len(chart.series) > 1:
        height += 22
    body = _empty(chart, height) if chart.is_empty else DRAW[chart.kind](chart)
    legend = _legend(chart, height) if len(chart.series) > 1 and not chart.is_empty else ""
    cid = chart.chart_id
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}" role="{role}" '
        'viewBox="0 0 {w} {h}" width="100%" style="max-width:{max_w}px" font-size="{fs}" '
        'font-family="{ff}" aria-labelledby="{cid}-title {cid}-desc">'
        '<title id="{cid}-title">{title}</title><desc id="{cid}-desc">{desc}</desc>'
        "{body}{legend}</svg>",
        kind=chart.kind,
        # An image has no interactive parts: a chart whose bars are links is a group of them.
        role="group" if chart.links else "img",
        w=chart.width,
        # Fills a narrow column, but never grows past 1.25× its drawing (labels stay text-sized).
        max_w=round(chart.width * MAX_SCALE),
        h=height,
        fs=FONT_SIZE,
        ff=FONT_FAMILY,
        cid=cid,
        title=chart.title,
        desc=chart.desc or _describe(chart),
        body=body,
        legend=legend,
    )


def _describe(chart: Chart) -> str:
    if chart.is_empty:
        return _("Chưa có số liệu.")
    names = [f"{s.name} " if len(chart.series) > 1 else "" for s in chart.series]
    parts = [
        f"{label}: {', '.join(n + v for n, v in zip(names, values, strict=True))}"
        for label, values in chart.rows
    ]
    return "; ".join(parts) + "."


def _empty(chart: Chart, height: int) -> SafeString:
    return format_html(
        '<text x="{}" y="{}" text-anchor="middle" fill="{}">{}</text>',
        c(chart.width / 2),
        c(height / 2),
        MUTED,
        _("Chưa có số liệu"),
    )


def _legend(chart: Chart, height: int) -> SafeString:
    items, x = [], 48.0
    for index, series in enumerate(chart.series):
        items.append(
            format_html(
                '<rect x="{}" y="{}" width="10" height="10" fill="{}"></rect>'
                '<text x="{}" y="{}" fill="{}">{}</text>',
                c(x),
                height - 15,
                chart.color(index),
                c(x + 14),
                height - 6,
                INK,
                series.name,
            )
        )
        x += 24 + 6.5 * len(series.name)
    return format_html('<g class="legend">{}</g>', mark_safe("".join(items)))  # noqa: S308


TOP, LEFT, BOTTOM = 12, 48, 30


def _axis(chart: Chart, top_value: float, plot_h: float) -> SafeString:
    """Three horizontal grid lines with their values (0, half, top)."""
    lines = []
    for share in (0, 0.5, 1):
        y = TOP + plot_h * (1 - share)
        lines.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"></line>'
                '<text x="{}" y="{}" text-anchor="end" fill="{}">{}</text>',
                LEFT,
                c(y),
                chart.width - 8,
                c(y),
                GRID,
                LEFT - 4,
                c(y + 4),
                MUTED,
                _axis_label(chart, top_value * share),
            )
        )
    return mark_safe("".join(lines))  # noqa: S308 -- each piece built by format_html


def _axis_label(chart: Chart, value: float) -> str:
    """50 (not 50,0); a percent axis says %, a money axis leaves the unit to the title."""
    value = int(value) if value == int(value) else value
    return f"{num(value)}{'%' if chart.unit == '%' else ''}"


def _columns(chart: Chart) -> SafeString:
    """Vertical bars (one series) or stacked bars (several), with labels under them."""
    plot_h = chart.height - TOP - BOTTOM
    totals = [sum(s.values[i] for s in chart.series) for i in range(len(chart.labels))]
    top_value = nice_max(max(totals))
    slot = (chart.width - LEFT - 8) / len(chart.labels)
    bar_w = min(slot * 0.6, 60)
    parts = [_axis(chart, top_value, plot_h)]
    for i, label in enumerate(chart.labels):
        x, base = LEFT + slot * i + (slot - bar_w) / 2, TOP + plot_h
        for index, series in enumerate(chart.series):
            h = plot_h * series.values[i] / top_value
            base -= h
            if series.values[i]:
                bar = _bar(chart, index, x, base, bar_w, h, label, series.values[i])
                name = f"{label}: {chart.fmt(series.values[i])}"
                parts.append(_linked(chart.link(i), name, bar))
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" fill="{}">{}</text>',
                c(x + bar_w / 2),
                c(TOP + plot_h + 16),
                MUTED,
                label,
            )
        )
    return mark_safe("".join(parts))  # noqa: S308


def _bar(chart, index, x, y, w, h, label, value) -> SafeString:
    name = f"{chart.series[index].name}, " if len(chart.series) > 1 else ""
    return format_html(
        '<rect class="chart-bar" x="{}" y="{}" width="{}" height="{}" fill="{}">'
        "<title>{}: {}{}</title></rect>",
        c(x),
        c(y),
        c(w),
        c(h),
        chart.color(index),
        label,
        name,
        chart.fmt(value),
    )


def _linked(url: str, name: str, bar: SafeString) -> SafeString:
    """The bar inside a link to the rows behind it (named by its label and value), when the
    chart gives one."""
    return format_html('<a href="{}" aria-label="{}">{}</a>', url, name, bar) if url else bar


HBAR_ROW, HBAR_LABEL, LABEL_CHARS = 20, 220, 34


def _short(label: str) -> str:
    """A long name cut to fit the label column (the bar's title and the table keep it whole)."""
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def _hbar_height(chart: Chart) -> int:
    return TOP + HBAR_ROW * max(len(chart.labels), 1) + 8


def _rows(chart: Chart) -> SafeString:
    """Horizontal bars: label at the left, value at the bar's end."""
    values = chart.series[0].values
    top_value = nice_max(max(values))
    room = chart.width - HBAR_LABEL - 80
    parts = []
    for i, label in enumerate(chart.labels):
        y, w = TOP + HBAR_ROW * i, room * values[i] / top_value
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" fill="{}">{}</text>',
                HBAR_LABEL - 6,
                y + 13,
                INK,
                _short(label),
            )
        )
        if values[i]:
            bar = _bar(chart, 0, HBAR_LABEL, y + 3, w, HBAR_ROW - 6, label, values[i])
            parts.append(_linked(chart.link(i), f"{label}: {chart.fmt(values[i])}", bar))
        parts.append(
            format_html(
                '<text x="{}" y="{}" fill="{}">{}</text>',
                c(HBAR_LABEL + w + 4),
                y + 13,
                INK,
                chart.fmt(values[i]),
            )
        )
    return mark_safe("".join(parts))  # noqa: S308


def _lines(chart: Chart) -> SafeString:
    """One polyline per series, a dot with its number at each point."""
    plot_h = chart.height - TOP - BOTTOM
    top_value = nice_max(max(v for s in chart.series for v in s.values))
    # The last label ("Q4/2026") is centred on its point: room for half of it on the right.
    step = (chart.width - LEFT - 48) / max(len(chart.labels) - 1, 1)
    parts = [_axis(chart, top_value, plot_h)]
    xs = [LEFT + 12 + step * i for i in range(len(chart.labels))]
    for index, series in enumerate(chart.series):
        ys = [TOP + plot_h * (1 - v / top_value) for v in series.values]
        points = " ".join(f"{c(x)},{c(y)}" for x, y in zip(xs, ys, strict=True))
        parts.append(
            format_html(
                '<polyline class="line" points="{}" fill="none" stroke="{}" stroke-width="2">'
                "</polyline>",
                points,
                chart.color(index),
            )
        )
        parts.append(
            format_html_join(
                "",
                '<circle class="point" cx="{}" cy="{}" r="3" fill="{}"><title>{}: {}</title>'
                "</circle>",
                (
                    (c(x), c(y), chart.color(index), label, chart.fmt(v))
                    for x, y, label, v in zip(xs, ys, chart.labels, series.values, strict=True)
                ),
            )
        )
    parts.append(
        format_html_join(
            "",
            '<text x="{}" y="{}" text-anchor="middle" fill="{}">{}</text>',
            (
                (c(x), c(TOP + plot_h + 16), MUTED, label)
                for x, label in zip(xs, chart.labels, strict=True)
            ),
        )
    )
    return mark_safe("".join(parts))  # noqa: S308


DRAW = {"bar": _columns, "stacked": _columns, "hbar": _rows, "line": _lines}
