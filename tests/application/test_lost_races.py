"""A command that loses a race to another write: retried without If-Match,
refused with it."""

from __future__ import annotations

from typing import Any

import pytest

from application import commands as c
from application.exceptions import ConcurrentUpdate, VersionMismatch
from application.journey import Journey
from tests.support.factories import CASEWORKER, register_command


def _lose_first_race(journey: Journey, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The first save meets another write that lands in between."""
    commit = journey._commit
    attempts: list[int] = []

    def racing_commit(aggregate: Any, **options: Any) -> Any:
        attempts.append(aggregate.version)
        if len(attempts) == 1:
            journey.record_skills(
                c.RecordSkills(actor=CASEWORKER, worker_id=aggregate.id, skills=["抢先写入"])
            )
        return commit(aggregate, **options)

    monkeypatch.setattr(journey, "_commit", racing_commit)
    return attempts


def test_without_if_match_the_command_is_run_again_on_the_new_state(
    journey: Journey, monkeypatch: pytest.MonkeyPatch
) -> None:
    worker_id = journey.register_worker(register_command()).aggregate_id
    attempts = _lose_first_race(journey, monkeypatch)

    recorded = journey.change_contact(
        c.ChangeContact(actor=CASEWORKER, worker_id=worker_id, mobile="13900001111")
    )

    assert recorded.version == 3  # after the racing write, not instead of it
    events = [e.type for e in journey.worker_events(worker_id, CASEWORKER)]
    assert events == ["Worker.Registered", "Worker.SkillsRecorded", "Worker.ContactChanged"]
    assert attempts == [2, 2, 3]  # our lost attempt, the racing write, our retry


def test_with_if_match_a_lost_race_is_refused_and_nothing_is_written(
    journey: Journey, monkeypatch: pytest.MonkeyPatch
) -> None:
    worker_id = journey.register_worker(register_command()).aggregate_id
    _lose_first_race(journey, monkeypatch)

    with pytest.raises(ConcurrentUpdate):
        journey.change_contact(
            c.ChangeContact(
                actor=CASEWORKER, worker_id=worker_id, mobile="13900001111", expected_version=1
            )
        )

    assert journey.worker_details(worker_id, CASEWORKER).mobile == "13800138000"
    with pytest.raises(VersionMismatch):
        journey.change_contact(
            c.ChangeContact(
                actor=CASEWORKER, worker_id=worker_id, mobile="13900001111", expected_version=1
            )
        )
