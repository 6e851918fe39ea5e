"""Commands about a worker's file."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from uuid import UUID

from application.commands.base import ChangeCommand, Command


@dataclass(frozen=True, kw_only=True)
class WorkerCommand(ChangeCommand):
    worker_id: UUID


@dataclass(frozen=True, kw_only=True)
class RegisterWorker(Command):
    name: str
    id_number: str
    mobile: str
    hukou_division: str
    hukou_township: str | None = None
    poverty_status: str
    education: str | None = None
    skills: list[str] = field(default_factory=list)
    intended_destination: str | None = None
    intended_sector: str | None = None
    consent: bool


@dataclass(frozen=True, kw_only=True)
class ChangeContact(WorkerCommand):
    mobile: str


@dataclass(frozen=True, kw_only=True)
class ChangePovertyStatus(WorkerCommand):
    status: str
    effective_on: date | None = None  # defaults to the business date
    source: str


@dataclass(frozen=True, kw_only=True)
class RecordJobIntention(WorkerCommand):
    destination: str | None = None
    sector: str | None = None


@dataclass(frozen=True, kw_only=True)
class RecordSkills(WorkerCommand):
    skills: list[str]


@dataclass(frozen=True, kw_only=True)
class RecordSupportService(WorkerCommand):
    kind: str
    description: str | None = None
    amount: Decimal | None = None


@dataclass(frozen=True, kw_only=True)
class DeactivateWorker(WorkerCommand):
    reason: str


@dataclass(frozen=True, kw_only=True)
class ReactivateWorker(WorkerCommand):
    reason: str


@dataclass(frozen=True, kw_only=True)
class RevealIdNumber(Command):
    """Show a worker's full ID number to the actor, for the reason given."""

    worker_id: UUID
    reason: str
