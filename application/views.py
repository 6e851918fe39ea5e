"""Read DTOs: what queries return. Never aggregates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from domain.actor import Actor


@dataclass(frozen=True)
class Recorded:
    """The outcome of a command: the record's new version and the log position."""

    aggregate_id: UUID
    version: int
    position: int


@dataclass(frozen=True)
class WorkerDetails:
    id: UUID
    version: int
    status: str
    name: str
    id_number_masked: str
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
    job_intention_destination: str | None
    job_intention_sector: str | None
    support_services: list[dict[str, Any]]
    registered_on: date
    registered_by: Actor
    created_at: datetime
    modified_at: datetime


@dataclass(frozen=True)
class RecordedEvent:
    """One event of a record's history, with personal data masked."""

    type: str
    version: int
    occurred_on: date | None
    recorded_at: datetime
    actor: Actor | None
    payload: dict[str, Any]


@dataclass(frozen=True)
class TrainingDetails:
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
    withdrawals: list[dict[str, Any]]
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
    overdue: bool
    mediation_periods: list[dict[str, Any]]
    mediator: str | None
    escalated_to: str | None
    escalated_on: date | None
    settled_on: date | None
    outcome: str | None
    closed_on: date | None
    reopened_on: date | None
    restricted: bool
    description: str | None
    sessions: list[dict[str, Any]]
    evidence: list[dict[str, Any]]
    escalation_reason: str | None
    closure_reason: str | None
    reopen_reason: str | None
    created_at: datetime
    modified_at: datetime
