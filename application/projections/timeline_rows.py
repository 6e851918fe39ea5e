"""The rows of the timeline, declared once: each table's columns are the keys of
its row type, and the infrastructure derives the table from it (`Table.of`)."""

from __future__ import annotations

from typing import TypedDict

from application.projections.columns import Position


class EventRow(TypedDict):
    """One event of the log as the timeline and the audit trail show it."""

    position: Position
    recorded_at: str  # UTC, ISO 8601 with microseconds and Z
    occurred_on: str | None  # the business date, if the event has one
    actor_user: str | None
    actor_role: str | None
    actor_office: str | None
    aggregate_id: str
    aggregate_type: str
    event_type: str
    worker_id: str | None  # None for an event of a record whose creation was never seen
    restricted: int  # 0/1: a dispute's case notes, for mediators and auditors only
    summary_zh: str
    summary_en: str
    # Late entry (domain.late_entry): days from the business date to the recorded
    # date in Asia/Shanghai (0 without a business date), and 0/1 past the threshold.
    entered_late: int
    days_late: int
    # The ledger row an imported fact came from (the actor's `imported_from`).
    imported_sha256: str | None
    imported_sheet: str | None
    imported_row: int | None


class OwnerRow(TypedDict):
    """Whose record it is, and the detail its later events' summaries mention."""

    aggregate_id: str
    worker_id: str
    aggregate_type: str
    context: str | None
