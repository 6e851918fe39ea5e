"""Commands about organised transfers (有组织转移)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from application.commands.base import ChangeCommand, Command


@dataclass(frozen=True, kw_only=True)
class ArrangeTransfer(Command):
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
    mode: str


@dataclass(frozen=True, kw_only=True)
class RecordArrival(TransferCommand):
    pass


@dataclass(frozen=True, kw_only=True)
class CancelTransfer(TransferCommand):
    reason: str


@dataclass(frozen=True, kw_only=True)
class RecordReturn(TransferCommand):
    reason: str
