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
