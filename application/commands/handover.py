"""Commands about who serves a worker: handover between offices (移交)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar
from uuid import UUID

from application.commands.base import ChangeCommand, Command
from domain.recording_sides import Fact


@dataclass(frozen=True, kw_only=True)
class HandoverCommand(ChangeCommand):
    fact: ClassVar[Fact] = Fact.HANDOVER
    worker_id: UUID


@dataclass(frozen=True, kw_only=True)
class OfferHandover(HandoverCommand):
    to_office: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class AcceptHandover(HandoverCommand):
    offer_id: UUID


@dataclass(frozen=True, kw_only=True)
class DeclineHandover(HandoverCommand):
    offer_id: UUID
    reason: str


@dataclass(frozen=True, kw_only=True)
class WithdrawHandover(HandoverCommand):
    offer_id: UUID


@dataclass(frozen=True, kw_only=True)
class AddOffice(Command):
    code: str
    name: str
    kind: str
    partners: list[str]


@dataclass(frozen=True, kw_only=True)
class LinkPartners(Command):
    code: str
    partner: str
