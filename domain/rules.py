"""Small rules shared by every aggregate: business dates and choices."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TypeVar

from domain.exceptions import InvalidValue
from domain.text import clean_text

E = TypeVar("E", bound=StrEnum)

NOTE_MAX_LENGTH = 1000
# How far ahead a plan (a course, a departure) may be dated: further out it is
# a typing error (9999-12-31), not a plan.
PLANNING_HORIZON_YEARS = 2


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


def ensure_within_horizon(value: date, today: date, field: str) -> date:
    """A planned date lies at most PLANNING_HORIZON_YEARS after today."""
    horizon = add_years(today, PLANNING_HORIZON_YEARS)
    if value > horizon:
        raise InvalidValue(
            field,
            f"must not be after {horizon.isoformat()}"
            f" (more than {PLANNING_HORIZON_YEARS} years ahead)",
        )
    return value


def add_years(day: date, years: int) -> date:
    """The same calendar day `years` later; 29 February becomes 1 March."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a non-leap target year
        return day.replace(year=day.year + years, month=3, day=1)


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
