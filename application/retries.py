"""The one rule for a write that loses a race to another write.

A lost race saves nothing of ours (the event store refused the whole
transaction), so the write may run again on the new state: its rules are
checked again there, and a change the record already holds records nothing.
After `attempts` runs in all the last lost race is raised as it is, and the
caller decides what giving up means — a 409 for a request, a stop that the
policy process reports (`/ready`, `laborbridge projections status`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from application.exceptions import ConcurrentUpdate, EvaluationRace

T = TypeVar("T")

# How many times in all a write runs before it gives up. Losing five races in a
# row means the record is written to continuously; waiting longer would only
# hold the caller up.
RACE_ATTEMPTS = 5
LOST_RACES: tuple[type[Exception], ...] = (ConcurrentUpdate, EvaluationRace)

# Told of each lost race that is run again: the attempt that lost (1-based) and the race.
LostRace = Callable[[int, Exception], None]


def retry_lost_races(
    attempt: Callable[[], T],
    *,
    attempts: int = RACE_ATTEMPTS,
    lost: tuple[type[Exception], ...] = LOST_RACES,
    on_lost: LostRace | None = None,
) -> T:
    """Run `attempt`; if it loses a race (raises one of `lost`), run it again,
    `attempts` times in all. The last lost race is raised unchanged; any other
    error at once, without another attempt."""
    if attempts < 1:
        raise ValueError("a write is attempted at least once")
    for number in range(1, attempts):
        try:
            return attempt()
        except lost as race:
            if on_lost is not None:
                on_lost(number, race)
    return attempt()
