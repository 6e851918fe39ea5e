"""From stored events to the facts the subsidy rules read (a `WorkerHistory`).

Only the events below can change what a worker is owed; the policy process
indexes them by worker (with their log positions) and evaluates the workers
they touch. Everything here is a pure fold over decoded events.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from domain.placement_terms import PlacementKind
from domain.subsidy_history import (
    ConfirmedMonth,
    EventRef,
    PlacementRecord,
    StatusChange,
    TransferRecord,
    WorkerHistory,
)
from domain.transfer import TransferState
from domain.worker_profile import PovertyStatus

# Event type → what kind of record it belongs to. Creations name their worker.
RELEVANT_EVENTS = {
    "Worker.Registered": "worker",
    "Worker.PovertyStatusChanged": "worker",
    "Transfer.Arranged": "transfer",
    "Transfer.Departed": "transfer",
    "Transfer.Arrived": "transfer",
    "Transfer.Cancelled": "transfer",
    "Transfer.Returned": "transfer",
    "Placement.Started": "placement",
    "Placement.MonthConfirmed": "placement",
    "Placement.MonthWithdrawn": "placement",
    "Placement.Ended": "placement",
    "Subsidy.Assessed": "subsidy",
}
# Facts of these kinds trigger an evaluation; a subsidy's own events do not.
HISTORY_KINDS = frozenset({"worker", "transfer", "placement"})
_CREATIONS = frozenset({"Transfer.Arranged", "Placement.Started", "Subsidy.Assessed"})

# Where each event leaves a transfer.
_TRANSFER_STATES = {
    "Transfer.Arranged": TransferState.ARRANGED,
    "Transfer.Departed": TransferState.DEPARTED,
    "Transfer.Arrived": TransferState.ARRIVED,
    "Transfer.Cancelled": TransferState.CANCELLED,
    "Transfer.Returned": TransferState.RETURNED,
}

# aggregate id → {version → log position}: the events of one worker's records
# that an evaluation may read, as far as the log has been read.
WorkerFacts = Mapping[UUID, Mapping[int, int]]


def event_type(event: Any) -> str:
    return type(event).__qualname__


def topic_event_type(topic: str) -> str:
    """'domain.placement:Placement.MonthConfirmed' → 'Placement.MonthConfirmed'."""
    return topic.rpartition(":")[2]


def worker_named_by(event: Any) -> UUID | None:
    """The worker a record's first event names (the worker's own events name it)."""
    name = event_type(event)
    if name.startswith("Worker."):
        return UUID(str(event.originator_id))
    if name in _CREATIONS:
        return UUID(str(event.worker_id))
    return None


def history_from(worker_id: UUID, events: Iterable[Any]) -> WorkerHistory:
    """The worker's history from the events of their records, in any order."""
    fold = _Fold()
    for event in sorted(events, key=lambda e: (str(e.originator_id), e.originator_version)):
        fold.apply(event)
    return WorkerHistory(
        worker_id=worker_id,
        statuses=tuple(fold.statuses),
        transfers=tuple(t.record() for t in fold.transfers.values()),
        placements=tuple(p.record() for p in fold.placements.values()),
    )


@dataclass
class _Transfer:
    transfer_id: UUID
    destination: str
    state: TransferState = TransferState.ARRANGED
    arrived_on: date | None = None
    evidence: list[EventRef] = field(default_factory=list)

    def record(self) -> TransferRecord:
        return TransferRecord(
            self.transfer_id, self.destination, self.state, self.arrived_on, tuple(self.evidence)
        )


@dataclass
class _Placement:
    placement_id: UUID
    transfer_id: UUID | None
    kind: PlacementKind
    workplace_division: str
    started_on: date
    ended_on: date | None = None
    months: dict[str, EventRef] = field(default_factory=dict)
    evidence: list[EventRef] = field(default_factory=list)

    def record(self) -> PlacementRecord:
        return PlacementRecord(
            placement_id=self.placement_id,
            transfer_id=self.transfer_id,
            kind=self.kind,
            workplace_division=self.workplace_division,
            started_on=self.started_on,
            ended_on=self.ended_on,
            months=tuple(ConfirmedMonth(m, ref) for m, ref in sorted(self.months.items())),
            evidence=tuple(self.evidence),
        )


class _Fold:
    def __init__(self) -> None:
        self.statuses: list[StatusChange] = []
        self.transfers: dict[UUID, _Transfer] = {}
        self.placements: dict[UUID, _Placement] = {}

    def apply(self, event: Any) -> None:
        name = event_type(event)
        record_id = UUID(str(event.originator_id))
        ref = EventRef(record_id, event.originator_version)
        if name == "Worker.Registered":
            status = PovertyStatus(event.poverty_status)
            self.statuses.append(StatusChange(event.occurred_on, status, ref))
        elif name == "Worker.PovertyStatusChanged":
            self.statuses.append(StatusChange(event.effective_on, PovertyStatus(event.status), ref))
        elif name == "Transfer.Arranged":
            self.transfers[record_id] = _Transfer(record_id, event.destination, evidence=[ref])
        elif name in _TRANSFER_STATES and record_id in self.transfers:
            self._transfer_moved(self.transfers[record_id], name, event, ref)
        elif name == "Placement.Started":
            self.placements[record_id] = _Placement(
                placement_id=record_id,
                transfer_id=event.transfer_id,
                kind=PlacementKind(event.kind),
                workplace_division=event.workplace_division,
                started_on=event.occurred_on,
                evidence=[ref],
            )
        elif record_id in self.placements:
            self._placement_changed(self.placements[record_id], name, event, ref)

    @staticmethod
    def _transfer_moved(transfer: _Transfer, name: str, event: Any, ref: EventRef) -> None:
        transfer.state = _TRANSFER_STATES[name]
        if name == "Transfer.Arrived":
            transfer.arrived_on = event.occurred_on
            transfer.evidence.append(ref)
        elif name == "Transfer.Cancelled":
            transfer.arrived_on = None

    @staticmethod
    def _placement_changed(placement: _Placement, name: str, event: Any, ref: EventRef) -> None:
        if name == "Placement.MonthConfirmed":
            placement.months[event.month] = ref
        elif name == "Placement.MonthWithdrawn":
            placement.months.pop(event.month, None)
        elif name == "Placement.Ended":
            placement.ended_on = event.occurred_on


@dataclass(frozen=True)
class FactRow:
    """One relevant event of a worker's records, as the policy process indexes it."""

    aggregate_id: UUID
    version: int
    position: int
    worker_id: UUID
    kind: str  # worker, transfer, placement or subsidy


def index_events(
    notified: Iterable[tuple[int, Any]], workers_of: Mapping[UUID, UUID]
) -> list[FactRow]:
    """The fact rows of the relevant events among `notified` (position, event),
    in log order. A record's later events find their worker in `workers_of`
    (record id → worker id, from rows indexed before) or earlier in the page;
    an event of a record with no known worker is left out."""
    workers = dict(workers_of)
    rows = []
    for position, event in notified:
        kind = RELEVANT_EVENTS.get(event_type(event))
        if kind is None:
            continue
        record_id = UUID(str(event.originator_id))
        worker_id = worker_named_by(event) or workers.get(record_id)
        if worker_id is None:
            continue
        workers[record_id] = worker_id
        rows.append(FactRow(record_id, event.originator_version, position, worker_id, kind))
    return rows
