"""Commands about a worker's file."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import ClassVar
from uuid import UUID

from application.commands.base import ChangeCommand, Command
from domain.recording_sides import Fact


@dataclass(frozen=True, kw_only=True)
class WorkerCommand(ChangeCommand):
    worker_id: UUID


@dataclass(frozen=True, kw_only=True)
class RegisterWorker(Command):
    fact: ClassVar[Fact] = Fact.REGISTRATION
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
    # Why an office registers a worker whose hukou lies in a partner office's
    # division (a worker who came to the receiving city on their own).
    outside_division_reason: str | None = None


@dataclass(frozen=True, kw_only=True)
class ChangeContact(WorkerCommand):
    fact: ClassVar[Fact] = Fact.CONTACT
    mobile: str


@dataclass(frozen=True, kw_only=True)
class ChangePovertyStatus(WorkerCommand):
    fact: ClassVar[Fact] = Fact.PERSONAL_FILE
    status: str
    effective_on: date | None = None  # defaults to the business date
    source: str


@dataclass(frozen=True, kw_only=True)
class RecordJobIntention(WorkerCommand):
    fact: ClassVar[Fact] = Fact.PERSONAL_FILE
    destination: str | None = None
    sector: str | None = None


@dataclass(frozen=True, kw_only=True)
class RecordSkills(WorkerCommand):
    fact: ClassVar[Fact] = Fact.PERSONAL_FILE
    skills: list[str]


@dataclass(frozen=True, kw_only=True)
class RecordSupportService(WorkerCommand):
    fact: ClassVar[Fact] = Fact.SUPPORT_SERVICE
    kind: str
    description: str | None = None
    amount: Decimal | None = None


@dataclass(frozen=True, kw_only=True)
class DeactivateWorker(WorkerCommand):
    fact: ClassVar[Fact] = Fact.PERSONAL_FILE
    reason: str


@dataclass(frozen=True, kw_only=True)
class ReactivateWorker(WorkerCommand):
    fact: ClassVar[Fact] = Fact.PERSONAL_FILE
    reason: str


@dataclass(frozen=True, kw_only=True)
class RevealIdNumber(Command):
    """Show a worker's full ID number to the actor, for the reason given."""

    fact: ClassVar[Fact] = Fact.ID_NUMBER

    worker_id: UUID
    reason: str
