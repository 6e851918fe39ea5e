"""The shared date rules: not before, within the planning horizon, years later."""

from __future__ import annotations

from datetime import date

import pytest

from domain.exceptions import InvalidValue
from domain.rules import PLANNING_HORIZON_YEARS, add_years, ensure_within_horizon

TODAY = date(2026, 11, 26)


def test_the_planning_horizon_is_two_years() -> None:
    assert PLANNING_HORIZON_YEARS == 2


def test_a_plan_exactly_two_years_ahead_is_accepted() -> None:
    assert ensure_within_horizon(date(2028, 11, 26), TODAY, "planned_on") == date(2028, 11, 26)


@pytest.mark.parametrize("planned", [date(2028, 11, 27), date(9999, 12, 31)])
def test_a_plan_further_ahead_is_refused_naming_the_last_date_allowed(planned: date) -> None:
    with pytest.raises(InvalidValue) as refused:
        ensure_within_horizon(planned, TODAY, "planned_on")

    assert refused.value.field == "planned_on"
    assert (
        str(refused.value) == "planned_on: must not be after 2028-11-26 (more than 2 years ahead)"
    )


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (date(1985, 3, 12), 16, date(2001, 3, 12)),
        (date(2008, 2, 29), 16, date(2024, 2, 29)),  # leap year to leap year
        (date(2008, 2, 29), 2, date(2010, 3, 1)),  # no 29 February: the day after the 28th
    ],
)
def test_years_later_is_the_same_calendar_day_or_1_march(
    day: date, years: int, expected: date
) -> None:
    assert add_years(day, years) == expected
