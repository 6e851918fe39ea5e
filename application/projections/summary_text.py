"""What every timeline summary is made of: one line in Chinese and English,
and the plain words for a place or an office code."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from domain.divisions import division_name


@dataclass(frozen=True)
class Summary:
    zh: str
    en: str


# An event and its record's detail (see timeline.CREATIONS) → its summary.
Summarise = Callable[[Any, str | None], Summary]


def place(code: str | None) -> str:
    """A division by its name, or its code when the name is not known."""
    if not code:
        return ""
    return division_name(code) or code


def fixed(zh: str, en: str) -> Summarise:
    """The same summary whatever the event says."""
    summary = Summary(zh, en)
    return lambda _e, _context: summary
