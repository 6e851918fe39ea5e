"""The timeline: what each event of the log says, in one line of Chinese and English.

Pure: no SQL, no I/O, no clock. `event_row` makes an event's row of the timeline,
`owner_row` the row that remembers whose record a creation event starts (the
rows are declared in `timeline_rows`). A summary carries only codes, statuses, dates,
amounts, division names, course names and employer names — never a name, an ID
number, a phone number, nor text a user typed (notes, descriptions, session
summaries, reasons): the timeline is shown to every reader and exported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from application.clock import SHANGHAI
from application.projections.columns import iso, text, utc_text
from application.projections.timeline_rows import EventRow, OwnerRow
from application.projections.timeline_summaries import SUMMARIES, Summary, subsidy_context
from domain.dispute_terms import is_confidential_event
from domain.late_entry import days_late, entered_late
from domain.ledger_entry import LedgerEntry

__all__ = [
    "RESTRICTED_SUMMARY",
    "Origin",
    "Summary",
    "aggregate_type",
    "event_row",
    "event_type",
    "is_restricted",
    "origin_of",
    "owner_row",
    "summarise",
]

# What a reader who may not read case notes sees instead of a restricted event's summary.
RESTRICTED_SUMMARY = Summary(
    "调解记录（仅调解员和审计可见）", "Mediation record (visible to mediators and auditors)"
)

# The aggregate class each event is nested in, as the timeline names it.
AGGREGATE_TYPES = {
    "Worker": "worker",
    "TrainingEnrollment": "training",
    "Transfer": "transfer",
    "Placement": "placement",
    "Dispute": "dispute",
    "Subsidy": "subsidy",
    "Disclosure": "disclosure",
    "AuditExport": "audit_export",
    "CaseOffices": "case_offices",
    "OfficeRegister": "office_register",
}
# The creation event of each record and the detail later summaries mention:
# an attribute of the event, or how to make it from the event.
CREATIONS: dict[str, str | Callable[[Any], str] | None] = {
    "Worker.Registered": None,
    "TrainingEnrollment.Enrolled": "course_name",
    "Transfer.Arranged": "destination",
    "Placement.Started": "employer_name",
    "Dispute.Opened": "employer_name",
    "Subsidy.Assessed": subsidy_context,
    "Disclosure.Recorded": None,
    # Who serves the worker: its later events say the worker's home office.
    "CaseOffices.Opened": "home_office",
}


@dataclass(frozen=True)
class Origin:
    """What a record's creation event says about all its later events: whose
    record it is, and a detail (course, destination, employer) they may mention."""

    worker_id: UUID
    aggregate_type: str
    context: str | None


def event_type(event: object) -> str:
    """The stored name of the event's class, e.g. `Transfer.Arrived`."""
    return type(event).__qualname__


def aggregate_type(event_type: str) -> str:
    owner = event_type.partition(".")[0]
    return AGGREGATE_TYPES.get(owner, owner.lower())


def is_restricted(event_type: str) -> bool:
    """A dispute's case notes (sessions, evidence): only mediators and auditors read them."""
    return aggregate_type(event_type) == "dispute" and is_confidential_event(event_type)


def origin_of(event: Any) -> Origin | None:
    """The origin a creation event establishes; None for any other event."""
    name = event_type(event)
    if name not in CREATIONS:
        return None
    detail = CREATIONS[name]
    worker_id = event.originator_id if name == "Worker.Registered" else event.worker_id
    context: str | None = None
    if callable(detail):
        context = detail(event)
    elif detail:
        context = getattr(event, detail, None)
    return Origin(worker_id=worker_id, aggregate_type=aggregate_type(name), context=context)


def summarise(event: Any, context: str | None = None) -> Summary:
    """One line in each language; `context` is the record's detail from its
    Origin (e.g. the destination of the transfer an arrival belongs to)."""
    name = event_type(event)
    summary = SUMMARIES.get(name)
    if summary is None:
        return Summary(f"记录事件 {_code(name)}", f"Event recorded: {_code(name)}")
    return summary(event, context)


def owner_row(event: Any, origin: Origin) -> OwnerRow:
    """The owner of the record the creation `event` starts."""
    return {
        "aggregate_id": text(event.originator_id),
        "worker_id": text(origin.worker_id),
        "aggregate_type": origin.aggregate_type,
        "context": origin.context,
    }


def event_row(position: int, event: Any, owner: OwnerRow | None) -> EventRow:
    """The event's row of the timeline; `owner` that of its record, if known."""
    name = event_type(event)
    summary = summarise(event, owner["context"] if owner else None)
    actor = getattr(event, "actor", None)
    occurred_on: date | None = getattr(event, "occurred_on", None)
    # The recorded time's own day where the offices are: an event recorded at
    # 07:00 in Wushan is that day's, though it is still the day before in UTC.
    recorded_on = event.timestamp.astimezone(SHANGHAI).date()
    entry: LedgerEntry | None = getattr(actor, "imported_from", None)
    return {
        "position": position,
        "recorded_at": utc_text(event.timestamp),
        "occurred_on": iso(occurred_on),
        "actor_user": actor.user if actor else None,
        "actor_role": actor.role.value if actor else None,
        "actor_office": actor.office if actor else None,
        "aggregate_id": text(event.originator_id),
        "aggregate_type": aggregate_type(name),
        "event_type": name,
        "worker_id": owner["worker_id"] if owner else None,
        "restricted": int(is_restricted(name)),
        "summary_zh": summary.zh,
        "summary_en": summary.en,
        "entered_late": int(occurred_on is not None and entered_late(occurred_on, recorded_on)),
        "days_late": days_late(occurred_on, recorded_on) if occurred_on else 0,
        "imported_sha256": entry.ledger_sha256 if entry else None,
        "imported_sheet": entry.sheet if entry else None,
        "imported_row": entry.row if entry else None,
    }


def _code(name: str) -> str:
    return name if all(ch.isascii() and (ch.isalnum() or ch in "._") for ch in name) else "?"
