"""How each event changes a case-file row and the row of the worker it belongs to.

A creation makes the record's row from its event (and may move the worker on);
a change updates the record's row and, where it marks a milestone, the
worker's. `worker` is None only for a record whose worker was never seen.
Every row is typed (case_file_rows), so mypy checks each column written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, Literal

from application.projections.case_file_placements import (
    ended,
    month_confirmed,
    month_withdrawn,
    started,
)
from application.projections.case_file_rows import (
    DISPUTES,
    PLACEMENTS,
    TRAININGS,
    TRANSFERS,
    DisputeRow,
    JourneyStage,
    PlacementRow,
    R,
    TrainingRow,
    TransferRow,
    Worker,
    WorkerRow,
    reach,
)
from application.projections.columns import fen, iso, text
from domain.dispute_terms import DisputeStatus, mediation_due_on
from domain.training import TrainingState
from domain.transfer import TransferState
from domain.worker_profile import WorkerStatus


@dataclass(frozen=True)
class RecordKind(Generic[R]):
    """How the events of one kind of record (all but the worker) fold into its table."""

    table: str
    created_by: str  # the name of the event that creates the record
    create: Callable[[Any, int, Worker], R]  # its row, from that event at a log position
    changes: Mapping[str, Callable[[R, Worker, Any], None]]  # by event name
    # For rows that keep the log position of their record's last event.
    touched: Callable[[R, int], None] | None = None


# -- worker ---------------------------------------------------------------------------


def _poverty_status_changed(row: WorkerRow, e: Any) -> None:
    row["poverty_status"] = e.status


def _status(status: WorkerStatus) -> Callable[[WorkerRow, Any], None]:
    def change(row: WorkerRow, _: Any) -> None:
        row["status"] = status.value

    return change


WORKER_CHANGES: Mapping[str, Callable[[WorkerRow, Any], None]] = {
    "Worker.PovertyStatusChanged": _poverty_status_changed,
    "Worker.Deactivated": _status(WorkerStatus.DEACTIVATED),
    "Worker.Reactivated": _status(WorkerStatus.ACTIVE),
}


# -- training -------------------------------------------------------------------------


def _enrolled(e: Any, _: int, __: Worker) -> TrainingRow:
    return {
        "training_id": text(e.originator_id),
        "worker_id": text(e.worker_id),
        "course_name": e.course_name,
        "training_type": e.training_type,
        "state": TrainingState.ENROLLED.value,
        "enrolled_on": iso(e.occurred_on),
        "completed_on": None,
        "result": None,
        "certified_on": None,
        "office": e.actor.office,
    }


def _completed(row: TrainingRow, worker: Worker, e: Any) -> None:
    row["state"] = TrainingState.COMPLETED.value
    row["completed_on"] = iso(e.occurred_on)
    row["result"] = e.result
    reach(worker, JourneyStage.TRAINED, "trainings_completed")


def _certified(row: TrainingRow, worker: Worker, e: Any) -> None:
    row["state"] = TrainingState.CERTIFIED.value
    row["certified_on"] = iso(e.occurred_on)
    reach(worker, JourneyStage.TRAINED, "certificates")


def _dropped(row: TrainingRow, _: Worker, __: Any) -> None:
    row["state"] = TrainingState.DROPPED.value


# -- transfer -------------------------------------------------------------------------


def _arranged(e: Any, _: int, worker: Worker) -> TransferRow:
    return {
        "transfer_id": text(e.originator_id),
        "worker_id": text(e.worker_id),
        "destination": e.destination,
        "channel": e.channel,
        "state": TransferState.ARRANGED.value,
        "arranged_on": iso(e.occurred_on),
        "departed_on": None,
        "arrived_on": None,
        "cancelled_on": None,
        "returned_on": None,
        # As the worker's file stood when the move was arranged.
        "poverty_status_at_arrangement": worker["poverty_status"] if worker else None,
        "office": e.actor.office,
        "confirmed_by_office": None,
        "expected_offices": "",
    }


MovedOn = Literal["departed_on", "arrived_on", "cancelled_on", "returned_on"]


def _moved(state: TransferState, column: MovedOn) -> Callable[[TransferRow, Worker, Any], None]:
    def change(row: TransferRow, worker: Worker, e: Any) -> None:
        row["state"] = state.value
        row[column] = iso(e.occurred_on)
        if state is TransferState.ARRIVED:
            row["confirmed_by_office"] = e.confirmed_by_office
            reach(worker, JourneyStage.TRANSFERRED, "transfers_arrived")

    return change


# -- dispute --------------------------------------------------------------------------


def _opened(e: Any, position: int, worker: Worker) -> DisputeRow:
    if worker is not None:
        worker["open_disputes"] += 1
    return {
        "dispute_id": text(e.originator_id),
        "worker_id": text(e.worker_id),
        "kind": e.kind,
        "status": DisputeStatus.OPENED.value,
        "employer_name": e.employer_name,
        "amount_claimed_fen": fen(e.amount_claimed),
        "amount_agreed_fen": None,
        "amount_recovered_fen": None,
        "opened_on": iso(e.occurred_on),
        "mediation_due_on": iso(mediation_due_on(e.occurred_on)),
        "mediator": None,
        "escalated_to": None,
        "settled_on": None,
        "closed_on": None,
        "opened_position": position,
        "last_position": position,
        "office": e.actor.office,
    }


def _dispute_touched(row: DisputeRow, position: int) -> None:
    row["last_position"] = position


def _mediator_assigned(row: DisputeRow, _: Worker, e: Any) -> None:
    row["status"] = DisputeStatus.IN_MEDIATION.value
    row["mediator"] = e.mediator


def _escalated(row: DisputeRow, _: Worker, e: Any) -> None:
    row["status"] = DisputeStatus.ESCALATED.value
    row["escalated_to"] = e.to


def _settled(row: DisputeRow, _: Worker, e: Any) -> None:
    row["status"] = DisputeStatus.SETTLED.value
    row["amount_agreed_fen"] = fen(e.amount_agreed)
    row["amount_recovered_fen"] = fen(e.amount_recovered)
    row["settled_on"] = iso(e.occurred_on)


def _closed(row: DisputeRow, worker: Worker, e: Any) -> None:
    row["status"] = DisputeStatus.CLOSED.value
    row["closed_on"] = iso(e.occurred_on)
    if worker is not None:
        worker["open_disputes"] -= 1


def _reopened(row: DisputeRow, worker: Worker, e: Any) -> None:
    """A reopening starts a new mediation period: the register shows its due date."""
    status = DisputeStatus.IN_MEDIATION if row["mediator"] else DisputeStatus.OPENED
    row["status"] = status.value
    row["closed_on"] = None
    row["mediation_due_on"] = iso(mediation_due_on(e.occurred_on))
    if worker is not None:
        worker["open_disputes"] += 1


# The record kinds by the aggregate class their events are nested in.
KINDS: Mapping[str, RecordKind[Any]] = {
    "TrainingEnrollment": RecordKind[TrainingRow](
        TRAININGS,
        "TrainingEnrollment.Enrolled",
        _enrolled,
        {
            "TrainingEnrollment.Completed": _completed,
            "TrainingEnrollment.Certified": _certified,
            "TrainingEnrollment.Dropped": _dropped,
        },
    ),
    "Transfer": RecordKind[TransferRow](
        TRANSFERS,
        "Transfer.Arranged",
        _arranged,
        {
            "Transfer.Departed": _moved(TransferState.DEPARTED, "departed_on"),
            "Transfer.Arrived": _moved(TransferState.ARRIVED, "arrived_on"),
            "Transfer.Cancelled": _moved(TransferState.CANCELLED, "cancelled_on"),
            "Transfer.Returned": _moved(TransferState.RETURNED, "returned_on"),
        },
    ),
    "Placement": RecordKind[PlacementRow](
        PLACEMENTS,
        "Placement.Started",
        started,
        {
            "Placement.MonthConfirmed": month_confirmed,
            "Placement.MonthWithdrawn": month_withdrawn,
            "Placement.Ended": ended,
        },
    ),
    "Dispute": RecordKind[DisputeRow](
        DISPUTES,
        "Dispute.Opened",
        _opened,
        {
            "Dispute.MediatorAssigned": _mediator_assigned,
            "Dispute.Escalated": _escalated,
            "Dispute.Settled": _settled,
            "Dispute.Closed": _closed,
            "Dispute.Reopened": _reopened,
        },
        touched=_dispute_touched,
    ),
}
CREATIONS: Mapping[str, RecordKind[Any]] = {kind.created_by: kind for kind in KINDS.values()}
