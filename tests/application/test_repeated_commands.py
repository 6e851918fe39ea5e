"""A command that would change nothing records nothing — repeated, retried, or
run again after losing a race to the very same change — and answers with the
record as it is; on POPO, SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

import pytest

from application import commands as c
from application.exceptions import VersionMismatch
from application.journey import Journey
from application.views import Recorded
from domain.exceptions import InvalidTransition
from tests.application.test_disputes import DIGEST, MEDIATOR, open_dispute
from tests.support.factories import CASEWORKER, register_command
from tests.support.offices import EVERYONE


def new_worker(journey: Journey) -> UUID:
    return journey.register_worker(register_command()).aggregate_id


def worker_events(journey: Journey, worker_id: UUID) -> list[str]:
    return [e.type for e in journey.worker_events(worker_id, CASEWORKER)]


def dispute_events(journey: Journey, dispute_id: UUID) -> list[str]:
    return [e.type for e in journey.dispute_events(dispute_id, EVERYONE)]


def mediated_dispute(journey: Journey) -> UUID:
    dispute_id = open_dispute(journey)
    journey.assign_mediator(c.AssignMediator(actor=MEDIATOR, dispute_id=dispute_id))
    return dispute_id


def change_contact(journey: Journey, worker_id: UUID, version: int | None) -> Recorded:
    return journey.change_contact(
        c.ChangeContact(
            actor=CASEWORKER, worker_id=worker_id, expected_version=version, mobile="139 0000 1111"
        )
    )


def change_poverty_status(journey: Journey, worker_id: UUID, version: int | None) -> Recorded:
    return journey.change_poverty_status(
        c.ChangePovertyStatus(
            actor=CASEWORKER,
            worker_id=worker_id,
            expected_version=version,
            status="monitored_at_risk",
            effective_on=date(2026, 1, 1),
            source="县乡村振兴局监测名单",
        )
    )


def record_job_intention(journey: Journey, worker_id: UUID, version: int | None) -> Recorded:
    return journey.record_job_intention(
        c.RecordJobIntention(
            actor=CASEWORKER,
            worker_id=worker_id,
            expected_version=version,
            destination="370613",
            sector="port logistics",
        )
    )


def record_skills(journey: Journey, worker_id: UUID, version: int | None) -> Recorded:
    return journey.record_skills(
        c.RecordSkills(
            actor=CASEWORKER, worker_id=worker_id, expected_version=version, skills=["电焊", "叉车"]
        )
    )


def assign_me(journey: Journey, dispute_id: UUID, version: int | None) -> Recorded:
    return journey.assign_mediator(
        c.AssignMediator(actor=MEDIATOR, dispute_id=dispute_id, expected_version=version)
    )


def add_evidence(journey: Journey, dispute_id: UUID, version: int | None) -> Recorded:
    return journey.add_dispute_evidence(
        c.AddEvidence(
            actor=MEDIATOR,
            dispute_id=dispute_id,
            expected_version=version,
            document_id="DOC-2026-000123",
            sha256=DIGEST,
            description="工资条",
        )
    )


@dataclass(frozen=True)
class Case:
    create: Callable[[Journey], UUID]
    command: Callable[[Journey, UUID, int | None], Recorded]
    events: Callable[[Journey, UUID], list[str]]


CASES = [
    pytest.param(Case(new_worker, change_contact, worker_events), id="contact"),
    pytest.param(Case(new_worker, change_poverty_status, worker_events), id="poverty-status"),
    pytest.param(Case(new_worker, record_job_intention, worker_events), id="job-intention"),
    pytest.param(Case(new_worker, record_skills, worker_events), id="skills"),
    pytest.param(Case(open_dispute, assign_me, dispute_events), id="mediator"),
    pytest.param(Case(mediated_dispute, add_evidence, dispute_events), id="evidence"),
]


@pytest.mark.parametrize("case", CASES)
def test_a_repeated_command_records_nothing_and_answers_the_current_version(
    journey: Journey, case: Case
) -> None:
    record_id = case.create(journey)
    first = case.command(journey, record_id, None)
    events = case.events(journey, record_id)
    head = journey.recorder.max_notification_id()

    again = case.command(journey, record_id, None)

    assert case.events(journey, record_id) == events
    assert journey.recorder.max_notification_id() == head
    assert (again.aggregate_id, again.version) == (record_id, first.version)
    # Read-your-writes: the head of the log, where the record as answered is visible.
    assert again.position == head
    assert again.position >= first.position


@pytest.mark.parametrize("case", CASES)
def test_a_repeat_with_a_matching_if_match_records_nothing_and_a_stale_one_is_refused(
    journey: Journey, case: Case
) -> None:
    record_id = case.create(journey)
    first = case.command(journey, record_id, None)
    events = case.events(journey, record_id)

    again = case.command(journey, record_id, first.version)
    with pytest.raises(VersionMismatch):
        case.command(journey, record_id, first.version - 1)

    assert again.version == first.version
    assert case.events(journey, record_id) == events


def _lose_first_race_to(
    journey: Journey, monkeypatch: pytest.MonkeyPatch, rival: Callable[[], object]
) -> list[int]:
    """The first save meets `rival`, written in between by another client."""
    commit = journey._commit
    attempts: list[int] = []

    def racing_commit(aggregate: Any, *others: Any, **options: Any) -> Any:
        attempts.append(aggregate.version)
        if len(attempts) == 1:
            rival()
        return commit(aggregate, *others, **options)

    monkeypatch.setattr(journey, "_commit", racing_commit)
    return attempts


@pytest.mark.parametrize("case", CASES)
def test_a_command_that_loses_a_race_to_the_same_change_records_it_once(
    journey: Journey, case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    record_id = case.create(journey)
    before = case.events(journey, record_id)
    attempts = _lose_first_race_to(
        journey, monkeypatch, lambda: case.command(journey, record_id, None)
    )

    recorded = case.command(journey, record_id, None)

    after = case.events(journey, record_id)
    assert len(after) == len(before) + 1  # the rival's event, not a second one
    assert recorded.version == len(after)
    assert len(attempts) == 2  # our lost attempt and the rival's; the rerun saved nothing


def test_a_transition_that_loses_a_race_to_the_same_transition_is_refused(
    journey: Journey, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A state transition repeated is not a no-op but a forbidden step: 409."""
    transfer_id = journey.arrange_transfer(
        c.ArrangeTransfer(
            actor=CASEWORKER,
            worker_id=new_worker(journey),
            destination="370600",
            channel="labour_office",
            planned_on=date(2026, 3, 16),
            occurred_on=date(2026, 3, 5),
        )
    ).aggregate_id
    depart = c.RecordDeparture(
        actor=CASEWORKER, transfer_id=transfer_id, mode="train", occurred_on=date(2026, 3, 16)
    )
    _lose_first_race_to(journey, monkeypatch, lambda: journey.record_departure(depart))

    with pytest.raises(InvalidTransition) as refused:
        journey.record_departure(depart)

    assert refused.value.state == "departed"
    events = [e.type for e in journey.transfer_events(transfer_id, CASEWORKER)]
    assert events == ["Transfer.Arranged", "Transfer.Departed"]
