"""Time travel for auditors: any record, and a worker's whole journey, as the
office knew it at a past moment (by recorded time) or at a given version — or,
by business date, the facts dated on or before a day as the office knows them
now (`Basis`, application/replay_basis.py says which events each keeps).

Nothing is reconstructed from read models: each record is replayed from its
own events, up to the last one recorded at (or dated on or before) the moment,
and shown in its usual view — found through the `RecordViews` registry the
composition root (application/journey.py) builds from the services. An
auditor's replay that shows a dispute's case notes is recorded as a disclosure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeVar
from uuid import UUID

from application.base import RecordStore
from application.disclosures import DisclosureDetails, Disclosures
from application.dispute_views import events_for
from application.event_views import recorded_event
from application.exceptions import RecordNotFound, WorkerNotFound
from application.replay_basis import Basis, business_day, kept_events, recorded_day
from application.subsidy_queries import SubsidyDetails
from application.views import (
    DOCUMENTED,
    DisputeDetails,
    PlacementDetails,
    RecordedEvent,
    TrainingDetails,
    TransferDetails,
    WorkerDetails,
)
from domain.actor import Actor


class RecordKind(StrEnum):
    WORKER = "worker"
    TRAINING = "training"
    TRANSFER = "transfer"
    PLACEMENT = "placement"
    DISPUTE = "dispute"
    SUBSIDY = "subsidy"
    DISCLOSURE = "disclosure"  # who was shown the worker's sensitive data


# The aggregate class (the first part of its events' names) → the record kind.
RECORD_KINDS = {
    "Worker": RecordKind.WORKER,
    "TrainingEnrollment": RecordKind.TRAINING,
    "Transfer": RecordKind.TRANSFER,
    "Placement": RecordKind.PLACEMENT,
    "Dispute": RecordKind.DISPUTE,
    "Subsidy": RecordKind.SUBSIDY,
    "Disclosure": RecordKind.DISCLOSURE,
}

RecordDetails = (
    WorkerDetails
    | TrainingDetails
    | TransferDetails
    | PlacementDetails
    | DisputeDetails
    | SubsidyDetails
    | DisclosureDetails
)
# A record's usual view at a version, as `reader` may see it, with any clock it
# shows (a dispute's mediation deadline) as it stood on `today`.
RecordView = Callable[[UUID, int, Actor, date], RecordDetails]
RecordViews = Mapping[RecordKind, RecordView]


class RecordNotYetRecorded(RecordNotFound):
    """The record exists now, but had no event yet at the moment (or version)
    asked about — or, by business date, no fact dated on or before the day."""

    def __init__(self, record_id: UUID, basis: Basis = Basis.RECORDED) -> None:
        super().__init__(record_id)
        if basis is Basis.BUSINESS:
            self.args = (f"record {record_id} had no fact dated on or before that day",)
        else:
            self.args = (f"record {record_id} had not been recorded yet at that moment or version",)


@dataclass(frozen=True, kw_only=True)
class ReplayedEvent(RecordedEvent):
    """An event as recorded, and which record it belongs to."""

    record_id: UUID
    record_kind: RecordKind
    position: int | None
    """Where the event is in the log (from the timeline)."""


@dataclass(frozen=True)
class RecordAsOf:
    __pydantic_config__ = DOCUMENTED

    record_id: UUID
    kind: RecordKind
    version: int
    """The version the record had then."""
    record: RecordDetails
    """The record as it was, in its usual shape."""
    events: list[ReplayedEvent]
    basis: Basis = Basis.RECORDED
    """recorded: as known at the moment; business: its facts dated on or before
    `business_date`, as known now."""
    business_date: date | None = None
    """The day replayed by business date (the date of `as_of` in Asia/Shanghai);
    null by recorded time."""


@dataclass(frozen=True)
class WorkerAsOf:
    __pydantic_config__ = DOCUMENTED

    worker_id: UUID
    as_of: datetime | None
    """The moment replayed; null means now."""
    worker: WorkerDetails
    trainings: list[TrainingDetails] = field(default_factory=list)
    transfers: list[TransferDetails] = field(default_factory=list)
    placements: list[PlacementDetails] = field(default_factory=list)
    disputes: list[DisputeDetails] = field(default_factory=list)
    subsidies: list[SubsidyDetails] = field(default_factory=list)
    disclosures: list[DisclosureDetails] = field(default_factory=list)
    """Who was shown sensitive data, when, why."""
    events: list[ReplayedEvent] = field(default_factory=list)
    """Every event up to then, as recorded, in the order recorded."""
    basis: Basis = Basis.RECORDED
    """recorded: as known at `as_of`; business: the facts dated on or before
    `business_date`, as known now."""
    business_date: date | None = None
    """The day replayed by business date; null by recorded time."""


class AuditHistory:
    def __init__(self, store: RecordStore, views: RecordViews, disclosures: Disclosures) -> None:
        missing = set(RecordKind) - set(views)
        if missing:
            raise ValueError(f"no view for the record kinds {sorted(missing)}")
        self.store = store
        self.views = views
        self.disclosures = disclosures

    def record_as_of(
        self,
        record_id: UUID,
        *,
        as_of: datetime | None = None,
        version: int | None = None,
        reader: Actor,
        positions: Mapping[tuple[UUID, int], int] | None = None,
        basis: Basis = Basis.RECORDED,
    ) -> RecordAsOf:
        """One record as it was at `version`, or at the moment `as_of` (the last
        event recorded at or before it), with its events up to then. By
        business date: up to its last event dated on or before the day of
        `as_of`, any clock it shows as it stood that day."""
        events: list[Any] = list(self.store.events.get(record_id))
        if not events:
            raise RecordNotFound(record_id)
        kind = RECORD_KINDS.get(type(events[0]).__qualname__.partition(".")[0])
        if kind is None:
            raise RecordNotFound(record_id)
        worker_id = record_id if kind is RecordKind.WORKER else events[0].worker_id
        # Outside the reader's reach the record is not found — before "not yet
        # recorded", which would tell that it exists.
        self.store.access.ensure_reaches(reader, worker_id, RecordNotFound, record_id)
        kept = kept_events(events, as_of=as_of, version=version, basis=basis)
        if not kept or (version is not None and kept[-1].originator_version != version):
            raise RecordNotYetRecorded(record_id, basis)
        at = kept[-1].originator_version
        day = business_day(as_of, basis)
        return RecordAsOf(
            record_id=record_id,
            kind=kind,
            version=at,
            record=self.views[kind](record_id, at, reader, day or recorded_day(kept[-1].timestamp)),
            events=self._replayed(record_id, kind, kept, reader, positions or {}),
            basis=basis,
            business_date=day,
        )

    def worker_as_of(
        self,
        worker_id: UUID,
        record_ids: Iterable[UUID],
        *,
        as_of: datetime | None = None,
        version: int | None = None,
        reader: Actor,
        positions: Mapping[tuple[UUID, int], int] | None = None,
        basis: Basis = Basis.RECORDED,
    ) -> WorkerAsOf:
        """The worker and every record of their journey as the office knew them
        at `as_of` — or at the moment the worker's record reached `version`; by
        business date, each record's facts dated on or before the day of `as_of`."""
        when: dict[str, Any] = {"reader": reader, "positions": positions, "basis": basis}
        try:
            worker = self.record_as_of(worker_id, as_of=as_of, version=version, **when)
        except RecordNotYetRecorded:
            raise
        except RecordNotFound:
            raise WorkerNotFound(worker_id) from None
        if not isinstance(worker.record, WorkerDetails):  # another kind of record
            raise WorkerNotFound(worker_id)
        moment = as_of if version is None else worker.events[-1].recorded_at
        details: list[RecordDetails] = []
        events = list(worker.events)
        for record_id in sorted(set(record_ids) - {worker_id}):
            try:
                record = self.record_as_of(record_id, as_of=moment, **when)
            except RecordNotFound:
                continue  # created after the moment (or not a journey record)
            details.append(record.record)
            events.extend(record.events)
        events.sort(key=lambda e: (e.recorded_at, e.position or 0))
        return WorkerAsOf(
            worker_id=worker_id,
            as_of=moment,
            worker=worker.record,
            trainings=_only(TrainingDetails, details),
            transfers=_only(TransferDetails, details),
            placements=_only(PlacementDetails, details),
            disputes=_only(DisputeDetails, details),
            subsidies=_only(SubsidyDetails, details),
            disclosures=_only(DisclosureDetails, details),
            events=events,
            basis=basis,
            business_date=worker.business_date,
        )

    def replay_worker(
        self, auditor: Actor, worker_id: UUID, record_ids: Iterable[UUID], **when: Any
    ) -> WorkerAsOf:
        """`worker_as_of` for an auditor, whose reading of each dispute's case
        notes in the replay is recorded."""
        replayed = self.worker_as_of(worker_id, record_ids, reader=auditor, **when)
        for dispute in replayed.disputes:
            self.disclosures.record_case_notes_read(dispute.id, worker_id, auditor)
        return replayed

    def replay_record(self, auditor: Actor, record_id: UUID, **when: Any) -> RecordAsOf:
        """`record_as_of` for an auditor; a replayed dispute's case notes shown
        are recorded as read."""
        replayed = self.record_as_of(record_id, reader=auditor, **when)
        if isinstance(replayed.record, DisputeDetails):
            self.disclosures.record_case_notes_read(record_id, replayed.record.worker_id, auditor)
        return replayed

    @staticmethod
    def _replayed(
        record_id: UUID,
        kind: RecordKind,
        events: list[Any],
        reader: Actor,
        positions: Mapping[tuple[UUID, int], int],
    ) -> list[ReplayedEvent]:
        shown = [recorded_event(e) for e in events]
        if kind is RecordKind.DISPUTE:
            shown = events_for(shown, reader.role)
        return [
            ReplayedEvent(
                **vars(e),
                record_id=record_id,
                record_kind=kind,
                position=positions.get((record_id, e.version)),
            )
            for e in shown
        ]


V = TypeVar("V")


def _only(kind: type[V], details: Iterable[object]) -> list[V]:
    return [d for d in details if isinstance(d, kind)]
