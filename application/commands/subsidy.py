"""Commands about subsidies (补贴): evaluation on demand and the office's decisions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar
from uuid import UUID

from application.commands.base import ChangeCommand, Command
from domain.recording_sides import Fact


@dataclass(frozen=True, kw_only=True)
class EvaluateSubsidies(Command):
    fact: ClassVar[Fact] = Fact.SUBSIDY
    worker_id: UUID


@dataclass(frozen=True, kw_only=True)
class SubsidyCommand(ChangeCommand):
    subsidy_id: UUID


@dataclass(frozen=True, kw_only=True)
class ApproveSubsidy(SubsidyCommand):
    fact: ClassVar[Fact] = Fact.SUBSIDY
    pass


@dataclass(frozen=True, kw_only=True)
class RejectSubsidy(SubsidyCommand):
    fact: ClassVar[Fact] = Fact.SUBSIDY
    reason: str


@dataclass(frozen=True, kw_only=True)
class PaySubsidy(SubsidyCommand):
    """`paid_on` is the day the money went out; None means `occurred_on`.
    Without `occurred_on`, the payment is dated `paid_on` (or today)."""

    fact: ClassVar[Fact] = Fact.SUBSIDY

    payment_reference: str
    paid_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class RevokeSubsidy(SubsidyCommand):
    fact: ClassVar[Fact] = Fact.SUBSIDY
    reason: str
