"""The export kinds the apps offer. An app registers each kind once, in its AppConfig.ready().

A kind says who may request it (``allowed(user)``), how to write the file
(``write(target, user=…, params=…, progress=…)`` writes into a binary file and calls
``progress(done, total)`` as it goes) and the name the download gets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Progress = Callable[[int, int | None], None]
Writer = Callable[..., int]


@dataclass(frozen=True)
class ExportKind:
    name: str
    label: str
    allowed: Callable[[Any], bool]
    write: Writer
    filename: Callable[[dict], str]
    count: Callable[..., int] | None = None  # rows expected (for the progress bar)


_KINDS: dict[str, ExportKind] = {}


def register(kind: ExportKind) -> None:
    _KINDS[kind.name] = kind


def get(name: str) -> ExportKind | None:
    return _KINDS.get(name)


def kinds() -> dict[str, ExportKind]:
    return dict(_KINDS)


def unregister(name: str) -> None:
    """For tests that register a kind of their own."""
    _KINDS.pop(name, None)
