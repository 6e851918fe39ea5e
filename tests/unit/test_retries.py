"""The one rule for lost races: run again on a lost race, give up after the
last attempt by raising that race as it is, and never retry anything else."""

from __future__ import annotations

from uuid import uuid4

import pytest

from application.exceptions import ConcurrentUpdate, EvaluationRace, VersionMismatch
from application.retries import RACE_ATTEMPTS, retry_lost_races


class Attempts:
    """An attempt that loses the first `losses` races, then answers its number."""

    def __init__(self, losses: int, race: Exception | None = None) -> None:
        self.losses = losses
        self.race = race or ConcurrentUpdate(uuid4())
        self.runs = 0

    def __call__(self) -> int:
        self.runs += 1
        if self.runs <= self.losses:
            raise self.race
        return self.runs


def test_an_attempt_that_wins_at_once_runs_once() -> None:
    attempt = Attempts(losses=0)

    assert retry_lost_races(attempt) == 1
    assert attempt.runs == 1


def test_a_lost_race_is_run_again_until_it_is_won() -> None:
    attempt = Attempts(losses=RACE_ATTEMPTS - 1, race=EvaluationRace())

    assert retry_lost_races(attempt) == RACE_ATTEMPTS
    assert attempt.runs == RACE_ATTEMPTS


def test_after_the_last_attempt_the_last_lost_race_is_raised_as_it_is() -> None:
    race = ConcurrentUpdate(uuid4())
    attempt = Attempts(losses=10, race=race)

    with pytest.raises(ConcurrentUpdate) as raised:
        retry_lost_races(attempt, attempts=3)

    assert raised.value is race
    assert attempt.runs == 3


def test_one_attempt_means_no_retry() -> None:
    attempt = Attempts(losses=1)

    with pytest.raises(ConcurrentUpdate):
        retry_lost_races(attempt, attempts=1)
    assert attempt.runs == 1


def test_an_error_that_is_not_a_lost_race_is_raised_at_once() -> None:
    attempt = Attempts(losses=3, race=VersionMismatch(1, 2))

    with pytest.raises(VersionMismatch):
        retry_lost_races(attempt)
    assert attempt.runs == 1


def test_only_the_races_named_as_lost_are_run_again() -> None:
    attempt = Attempts(losses=1, race=ConcurrentUpdate(uuid4()))

    with pytest.raises(ConcurrentUpdate):
        retry_lost_races(attempt, lost=(EvaluationRace,))
    assert attempt.runs == 1


def test_each_lost_race_that_is_run_again_is_told_with_its_attempt_number() -> None:
    told: list[tuple[int, str]] = []
    attempt = Attempts(losses=10, race=EvaluationRace())

    with pytest.raises(EvaluationRace):
        retry_lost_races(
            attempt, attempts=3, on_lost=lambda n, race: told.append((n, type(race).__name__))
        )

    assert told == [(1, "EvaluationRace"), (2, "EvaluationRace")]  # the third is raised


def test_no_attempt_at_all_is_refused() -> None:
    with pytest.raises(ValueError, match="at least once"):
        retry_lost_races(Attempts(losses=0), attempts=0)
