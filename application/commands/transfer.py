"""Commands about organised transfers (有组织转移)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar
from uuid import UUID

from application.commands.base import ChangeCommand, Command
from domain.recording_sides import Fact


@dataclass(frozen=True, kw_only=True)
class ArrangeTransfer(Command):
    fact: ClassVar[Fact] = Fact.TRANSFER
    worker_id: UUID
    destination: str
    channel: str
    planned_on: date
    employer_name: str | None = None
    origin_office: str | None = None  # defaults to the actor's office


@dataclass(frozen=True, kw_only=True)
class TransferCommand(ChangeCommand):
    transfer_id: UUID


@dataclass(frozen=True, kw_only=True)
class RecordDeparture(TransferCommand):
    fact: ClassVar[Fact] = Fact.TRANSFER
    mode: str


@dataclass(frozen=True, kw_only=True)
class RecordArrival(TransferCommand):
    fact: ClassVar[Fact] = Fact.ARRIVAL
    pass


@dataclass(frozen=True, kw_only=True)
class CancelTransfer(TransferCommand):
    fact: ClassVar[Fact] = Fact.TRANSFER
    reason: str


@dataclass(frozen=True, kw_only=True)
class RecordReturn(TransferCommand):
    fact: ClassVar[Fact] = Fact.RETURN
    reason: str
