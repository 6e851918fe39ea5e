"""Disputes through the Application, on POPO, SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

import pytest

from application import commands as c
from application.exceptions import (
    DisputeNotFound,
    VersionMismatch,
    WorkerInactive,
    WorkerNotFound,
)
from application.journey import Journey
from domain.actor import Actor, Role
from domain.exceptions import InvalidTransition, InvalidValue
from tests.support.factories import CASEWORKER, register_command
from tests.support.offices import PAIR

# A mediator of the cooperation pair: the Wushan workers here never arrived in
# Yantai, so only the pair's scope lets a Yantai mediator reach them.
MEDIATOR = Actor(user="wang.fang", role=Role.MEDIATOR, office="370600", scope=PAIR)
AUDITOR = Actor(user="zhao.min", role=Role.AUDITOR, office="370600", scope=PAIR)
READERS = {Role.MEDIATOR: MEDIATOR, Role.AUDITOR: AUDITOR, Role.CASEWORKER: CASEWORKER}
REGISTERED_ON = date(2026, 1, 2)  # the worker is registered before the dispute
OPENED_ON = date(2026, 1, 5)
SUMMARY = "企业承认拖欠 18600 元，同意分两期支付"
EVIDENCE = "2025 年 10–12 月工资条及考勤记录"
DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"


def open_dispute(journey: Journey, actor: Actor = MEDIATOR, **overrides: Any) -> UUID:
    if "worker_id" not in overrides:
        registered = register_command(occurred_on=REGISTERED_ON)
        overrides["worker_id"] = journey.register_worker(registered).aggregate_id
    fields: dict[str, Any] = {
        "actor": actor,
        "employer_name": "烟台鲁源食品有限公司",
        "employer_code": "91370600MA3C7X8K01",
        "kind": "wage_arrears",
        "amount_claimed": Decimal("18600.00"),
        "description": "拖欠工资 3 个月",
        "occurred_on": OPENED_ON,
    }
    fields.update(overrides)
    return journey.open_dispute(c.OpenDispute(**fields)).aggregate_id


def in_mediation(journey: Journey) -> UUID:
    """A dispute with a mediator, a session and a piece of evidence."""
    dispute_id = open_dispute(journey)
    on = date(2026, 1, 8)
    journey.assign_mediator(c.AssignMediator(actor=MEDIATOR, dispute_id=dispute_id))
    journey.record_dispute_session(
        c.RecordSession(
            actor=MEDIATOR,
            dispute_id=dispute_id,
            occurred_on=on,
            attendees=["冉光明", "企业人事主管 张伟"],
            summary=SUMMARY,
        )
    )
    journey.add_dispute_evidence(
        c.AddEvidence(
            actor=MEDIATOR,
            dispute_id=dispute_id,
            occurred_on=on,
            document_id="DOC-2026-000123",
            sha256=DIGEST,
            description=EVIDENCE,
        )
    )
    return dispute_id


def test_a_dispute_goes_from_acceptance_to_settlement_closure_and_reopening(
    journey: Journey,
) -> None:
    dispute_id = in_mediation(journey)
    d = {"actor": MEDIATOR, "dispute_id": dispute_id, "occurred_on": date(2026, 1, 15)}
    journey.escalate_dispute(c.EscalateDispute(**d, to="labour_arbitration", reason="企业拒绝"))
    journey.settle_dispute(
        c.SettleDispute(**d, amount_agreed=Decimal("18600.00"), amount_recovered=Decimal("9300.00"))
    )
    journey.close_dispute(c.CloseDispute(**d, outcome="settled"))
    recorded = journey.reopen_dispute(c.ReopenDispute(**d, reason="第二期未支付"))

    dispute = journey.dispute_details(dispute_id, MEDIATOR)
    assert recorded.version == dispute.version == 8
    assert dispute.status == "in_mediation"
    assert dispute.mediator == "wang.fang"  # the acting mediator, by default
    assert dispute.escalated_to == "labour_arbitration"
    assert (dispute.amount_agreed, dispute.amount_recovered) == (Decimal("18600"), Decimal("9300"))
    assert str(dispute.amount_recovered) == "9300.00"
    assert dispute.sessions[0].held_on == date(2026, 1, 8)
    assert dispute.sessions[0].attendees == ["冉光明", "企业人事主管 张伟"]
    assert dispute.evidence[0].sha256 == DIGEST
    assert [e.type for e in journey.dispute_events(dispute_id, AUDITOR)] == [
        "Dispute.Opened",
        "Dispute.MediatorAssigned",
        "Dispute.SessionRecorded",
        "Dispute.EvidenceAdded",
        "Dispute.Escalated",
        "Dispute.Settled",
        "Dispute.Closed",
        "Dispute.Reopened",
    ]


def test_a_caseworker_may_open_a_dispute_for_an_active_worker(journey: Journey) -> None:
    dispute_id = open_dispute(journey, actor=CASEWORKER)
    events = journey.dispute_events(dispute_id, MEDIATOR)
    assert events[0].actor == CASEWORKER
    assert events[0].occurred_on == OPENED_ON
    assert events[0].payload["amount_claimed"] == Decimal("18600.00")


def test_a_dispute_for_an_unknown_worker_is_refused_and_records_nothing(journey: Journey) -> None:
    journey.register_worker(register_command())
    position = journey.recorder.max_notification_id()
    with pytest.raises(WorkerNotFound):
        journey.open_dispute(
            c.OpenDispute(
                actor=MEDIATOR,
                worker_id=uuid4(),
                employer_name="某企业",
                kind="other",
                amount_claimed=Decimal("0"),
                description="x",
            )
        )
    assert journey.recorder.max_notification_id() == position


def test_a_dispute_for_a_deactivated_worker_is_refused(journey: Journey) -> None:
    worker_id = journey.register_worker(register_command()).aggregate_id
    journey.deactivate_worker(
        c.DeactivateWorker(actor=CASEWORKER, worker_id=worker_id, reason="moved away")
    )
    with pytest.raises(WorkerInactive) as refused:
        open_dispute(journey, worker_id=worker_id)
    assert refused.value.command == "open a dispute"


def test_a_stale_expected_version_is_refused_and_writes_nothing(journey: Journey) -> None:
    dispute_id = open_dispute(journey)
    journey.assign_mediator(c.AssignMediator(actor=MEDIATOR, dispute_id=dispute_id))
    position = journey.recorder.max_notification_id()

    with pytest.raises(VersionMismatch) as refused:
        journey.escalate_dispute(
            c.EscalateDispute(
                actor=MEDIATOR, dispute_id=dispute_id, expected_version=1, to="court", reason="x"
            )
        )

    assert (refused.value.expected, refused.value.current) == (1, 2)
    assert journey.recorder.max_notification_id() == position
    assert journey.dispute_details(dispute_id, MEDIATOR).status == "in_mediation"


def test_refused_commands_write_nothing(journey: Journey) -> None:
    dispute_id = open_dispute(journey)
    position = journey.recorder.max_notification_id()
    with pytest.raises(InvalidTransition):
        journey.record_dispute_session(
            c.RecordSession(actor=MEDIATOR, dispute_id=dispute_id, attendees=["a"], summary="b")
        )
    with pytest.raises(InvalidValue):
        journey.add_dispute_evidence(
            c.AddEvidence(
                actor=MEDIATOR, dispute_id=dispute_id, document_id="D", sha256="x", description="y"
            )
        )
    assert journey.recorder.max_notification_id() == position


def test_a_caseworker_sees_kind_status_and_amounts_but_not_the_case_notes(
    journey: Journey,
) -> None:
    dispute_id = in_mediation(journey)

    dispute = journey.dispute_details(dispute_id, CASEWORKER)

    assert dispute.restricted
    assert (dispute.kind, dispute.status) == ("wage_arrears", "in_mediation")
    assert dispute.amount_claimed == Decimal("18600.00")
    assert dispute.mediator == "wang.fang"
    assert dispute.description is None
    assert dispute.sessions == []
    assert dispute.evidence == []
    assert SUMMARY not in repr(dispute)
    assert EVIDENCE not in repr(dispute)


def test_a_caseworker_reads_the_events_without_case_notes(journey: Journey) -> None:
    dispute_id = in_mediation(journey)

    events = journey.dispute_events(dispute_id, CASEWORKER)

    assert [e.type for e in events][2:] == ["Dispute.SessionRecorded", "Dispute.EvidenceAdded"]
    assert events[2].payload == {} and events[3].payload == {}
    assert events[2].actor == MEDIATOR and events[2].occurred_on == date(2026, 1, 8)
    assert "description" not in events[0].payload
    assert events[0].payload["amount_claimed"] == Decimal("18600.00")
    assert events[0].payload["kind"] == "wage_arrears"
    for text in (SUMMARY, EVIDENCE, DIGEST, "拖欠工资 3 个月", "冉光明"):
        assert text not in repr(events)


@pytest.mark.parametrize("role", [Role.MEDIATOR, Role.AUDITOR])
def test_mediators_and_auditors_read_the_case_notes(journey: Journey, role: Role) -> None:
    dispute_id = in_mediation(journey)
    reader = READERS[role]

    dispute = journey.dispute_details(dispute_id, reader)
    events = journey.dispute_events(dispute_id, reader)

    assert not dispute.restricted
    assert dispute.description == "拖欠工资 3 个月"
    assert dispute.sessions[0].summary == SUMMARY
    assert dispute.evidence[0].description == EVIDENCE
    assert events[2].payload["summary"] == SUMMARY
    assert events[3].payload["sha256"] == DIGEST


def test_the_mediation_clock_runs_from_the_acceptance_date(journey: Journey) -> None:
    dispute_id = open_dispute(journey)  # accepted 2026-01-05, long ago
    dispute = journey.dispute_details(dispute_id, CASEWORKER)
    assert dispute.mediation_due_on == date(2026, 1, 20)
    assert dispute.overdue

    journey.escalate_dispute(
        c.EscalateDispute(actor=MEDIATOR, dispute_id=dispute_id, to="court", reason="x")
    )
    assert not journey.dispute_details(dispute_id, CASEWORKER).overdue


def test_overdue_is_reckoned_on_the_applications_clock() -> None:
    today = [date(2026, 1, 20)]
    journey = Journey(
        env={"PERSISTENCE_MODULE": "eventsourcing.popo"},
        identity_key=b"test-identity-key-0123",
        clock=lambda: today[0],
    )
    registered = register_command(occurred_on=date(2026, 1, 2))
    worker_id = journey.register_worker(registered).aggregate_id
    dispute_id = open_dispute(journey, worker_id=worker_id, occurred_on=date(2026, 1, 5))

    assert not journey.dispute_details(dispute_id, MEDIATOR).overdue
    today[0] = date(2026, 1, 21)
    assert journey.dispute_details(dispute_id, MEDIATOR).overdue
    journey.close()


def test_unknown_disputes_and_other_records_are_not_found(journey: Journey) -> None:
    worker_id = journey.register_worker(register_command()).aggregate_id
    for record_id in (uuid4(), worker_id):
        with pytest.raises(DisputeNotFound):
            journey.dispute_details(record_id, MEDIATOR)
        with pytest.raises(DisputeNotFound):
            journey.dispute_events(record_id, MEDIATOR)
        with pytest.raises(DisputeNotFound):
            journey.reopen_dispute(
                c.ReopenDispute(actor=MEDIATOR, dispute_id=record_id, reason="x")
            )
