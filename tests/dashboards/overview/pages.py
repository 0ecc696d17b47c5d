"""Read a dashboard page as a person does: its tables by caption, its charts' numbers."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

SVG = "{http://www.w3.org/2000/svg}"


class _Tables(HTMLParser):
    """{caption: [[cell text, ...] per body row]} of every table with a caption."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._caption: str | None = None
        self._in_caption = self._in_body = False
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "caption":
            self._in_caption, self._caption = True, ""
        elif tag == "tbody":
            self._in_body = True
            self.tables.setdefault(self._caption or "", [])
        elif tag == "tr" and self._in_body:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "caption":
            self._in_caption = False
        elif tag == "tbody":
            self._in_body = False
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[self._caption or ""].append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._in_caption:
            self._caption = (self._caption or "") + data.strip()
        elif self._cell is not None:
            self._cell.append(data)


def tables(html: str) -> dict[str, list[list[str]]]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def chart_values(html: str, title: str) -> list[str]:
    """The <title> of every bar or point of the chart titled ``title``, in order."""
    for match in re.finditer(r"<svg [^>]*class=\"chart .*?</svg>", html, re.S):
        svg = ET.fromstring(match.group(0))
        if svg.find(f"{SVG}title").text == title:
            return [
                element.find(f"{SVG}title").text
                for element in svg.iter()
                if element.tag in (f"{SVG}rect", f"{SVG}circle")
                and element.find(f"{SVG}title") is not None
            ]
    raise AssertionError(f"no chart titled {title!r}")
