"""Commands about subsidies (补贴): evaluation on demand and the office's decisions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from application.commands.base import ChangeCommand, Command


@dataclass(frozen=True, kw_only=True)
class EvaluateSubsidies(Command):
    worker_id: UUID


@dataclass(frozen=True, kw_only=True)
class SubsidyCommand(ChangeCommand):
    subsidy_id: UUID


@dataclass(frozen=True, kw_only=True)
class ApproveSubsidy(SubsidyCommand):
    pass


@dataclass(frozen=True, kw_only=True)
class RejectSubsidy(SubsidyCommand):
    reason: str


@dataclass(frozen=True, kw_only=True)
class PaySubsidy(SubsidyCommand):
    """`paid_on` is the day the money went out; None means `occurred_on`."""

    payment_reference: str
    paid_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class RevokeSubsidy(SubsidyCommand):
    reason: str
