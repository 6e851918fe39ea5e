"""WorkerDates: what a worker's records may not predate, and how a refusal reads."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import uuid4

import pytest

from domain.exceptions import InvalidValue
from domain.worker_dates import MINIMUM_WORKING_AGE, WorkerDates

DATES = WorkerDates(uuid4(), born_on=date(1985, 3, 12), registered_on=date(2026, 3, 2))


def test_working_age_starts_on_the_sixteenth_birthday() -> None:
    assert MINIMUM_WORKING_AGE == 16
    assert DATES.of_working_age_on == date(2001, 3, 12)
    leap = WorkerDates(uuid4(), born_on=date(2008, 2, 29), registered_on=date(2026, 3, 2))
    assert leap.of_working_age_on == date(2024, 2, 29)


def test_each_date_itself_is_accepted() -> None:
    assert DATES.ensure_registered(date(2026, 3, 2)) == date(2026, 3, 2)
    assert DATES.ensure_of_working_age(date(2001, 3, 12), "start_date") == date(2001, 3, 12)
    assert DATES.ensure_born(date(1985, 3, 12), "effective_on") == date(1985, 3, 12)


@pytest.mark.parametrize(
    ("check", "day", "message"),
    [
        (
            lambda d: DATES.ensure_registered(d),
            date(2026, 3, 1),
            "occurred_on: must not be before the worker's registration (2026-03-02)",
        ),
        (
            lambda d: DATES.ensure_of_working_age(d, "start_date"),
            date(2001, 3, 11),
            "start_date: must not be before the worker's 16th birthday (2001-03-12)",
        ),
        (
            lambda d: DATES.ensure_born(d, "effective_on"),
            date(1985, 3, 11),
            "effective_on: must not be before the worker's birth (1985-03-12)",
        ),
    ],
)
def test_a_day_before_is_refused_naming_the_field_and_the_date(
    check: Callable[[date], date], day: date, message: str
) -> None:
    with pytest.raises(InvalidValue) as refused:
        check(day)

    assert str(refused.value) == message
