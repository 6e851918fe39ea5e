"""Small rules shared by every aggregate: business dates and choices."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TypeVar

from domain.exceptions import InvalidValue
from domain.text import clean_text

E = TypeVar("E", bound=StrEnum)

NOTE_MAX_LENGTH = 1000


def ensure_not_future(value: date, today: date, field: str = "occurred_on") -> date:
    """Business dates are facts that already happened (Asia/Shanghai calendar)."""
    if value > today:
        raise InvalidValue(field, "must not be in the future")
    return value


def ensure_not_before(value: date, earliest: date, field: str, earliest_name: str) -> date:
    """A later step of a journey cannot happen before the step it follows."""
    if value < earliest:
        raise InvalidValue(field, f"must not be before {earliest_name} ({earliest.isoformat()})")
    return value


def parse_choice(choices: type[E], raw: str, field: str) -> E:
    try:
        return choices(raw.strip())
    except ValueError:
        allowed = ", ".join(c.value for c in choices)
        raise InvalidValue(field, f"must be one of: {allowed}") from None


def optional_note(raw: str | None, field: str = "note") -> str | None:
    if raw is None:
        return None
    return clean_text(raw, field, max_length=NOTE_MAX_LENGTH, required=False) or None
