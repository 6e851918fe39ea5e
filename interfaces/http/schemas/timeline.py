"""Response bodies of the worker timeline and the audit trail."""

from __future__ import annotations

from uuid import UUID

from pydantic import BaseModel, Field

from infrastructure.readmodels.timeline_queries import TimelineEntry, TimelinePage

NEXT_AFTER = "Pass as `after` to get the next page; null when there is nothing more."


class WorkerTimelineOut(BaseModel):
    """The worker's events and those of its trainings, transfers, placements,
    disputes and subsidies, in log order."""

    worker_id: UUID
    entries: list[TimelineEntry]
    next_after: int | None = Field(description=NEXT_AFTER)

    @classmethod
    def of(cls, worker_id: UUID, page: TimelinePage) -> WorkerTimelineOut:
        return cls(
            worker_id=worker_id,
            entries=page.entries,
            next_after=page.next_after,
        )


class AuditEventsOut(BaseModel):
    """Events of the whole log matching the filters, in log order."""

    events: list[TimelineEntry]
    next_after: int | None = Field(description=NEXT_AFTER)

    @classmethod
    def of(cls, page: TimelinePage) -> AuditEventsOut:
        return cls(events=page.entries, next_after=page.next_after)
