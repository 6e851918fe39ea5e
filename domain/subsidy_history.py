"""A worker's history as the subsidy rules read it: plain facts with their evidence.

The application builds a `WorkerHistory` from the events of the worker's
aggregates (Worker, Transfer, Placement); the rules never see an aggregate or a
store. Every fact carries references to the events that recorded it, so an
entitlement can name exactly what it relied on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.exceptions import InvalidValue
from domain.placement_terms import PlacementKind, parse_month
from domain.transfer import TransferState
from domain.worker_profile import PovertyStatus

_ARRIVED_STATES = frozenset({TransferState.ARRIVED, TransferState.RETURNED})


@dataclass(frozen=True, order=True)
class EventRef:
    """One stored event: its aggregate's id and the aggregate version it produced."""

    aggregate_id: UUID
    version: int


@dataclass(frozen=True)
class StatusChange:
    """A recorded poverty status (at registration or by `PovertyStatusChanged`).

    `effective_on` may lie before the day it was recorded (a back-dated change);
    `evidence.version` gives the order in which statements were recorded.
    """

    effective_on: date
    status: PovertyStatus
    evidence: EventRef


@dataclass(frozen=True)
class TransferRecord:
    transfer_id: UUID
    destination: str  # division code
    state: TransferState
    arrived_on: date | None
    evidence: tuple[EventRef, ...]  # e.g. Arranged and Arrived

    def __post_init__(self) -> None:
        if (self.arrived_on is not None) != (self.state in _ARRIVED_STATES):
            raise InvalidValue("arrived_on", "is set exactly when the transfer has arrived")

    @property
    def arrived(self) -> bool:
        """到岗: arrived, including a worker who has since returned home."""
        return self.arrived_on is not None


@dataclass(frozen=True)
class ConfirmedMonth:
    month: str  # YYYY-MM
    evidence: EventRef  # the MonthConfirmed event

    def __post_init__(self) -> None:
        parse_month(self.month)


@dataclass(frozen=True)
class PlacementRecord:
    """A job spell with the months still confirmed (withdrawn months left out)."""

    placement_id: UUID
    transfer_id: UUID | None
    kind: PlacementKind
    workplace_division: str
    started_on: date
    ended_on: date | None
    months: tuple[ConfirmedMonth, ...]
    evidence: tuple[EventRef, ...]  # e.g. Started

    def __post_init__(self) -> None:
        names = [m.month for m in self.months]
        if len(set(names)) != len(names):
            raise InvalidValue("months", "must confirm each month once")


@dataclass(frozen=True)
class WorkerHistory:
    worker_id: UUID
    statuses: tuple[StatusChange, ...]
    transfers: tuple[TransferRecord, ...] = ()
    placements: tuple[PlacementRecord, ...] = ()

    def status_on(self, day: date) -> StatusChange | None:
        """The statement in force on `day`: of those already effective, the one
        recorded last — as in the Worker aggregate, a later statement overrides
        earlier ones from its effective date on, even when it is back-dated."""
        effective = [s for s in self.statuses if s.effective_on <= day]
        return max(effective, key=lambda s: (s.evidence, s.effective_on), default=None)

    def transfer(self, transfer_id: UUID) -> TransferRecord | None:
        return next((t for t in self.transfers if t.transfer_id == transfer_id), None)
