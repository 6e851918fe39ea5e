"""Time travel for auditors: any record, and a worker's whole journey, as the
office knew it at a past moment (by recorded time) or at a given version.

Nothing is reconstructed from read models: each record is replayed from its
own events, up to the last one recorded at or before the moment.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from application.base import JourneyBase
from application.clock import SHANGHAI
from application.dispute_views import events_for
from application.event_views import recorded_event
from application.exceptions import RecordNotFound, WorkerNotFound
from application.subsidy_queries import SubsidyDetails
from application.views import (
    DisputeDetails,
    PlacementDetails,
    RecordedEvent,
    TrainingDetails,
    TransferDetails,
    WorkerDetails,
)
from domain.actor import Role

# The aggregate class (the first part of its events' names) → the record kind.
RECORD_KINDS = {
    "Worker": "worker",
    "TrainingEnrollment": "training",
    "Transfer": "transfer",
    "Placement": "placement",
    "Dispute": "dispute",
    "Subsidy": "subsidy",
    "Disclosure": "disclosure",  # who was shown the worker's sensitive data
}


class RecordNotYetRecorded(RecordNotFound):
    """The record exists now, but had no event yet at the moment (or version) asked about."""

    def __init__(self, record_id: UUID) -> None:
        super().__init__(record_id)
        self.args = (f"record {record_id} had not been recorded yet at that moment or version",)


@dataclass(frozen=True)
class ReplayedEvent:
    record_id: UUID
    record_kind: str
    position: int | None  # where it is in the log, when known
    event: RecordedEvent


@dataclass(frozen=True)
class RecordAsOf:
    record_id: UUID
    kind: str
    version: int
    details: Any  # the record's DTO (WorkerDetails, TransferDetails, …) at `version`
    events: list[ReplayedEvent]


@dataclass(frozen=True)
class WorkerAsOf:
    worker_id: UUID
    as_of: datetime | None
    worker: WorkerDetails
    trainings: list[TrainingDetails] = field(default_factory=list)
    transfers: list[TransferDetails] = field(default_factory=list)
    placements: list[PlacementDetails] = field(default_factory=list)
    disputes: list[DisputeDetails] = field(default_factory=list)
    subsidies: list[SubsidyDetails] = field(default_factory=list)
    disclosures: list[Any] = field(default_factory=list)  # DisclosureDetails
    events: list[ReplayedEvent] = field(default_factory=list)  # in the order recorded


class AuditHistory(JourneyBase):
    def record_as_of(
        self,
        record_id: UUID,
        *,
        as_of: datetime | None = None,
        version: int | None = None,
        reader: Role = Role.AUDITOR,
        positions: Mapping[tuple[UUID, int], int] | None = None,
    ) -> RecordAsOf:
        """One record as it was at `version`, or at the moment `as_of` (the last
        event recorded at or before it), with its events up to then."""
        events: list[Any] = list(self.events.get(record_id))
        if not events:
            raise RecordNotFound(record_id)
        kind = RECORD_KINDS.get(type(events[0]).__qualname__.partition(".")[0])
        if kind is None:
            raise RecordNotFound(record_id)
        kept = [
            e
            for e in events
            if _known(e, as_of) and (version is None or e.originator_version <= version)
        ]
        if not kept or (version is not None and kept[-1].originator_version != version):
            raise RecordNotYetRecorded(record_id)
        at = kept[-1].originator_version
        return RecordAsOf(
            record_id=record_id,
            kind=kind,
            version=at,
            details=self._details(kind, record_id, at, reader, kept[-1].timestamp),
            events=self._replayed(record_id, kind, kept, reader, positions or {}),
        )

    def worker_as_of(
        self,
        worker_id: UUID,
        record_ids: Iterable[UUID],
        *,
        as_of: datetime | None = None,
        version: int | None = None,
        reader: Role = Role.AUDITOR,
        positions: Mapping[tuple[UUID, int], int] | None = None,
    ) -> WorkerAsOf:
        """The worker and every record of their journey as the office knew them
        at `as_of` — or at the moment the worker's record reached `version`."""
        try:
            worker = self.record_as_of(
                worker_id, as_of=as_of, version=version, reader=reader, positions=positions
            )
        except RecordNotYetRecorded:
            raise
        except RecordNotFound:
            raise WorkerNotFound(worker_id) from None
        if worker.kind != "worker":
            raise WorkerNotFound(worker_id)
        moment = as_of if version is None else worker.events[-1].event.recorded_at
        found = WorkerAsOf(worker_id=worker_id, as_of=moment, worker=worker.details)
        events = list(worker.events)
        for record_id in sorted(set(record_ids) - {worker_id}):
            try:
                record = self.record_as_of(
                    record_id, as_of=moment, reader=reader, positions=positions
                )
            except RecordNotFound:
                continue  # created after the moment (or not a journey record)
            getattr(found, _LISTS[record.kind]).append(record.details)
            events.extend(record.events)
        events.sort(key=lambda e: (e.event.recorded_at, e.position or 0))
        return WorkerAsOf(**{**found.__dict__, "events": events})

    def _details(self, kind: str, record_id: UUID, version: int, reader: Role, at: datetime) -> Any:
        """The record's usual view (the Journey's `<kind>_details`) at `version`."""
        details = getattr(self, f"{kind}_details")
        if kind == "dispute":  # as this reader may see it, the clock as it stood then
            today = at.astimezone(SHANGHAI).date()
            return details(record_id, reader, version=version, today=today)
        return details(record_id, version=version)

    @staticmethod
    def _replayed(
        record_id: UUID,
        kind: str,
        events: list[Any],
        reader: Role,
        positions: Mapping[tuple[UUID, int], int],
    ) -> list[ReplayedEvent]:
        shown = [recorded_event(e) for e in events]
        if kind == "dispute":
            shown = events_for(shown, reader)
        return [
            ReplayedEvent(record_id, kind, positions.get((record_id, e.version)), e) for e in shown
        ]


_LISTS = {
    "training": "trainings",
    "transfer": "transfers",
    "placement": "placements",
    "dispute": "disputes",
    "subsidy": "subsidies",
    "disclosure": "disclosures",
}


def _known(event: Any, as_of: datetime | None) -> bool:
    return as_of is None or event.timestamp <= as_of.astimezone(UTC)
