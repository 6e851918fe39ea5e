"""Records and a worker's journey as they were at a past moment (auditors)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field

from application.audit_history import RecordAsOf, ReplayedEvent, WorkerAsOf
from application.disclosures import DisclosureDetails
from interfaces.http.schemas.common import ActorOut, EventOut
from interfaces.http.schemas.disputes import DisputeOut
from interfaces.http.schemas.placements import PlacementOut
from interfaces.http.schemas.subsidy import SubsidyOut
from interfaces.http.schemas.trainings import TrainingOut
from interfaces.http.schemas.transfers import TransferOut
from interfaces.http.schemas.workers import WorkerOut


class DisclosureOut(BaseModel):
    """Someone was shown sensitive data: a full ID number or a dispute's case notes."""

    id: UUID
    version: int
    kind: str = Field(examples=["id_number", "dispute_case_notes"])
    record_id: UUID
    worker_id: UUID
    reason: str | None
    disclosed_to: ActorOut
    disclosed_on: date
    recorded_at: datetime

    @classmethod
    def of(cls, d: DisclosureDetails) -> DisclosureOut:
        return cls(
            **{k: v for k, v in vars(d).items() if k != "disclosed_to"},
            disclosed_to=ActorOut(
                user=d.disclosed_to.user,
                role=d.disclosed_to.role.value,
                office=d.disclosed_to.office,
            ),
        )


_VIEWS: dict[str, Any] = {
    "worker": WorkerOut,
    "training": TrainingOut,
    "transfer": TransferOut,
    "placement": PlacementOut,
    "dispute": DisputeOut,
    "subsidy": SubsidyOut,
    "disclosure": DisclosureOut,
}


class ReplayedEventOut(EventOut):
    record_id: UUID
    record_kind: str
    position: int | None = Field(description="Where the event is in the log (from the timeline).")

    @classmethod
    def of_replayed(cls, e: ReplayedEvent) -> ReplayedEventOut:
        return cls(
            **EventOut.of(e.event).model_dump(),
            record_id=e.record_id,
            record_kind=e.record_kind,
            position=e.position,
        )


class RecordAsOfOut(BaseModel):
    record_id: UUID
    kind: str = Field(examples=["worker", "training", "transfer", "placement", "dispute"])
    version: int = Field(description="The version the record had then.")
    record: dict[str, Any] = Field(description="The record as it was, in its usual shape.")
    events: list[ReplayedEventOut]

    @classmethod
    def of(cls, r: RecordAsOf) -> RecordAsOfOut:
        view = _VIEWS[r.kind].of(r.details)
        return cls(
            record_id=r.record_id,
            kind=r.kind,
            version=r.version,
            record=view.model_dump(mode="json"),
            events=[ReplayedEventOut.of_replayed(e) for e in r.events],
        )


class WorkerAsOfOut(BaseModel):
    worker_id: UUID
    as_of: datetime | None = Field(description="The moment replayed; null means now.")
    worker: WorkerOut
    trainings: list[TrainingOut]
    transfers: list[TransferOut]
    placements: list[PlacementOut]
    disputes: list[DisputeOut]
    subsidies: list[SubsidyOut]
    disclosures: list[DisclosureOut] = Field(description="Who was shown sensitive data, when, why.")
    events: list[ReplayedEventOut] = Field(description="Every event up to then, as recorded.")

    @classmethod
    def of(cls, w: WorkerAsOf) -> WorkerAsOfOut:
        return cls(
            worker_id=w.worker_id,
            as_of=w.as_of,
            worker=WorkerOut.of(w.worker),
            trainings=[TrainingOut.of(t) for t in w.trainings],
            transfers=[TransferOut.of(t) for t in w.transfers],
            placements=[PlacementOut.of(p) for p in w.placements],
            disputes=[DisputeOut.of(d) for d in w.disputes],
            subsidies=[SubsidyOut.of(s) for s in w.subsidies],
            disclosures=[DisclosureOut.of(d) for d in w.disclosures],
            events=[ReplayedEventOut.of_replayed(e) for e in w.events],
        )
