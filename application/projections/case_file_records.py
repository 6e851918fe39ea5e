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
    WorkerRow,
    further,
)
from application.projections.columns import fen, iso, text
from domain.dispute_terms import DisputeStatus, mediation_due_on
from domain.placement import STABLE_EMPLOYMENT_MONTHS, PlacementState
from domain.placement_terms import longest_run
from domain.training import TrainingState
from domain.transfer import TransferState
from domain.worker_profile import WorkerStatus

Worker = WorkerRow | None
Counter = Literal["trainings_completed", "certificates", "transfers_arrived"]


@dataclass(frozen=True)
class RecordKind(Generic[R]):
    """How the events of one kind of record (all but the worker) fold into its table."""

    table: str
    created_by: str  # the name of the event that creates the record
    create: Callable[[Any, int, Worker], R]  # its row, from that event at a log position
    changes: Mapping[str, Callable[[R, Worker, Any], None]]  # by event name
    # For rows that keep the log position of their record's last event.
    touched: Callable[[R, int], None] | None = None


def _reach(worker: Worker, stage: JourneyStage, counter: Counter | None = None) -> None:
    if worker is None:
        return
    worker["stage"] = further(worker["stage"], stage)
    if counter is not None:
        worker[counter] += 1


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
    }


def _completed(row: TrainingRow, worker: Worker, e: Any) -> None:
    row["state"] = TrainingState.COMPLETED.value
    row["completed_on"] = iso(e.occurred_on)
    row["result"] = e.result
    _reach(worker, JourneyStage.TRAINED, "trainings_completed")


def _certified(row: TrainingRow, worker: Worker, e: Any) -> None:
    row["state"] = TrainingState.CERTIFIED.value
    row["certified_on"] = iso(e.occurred_on)
    _reach(worker, JourneyStage.TRAINED, "certificates")


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
    }


MovedOn = Literal["departed_on", "arrived_on", "cancelled_on", "returned_on"]


def _moved(state: TransferState, column: MovedOn) -> Callable[[TransferRow, Worker, Any], None]:
    def change(row: TransferRow, worker: Worker, e: Any) -> None:
        row["state"] = state.value
        row[column] = iso(e.occurred_on)
        if state is TransferState.ARRIVED:
            _reach(worker, JourneyStage.TRANSFERRED, "transfers_arrived")

    return change


# -- placement ------------------------------------------------------------------------


def _started(e: Any, _: int, worker: Worker) -> PlacementRow:
    row: PlacementRow = {
        "placement_id": text(e.originator_id),
        "worker_id": text(e.worker_id),
        "transfer_id": text(e.transfer_id),
        "kind": e.kind,
        "employer_name": e.employer_name,
        "workplace_division": e.workplace_division,
        "monthly_wage_fen": fen(e.monthly_wage),
        "state": PlacementState.ACTIVE.value,
        "started_on": iso(e.occurred_on),
        "ended_on": None,
        "months": "",
        "longest_run": 0,
        "stable": 0,
        "stable_since": None,
    }
    if worker is not None:
        _set_active(worker, _active(worker) | {f"{row['started_on']}/{row['placement_id']}"})
        _reach(worker, JourneyStage.PLACED)
    return row


def _month_confirmed(row: PlacementRow, worker: Worker, e: Any) -> None:
    _set_months(row, worker, _months(row) | {e.month})
    if worker is not None:
        worker["confirmed_months"] += 1


def _month_withdrawn(row: PlacementRow, worker: Worker, e: Any) -> None:
    _set_months(row, worker, _months(row) - {e.month})
    if worker is not None:
        worker["confirmed_months"] -= 1


def _months(row: PlacementRow) -> set[str]:
    return set(filter(None, row["months"].split(",")))


def _set_months(row: PlacementRow, worker: Worker, months: set[str]) -> None:
    """The placement's months, run and stability; the worker counts its stable
    placements, and is stably employed while it has one (a withdrawn month may
    take that back, to `placed`)."""
    ordered = sorted(months)
    run = longest_run(ordered)
    was_stable = row["stable"]
    row["months"] = ",".join(ordered)
    row["longest_run"] = run
    row["stable"] = int(run >= STABLE_EMPLOYMENT_MONTHS)
    row["stable_since"] = stable_since(ordered)
    if worker is None or row["stable"] == was_stable:
        return
    worker["stable_placements"] += 1 if row["stable"] else -1
    if row["stable"]:
        _reach(worker, JourneyStage.STABLY_EMPLOYED)
    elif worker["stable_placements"] == 0:
        worker["stage"] = JourneyStage.PLACED.value


def _ended(row: PlacementRow, worker: Worker, e: Any) -> None:
    row["state"] = PlacementState.ENDED.value
    row["ended_on"] = iso(e.occurred_on)
    if worker is not None:
        _set_active(worker, _active(worker) - {f"{row['started_on']}/{row['placement_id']}"})


def stable_since(months: list[str]) -> str | None:
    """The month that completed the first run of STABLE_EMPLOYMENT_MONTHS
    consecutive confirmed months (稳定就业): a function of the set of months,
    whatever order they were confirmed in."""
    run, previous = 0, None
    for month in sorted(months):
        index = int(month[:4]) * 12 + int(month[5:7])
        run = run + 1 if previous is not None and index == previous + 1 else 1
        previous = index
        if run >= STABLE_EMPLOYMENT_MONTHS:
            return month
    return None


def _active(worker: WorkerRow) -> set[str]:
    return set(filter(None, worker["active_placements"].split(",")))


def _set_active(worker: WorkerRow, entries: set[str]) -> None:
    """Active spells as `started_on/placement_id`, in order; the current one
    is the spell started last."""
    ordered = sorted(entries)
    worker["active_placements"] = ",".join(ordered)
    worker["current_placement_id"] = ordered[-1].partition("/")[2] if ordered else None


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
        _started,
        {
            "Placement.MonthConfirmed": _month_confirmed,
            "Placement.MonthWithdrawn": _month_withdrawn,
            "Placement.Ended": _ended,
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
