"""A command that would change nothing records nothing: repeating a change the
worker's file or the dispute already holds triggers no event. The rules still
apply to a repeat: an invalid value or a forbidden state is still refused."""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from datetime import date, timedelta
from typing import Any

import pytest

from domain.dispute import Dispute, DisputeStatus
from domain.exceptions import InvalidTransition, InvalidValue
from domain.worker import JobIntention, Worker
from tests.unit import dispute_builders as d
from tests.unit.worker_builders import LATER, OTHER, TODAY, TOMORROW, registered, stamp

POVERTY = {"status": "monitored_at_risk", "effective_on": LATER, "source": "防返贫监测名单"}


def change_contact(worker: Worker, on: date = LATER, **changed: Any) -> None:
    worker.change_contact(**{"mobile": "139 0013 9000", **changed}, **stamp(on, OTHER))


def change_poverty_status(worker: Worker, on: date = LATER, **changed: Any) -> None:
    worker.change_poverty_status(**{**POVERTY, **changed}, **stamp(on, OTHER))


def record_job_intention(worker: Worker, on: date = LATER, **changed: Any) -> None:
    intention = changed.get("intention", JobIntention("370613", "电子装配"))
    worker.record_job_intention(intention=intention, **stamp(on, OTHER))


def record_skills(worker: Worker, on: date = LATER, **changed: Any) -> None:
    worker.record_skills(**{"skills": ["电焊", "茶艺"], **changed}, **stamp(on, OTHER))


WorkerCommand = Callable[..., None]
# Each command; the same request written differently (normalised to the same
# value); and a request that does change something.
WORKER_COMMANDS = [
    pytest.param(
        change_contact, {"mobile": "+86 13900139000"}, {"mobile": "13700137000"}, id="contact"
    ),
    pytest.param(
        change_poverty_status, {"source": " 防返贫监测名单 "}, {"source": "县级名单"}, id="poverty"
    ),
    pytest.param(
        record_job_intention,
        {},
        {"intention": JobIntention("370613", None)},
        id="intention",
    ),
    pytest.param(
        record_skills,
        {"skills": ["电焊", "茶艺", "电焊"]},
        {"skills": ["茶艺", "电焊"]},
        id="skills",
    ),
]


def changed_once(command: WorkerCommand) -> Worker:
    """A worker whose file already holds what `command` asks for."""
    worker = registered()
    command(worker)
    worker.collect_events()
    return worker


@pytest.mark.parametrize(("command", "same", "other"), WORKER_COMMANDS)
def test_a_worker_command_repeated_records_nothing_and_changes_nothing(
    command: WorkerCommand, same: dict[str, Any], other: dict[str, Any]
) -> None:
    worker = changed_once(command)
    before = deepcopy(vars(worker))

    command(worker)  # the same request again, on another business date too
    command(worker, date(2026, 7, 1), **same)

    assert worker.pending_events == []
    assert vars(worker) == before


@pytest.mark.parametrize(("command", "same", "other"), WORKER_COMMANDS)
def test_a_worker_command_that_changes_something_still_records_it(
    command: WorkerCommand, same: dict[str, Any], other: dict[str, Any]
) -> None:
    worker = changed_once(command)

    command(worker, **other)

    assert len(worker.collect_events()) == 1
    assert worker.version == 3


@pytest.mark.parametrize(
    "changed",
    [{"status": "general"}, {"effective_on": date(2026, 6, 1)}, {"source": "县级名单"}],
    ids=["status", "effective_on", "source"],
)
def test_a_poverty_status_differing_in_status_date_or_source_is_recorded(
    changed: dict[str, Any],
) -> None:
    worker = changed_once(change_poverty_status)

    change_poverty_status(worker, **changed)

    assert len(worker.collect_events()) == 1
    expected = {**POVERTY, **changed}
    held = (worker.poverty_status, worker.poverty_status_since, worker.poverty_status_source)
    assert held == (expected["status"], expected["effective_on"], expected["source"])


def test_a_status_confirmed_by_a_named_list_is_recorded_though_registration_held_it() -> None:
    """Registration names no list: the first list that confirms the status is news."""
    worker = registered()
    worker.change_poverty_status(
        status="lifted_out_of_poverty",
        effective_on=worker.poverty_status_since,
        source="巫山县脱贫人口名单",
        **stamp(),
    )
    assert len(worker.collect_events()) == 1


@pytest.mark.parametrize(("command", "same", "other"), WORKER_COMMANDS)
def test_a_repeat_dated_in_the_future_is_still_refused(
    command: WorkerCommand, same: dict[str, Any], other: dict[str, Any]
) -> None:
    worker = changed_once(command)

    with pytest.raises(InvalidValue) as refused:
        command(worker, TOMORROW)

    assert refused.value.field == "occurred_on"


@pytest.mark.parametrize(("command", "same", "other"), WORKER_COMMANDS)
def test_a_repeat_on_a_deactivated_worker_is_still_refused(
    command: WorkerCommand, same: dict[str, Any], other: dict[str, Any]
) -> None:
    worker = changed_once(command)
    worker.deactivate(reason="moved away", **stamp(TODAY))
    worker.collect_events()

    with pytest.raises(InvalidTransition) as refused:
        command(worker)

    assert refused.value.state == "deactivated"
    assert worker.pending_events == []


def test_a_repeat_with_an_overlong_note_is_still_refused() -> None:
    worker = changed_once(change_contact)
    with pytest.raises(InvalidValue) as refused:
        worker.change_contact(mobile="13900139000", note="x" * 1001, **stamp())
    assert refused.value.field == "note"


# -- disputes -------------------------------------------------------------------


def mediated_by(mediator: str) -> Dispute:
    dispute = d.opened()
    dispute.assign_mediator(mediator=mediator, **d.stamp())
    dispute.collect_events()
    return dispute


def test_assigning_the_mediator_already_assigned_records_nothing() -> None:
    dispute = mediated_by("wang.fang")
    before = deepcopy(vars(dispute))

    dispute.assign_mediator(mediator=" wang.fang ", note="再次确认", **d.stamp(date(2026, 2, 1)))

    assert dispute.pending_events == []
    assert vars(dispute) == before


def test_assigning_another_mediator_replaces_the_first() -> None:
    dispute = mediated_by("wang.fang")

    dispute.assign_mediator(mediator="zhao.lei", **d.stamp())

    assert d.names(dispute) == ["Dispute.MediatorAssigned"]
    assert (dispute.mediator, dispute.status) == ("zhao.lei", DisputeStatus.IN_MEDIATION)


def test_the_mediator_of_a_reopened_dispute_back_in_mediation_records_nothing() -> None:
    dispute = mediated_by("wang.fang")
    dispute.close(outcome="unresolved", reason=None, **d.stamp())
    dispute.reopen(reason="企业同意重新调解", **d.stamp())
    dispute.collect_events()

    dispute.assign_mediator(mediator="wang.fang", **d.stamp())

    assert dispute.pending_events == []


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"mediator": "wang.fang", **d.stamp(d.TODAY + timedelta(days=1))}, "occurred_on"),
        ({"mediator": " ", **d.stamp()}, "mediator"),
        ({"mediator": "wang.fang", "note": "x" * 1001, **d.stamp()}, "note"),
    ],
    ids=["future date", "empty mediator", "overlong note"],
)
def test_an_invalid_repeat_of_the_assignment_is_still_refused(
    fields: dict[str, Any], field: str
) -> None:
    dispute = mediated_by("wang.fang")
    with pytest.raises(InvalidValue) as refused:
        dispute.assign_mediator(**fields)
    assert refused.value.field == field


def test_assigning_the_same_mediator_to_a_settled_dispute_is_still_refused() -> None:
    dispute = mediated_by("wang.fang")
    dispute.settle(amount_agreed="100", amount_recovered="0", **d.stamp())
    dispute.collect_events()

    with pytest.raises(InvalidTransition) as refused:
        dispute.assign_mediator(mediator="wang.fang", **d.stamp())

    assert refused.value.state == "settled"


def add_evidence(dispute: Dispute, **changed: Any) -> None:
    fields = {"document_id": "DOC-1", "sha256": d.DIGEST, "description": "工资条", **changed}
    dispute.add_evidence(**fields, **d.stamp())


def test_evidence_already_added_with_the_same_digest_records_nothing() -> None:
    dispute = mediated_by("wang.fang")
    add_evidence(dispute)
    dispute.collect_events()
    before = deepcopy(vars(dispute))

    add_evidence(dispute, sha256=d.DIGEST.upper(), description="工资条（复印件）")

    assert dispute.pending_events == []
    assert vars(dispute) == before


@pytest.mark.parametrize(
    "changed",
    [{"document_id": "DOC-2"}, {"sha256": "0" * 64}],
    ids=["another document", "another version of the document"],
)
def test_another_document_or_another_digest_is_added(changed: dict[str, Any]) -> None:
    dispute = mediated_by("wang.fang")
    add_evidence(dispute)
    dispute.collect_events()

    add_evidence(dispute, **changed)

    assert d.names(dispute) == ["Dispute.EvidenceAdded"]
    assert len(dispute.evidence) == 2


def test_evidence_repeated_after_settlement_is_still_refused() -> None:
    dispute = mediated_by("wang.fang")
    add_evidence(dispute)
    dispute.settle(amount_agreed="100", amount_recovered="0", **d.stamp())
    dispute.collect_events()

    with pytest.raises(InvalidTransition):
        add_evidence(dispute)
