"""A row of the timeline as its readers get it back: one event with its
flags for auditors (entered late, imported), and a page of them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from uuid import UUID

from application.projections.timeline import RESTRICTED_SUMMARY
from application.projections.timeline_rows import EventRow
from application.views import DOCUMENTED
from domain.actor import Actor, Role
from domain.ledger_entry import LedgerEntry


@dataclass(frozen=True)
class TimelineEntry:
    """One event: where it stands in the log, who recorded it, what it says."""

    __pydantic_config__ = DOCUMENTED

    position: int
    """Log position (the X-Position of the write)."""
    recorded_at: datetime
    """When it was recorded (UTC)."""
    occurred_on: date | None
    """The business date it refers to."""
    actor: Actor | None
    aggregate_type: str
    """e.g. transfer."""
    aggregate_id: UUID
    event_type: str
    """e.g. Transfer.Arrived."""
    worker_id: UUID | None
    """The worker the record belongs to."""
    restricted: bool
    """A dispute's case note (session, evidence): its summary is shown only to mediators
    and auditors."""
    summary_zh: str
    summary_en: str
    entered_late: bool
    """Recorded more than 30 days after its business date (补录): back-dating is
    legitimate, and what an auditor looks at first."""
    days_late: int
    """Days from the business date to the day it was recorded (Asia/Shanghai);
    0 for an event without a business date."""
    imported_from: LedgerEntry | None
    """The ledger row it was imported from (the file's SHA-256, sheet, row); null
    for a fact entered by hand."""


@dataclass(frozen=True)
class TimelinePage:
    entries: list[TimelineEntry]
    next_after: int | None  # pass as `after` for the next page; None at the end


def entry_of(row: EventRow) -> TimelineEntry:
    user, role, office = row["actor_user"], row["actor_role"], row["actor_office"]
    imported = _ledger_entry(row)
    return TimelineEntry(
        position=int(row["position"]),
        recorded_at=datetime.fromisoformat(row["recorded_at"]),
        occurred_on=date.fromisoformat(row["occurred_on"]) if row["occurred_on"] else None,
        actor=Actor(user, Role(role), office, imported) if user and role and office else None,
        aggregate_type=row["aggregate_type"],
        aggregate_id=UUID(row["aggregate_id"]),
        event_type=row["event_type"],
        worker_id=UUID(row["worker_id"]) if row["worker_id"] else None,
        restricted=bool(row["restricted"]),
        summary_zh=row["summary_zh"],
        summary_en=row["summary_en"],
        entered_late=bool(row["entered_late"]),
        days_late=int(row["days_late"]),
        imported_from=imported,
    )


def _ledger_entry(row: EventRow) -> LedgerEntry | None:
    sha256, sheet, number = row["imported_sha256"], row["imported_sheet"], row["imported_row"]
    if sha256 is None or sheet is None or number is None:
        return None
    return LedgerEntry(sha256, sheet, int(number))


def neutral(entry: TimelineEntry) -> TimelineEntry:
    if not entry.restricted:
        return entry
    return replace(entry, summary_zh=RESTRICTED_SUMMARY.zh, summary_en=RESTRICTED_SUMMARY.en)
