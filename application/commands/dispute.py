"""Commands about labour disputes (劳动争议)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar
from uuid import UUID

from application.commands.base import ChangeCommand, Command
from domain.recording_sides import Fact


@dataclass(frozen=True, kw_only=True)
class OpenDispute(Command):
    """`occurred_on` is the date the dispute was accepted (受理)."""

    fact: ClassVar[Fact] = Fact.DISPUTE

    worker_id: UUID
    employer_name: str
    employer_code: str | None = None
    kind: str
    amount_claimed: Decimal
    description: str


@dataclass(frozen=True, kw_only=True)
class DisputeCommand(ChangeCommand):
    dispute_id: UUID


@dataclass(frozen=True, kw_only=True)
class AssignMediator(DisputeCommand):
    fact: ClassVar[Fact] = Fact.DISPUTE_HANDLING
    mediator: str | None = None  # None: the acting user


@dataclass(frozen=True, kw_only=True)
class RecordSession(DisputeCommand):
    """`occurred_on` is the day the session was held."""

    fact: ClassVar[Fact] = Fact.DISPUTE_HANDLING

    attendees: list[str]
    summary: str


@dataclass(frozen=True, kw_only=True)
class AddEvidence(DisputeCommand):
    fact: ClassVar[Fact] = Fact.DISPUTE_HANDLING
    document_id: str
    sha256: str
    description: str
    media_type: str | None = None  # detected from the bytes by the file store
    size: int | None = None  # bytes


@dataclass(frozen=True, kw_only=True)
class EscalateDispute(DisputeCommand):
    fact: ClassVar[Fact] = Fact.DISPUTE_HANDLING
    to: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class SettleDispute(DisputeCommand):
    fact: ClassVar[Fact] = Fact.DISPUTE_HANDLING
    amount_agreed: Decimal
    amount_recovered: Decimal


@dataclass(frozen=True, kw_only=True)
class CloseDispute(DisputeCommand):
    fact: ClassVar[Fact] = Fact.DISPUTE_HANDLING
    outcome: str
    reason: str | None = None


@dataclass(frozen=True, kw_only=True)
class ReopenDispute(DisputeCommand):
    fact: ClassVar[Fact] = Fact.DISPUTE_HANDLING
    reason: str
