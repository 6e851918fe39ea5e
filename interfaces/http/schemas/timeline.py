"""Response bodies of the worker timeline and the audit trail."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from pydantic import BaseModel, Field

from domain.actor import Actor, Role
from infrastructure.readmodels.timeline_queries import TimelineEntry, TimelinePage

NEXT_AFTER = "Pass as `after` to get the next page; null when there is nothing more."


class TimelineEntryOut(BaseModel):
    """One event: where it stands in the log, who recorded it, what it says."""

    position: int = Field(description="Log position (the X-Position of the write)")
    recorded_at: datetime = Field(description="When it was recorded (UTC)")
    occurred_on: date | None = Field(description="The business date it refers to")
    actor: Actor | None
    aggregate_type: str = Field(examples=["transfer"])
    aggregate_id: UUID
    event_type: str = Field(examples=["Transfer.Arrived"])
    worker_id: UUID | None = Field(description="The worker the record belongs to")
    restricted: bool = Field(
        description="A dispute's case note (session, evidence): its summary is shown "
        "only to mediators and auditors"
    )
    summary_zh: str = Field(examples=["转移到达 山东省莱山区"])
    summary_en: str = Field(examples=["Arrived in 山东省莱山区"])

    @classmethod
    def of(cls, e: TimelineEntry) -> TimelineEntryOut:
        actor = (
            Actor(user=e.actor_user, role=Role(e.actor_role), office=e.actor_office)
            if e.actor_user and e.actor_role and e.actor_office
            else None
        )
        return cls(
            position=e.position,
            recorded_at=datetime.fromisoformat(e.recorded_at),
            occurred_on=date.fromisoformat(e.occurred_on) if e.occurred_on else None,
            actor=actor,
            aggregate_type=e.aggregate_type,
            aggregate_id=UUID(e.aggregate_id),
            event_type=e.event_type,
            worker_id=UUID(e.worker_id) if e.worker_id else None,
            restricted=e.restricted,
            summary_zh=e.summary_zh,
            summary_en=e.summary_en,
        )


class WorkerTimelineOut(BaseModel):
    """The worker's events and those of its trainings, transfers, placements,
    disputes and subsidies, in log order."""

    worker_id: UUID
    entries: list[TimelineEntryOut]
    next_after: int | None = Field(description=NEXT_AFTER)

    @classmethod
    def of(cls, worker_id: UUID, page: TimelinePage) -> WorkerTimelineOut:
        return cls(
            worker_id=worker_id,
            entries=[TimelineEntryOut.of(e) for e in page.entries],
            next_after=page.next_after,
        )


class AuditEventsOut(BaseModel):
    """Events of the whole log matching the filters, in log order."""

    events: list[TimelineEntryOut]
    next_after: int | None = Field(description=NEXT_AFTER)

    @classmethod
    def of(cls, page: TimelinePage) -> AuditEventsOut:
        return cls(
            events=[TimelineEntryOut.of(e) for e in page.entries], next_after=page.next_after
        )
