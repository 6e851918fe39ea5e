"""Read DTOs: what queries return. Never aggregates.

These are also the shapes the HTTP API answers with (pydantic serialises
dataclasses): a field added here appears in the answer and its schema, with
the attribute's docstring as its description.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from domain.actor import Actor
from domain.worker_profile import JobIntention

# Read by pydantic where these types are answered over HTTP: attribute
# docstrings become descriptions. A plain dict keeps the core free of pydantic.
DOCUMENTED = {"use_attribute_docstrings": True}


@dataclass(frozen=True)
class Recorded:
    """The outcome of a command: the record's new version and the log position."""

    aggregate_id: UUID
    version: int
    position: int


@dataclass(frozen=True)
class WorkerDetails:
    __pydantic_config__ = DOCUMENTED

    id: UUID
    version: int
    status: str
    name: str
    id_number: str
    """Masked: first 6 and last 4 characters."""
    sex: str
    birth_date: date
    mobile: str
    hukou_division: str
    hukou_division_name: str | None
    hukou_township: str | None
    poverty_status: str
    poverty_status_since: date
    education: str | None
    skills: list[str]
    job_intention: JobIntention
    support_services: list[dict[str, Any]]
    registered_on: date
    registered_by: Actor
    created_at: datetime
    modified_at: datetime


@dataclass(frozen=True)
class RecordedEvent:
    """One event of a record's history, with personal data masked."""

    __pydantic_config__ = DOCUMENTED

    type: str
    version: int
    occurred_on: date | None
    recorded_at: datetime
    actor: Actor | None
    payload: dict[str, Any]


@dataclass(frozen=True)
class TrainingDetails:
    __pydantic_config__ = DOCUMENTED

    id: UUID
    version: int
    worker_id: UUID
    state: str
    course_name: str
    training_type: str
    provider: str
    location: str | None
    planned_start: date
    planned_end: date
    enrolled_on: date
    hours: Decimal | None
    result: str | None
    completed_on: date | None
    certificate: dict[str, str | None] | None
    certified_on: date | None
    dropped_on: date | None
    drop_reason: str | None
    created_at: datetime
    modified_at: datetime


@dataclass(frozen=True)
class TransferDetails:
    __pydantic_config__ = DOCUMENTED

    id: UUID
    version: int
    worker_id: UUID
    state: str
    origin_office: str
    destination: str
    destination_name: str | None
    channel: str
    planned_on: date
    employer_name: str | None
    arranged_on: date
    mode: str | None
    departed_on: date | None
    arrived_on: date | None
    confirmed_by_office: str | None
    cancelled_on: date | None
    cancel_reason: str | None
    returned_on: date | None
    return_reason: str | None
    created_at: datetime
    modified_at: datetime


@dataclass(frozen=True)
class PlacementDetails:
    __pydantic_config__ = DOCUMENTED

    id: UUID
    version: int
    worker_id: UUID
    transfer_id: UUID | None
    state: str
    employer_name: str
    employer_code: str
    workplace_division: str
    workplace_division_name: str | None
    position: str
    monthly_wage: Decimal
    contract_type: str
    kind: str
    started_on: date
    confirmed_months: list[str]
    confirmations: list[dict[str, Any]]
    longest_consecutive_run: int
    stably_employed: bool
    """Six or more consecutive confirmed months (稳定就业)."""
    withdrawals: list[dict[str, Any]]
    """Confirmations withdrawn (month, reason, withdrawn_on), oldest first."""
    ended_on: date | None
    end_reason: str | None
    created_at: datetime
    modified_at: datetime


@dataclass(frozen=True)
class DisputeDetails:
    """A dispute as one reader may see it. For a reader who may not read case
    notes (`restricted`), the description, sessions, evidence and reasons are
    None or empty; kind, status, amounts, dates and the clock are always shown."""

    id: UUID
    version: int
    worker_id: UUID
    status: str
    kind: str
    employer_name: str
    employer_code: str | None
    amount_claimed: Decimal
    amount_agreed: Decimal | None
    amount_recovered: Decimal | None
    opened_on: date
    mediation_due_on: date
    """Start of the current (or last) mediation period + 15 days (调解期限): the
    acceptance, or the last reopening."""
    overdue: bool
    """Past the mediation period, neither settled nor escalated."""
    mediation_periods: list[MediationPeriod]
    """Every mediation period, oldest first: a reopening starts a new one."""
    mediator: str | None
    escalated_to: str | None
    escalated_on: date | None
    settled_on: date | None
    outcome: str | None
    closed_on: date | None
    reopened_on: date | None
    restricted: bool
    description: str | None
    sessions: list[DisputeSession]
    evidence: list[DisputeEvidence]
    escalation_reason: str | None
    closure_reason: str | None
    reopen_reason: str | None
    created_at: datetime
    modified_at: datetime


@dataclass(frozen=True)
class MediationPeriod:
    """One run of the 15-day mediation clock (调解期限), oldest first."""

    __pydantic_config__ = DOCUMENTED

    started_on: date
    """The acceptance, or a reopening."""
    started_by: str
    """accepted or reopened."""
    due_on: date
    """started_on + 15 days."""
    ended_on: date | None
    """Null while the period runs."""
    ended_by: str | None
    """escalated, settled or closed."""


@dataclass(frozen=True)
class DisputeSession:
    held_on: date
    attendees: list[str]
    summary: str
    recorded_by: str


@dataclass(frozen=True)
class DisputeEvidence:
    document_id: str
    sha256: str
    description: str
    added_on: date
    added_by: str
    media_type: str | None = None
    """Type detected from the stored file's bytes; null for evidence added by digest only."""
    size: int | None = None
    """The stored file's size in bytes; null for evidence added by digest only."""
