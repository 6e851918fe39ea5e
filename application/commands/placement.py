"""Commands about placements (就业安置) and their monthly confirmations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import ClassVar
from uuid import UUID

from application.commands.base import ChangeCommand, Command
from domain.recording_sides import Fact


@dataclass(frozen=True, kw_only=True)
class StartPlacement(Command):
    """`start_date` is the business date of the start; None means `occurred_on`."""

    fact: ClassVar[Fact] = Fact.PLACEMENT

    worker_id: UUID
    transfer_id: UUID | None = None
    employer_name: str
    employer_code: str
    workplace_division: str
    position: str
    monthly_wage: Decimal | str
    contract_type: str
    kind: str
    start_date: date | None = None


@dataclass(frozen=True, kw_only=True)
class PlacementCommand(ChangeCommand):
    placement_id: UUID


@dataclass(frozen=True, kw_only=True)
class ConfirmMonth(PlacementCommand):
    fact: ClassVar[Fact] = Fact.MONTHLY_CONFIRMATION
    month: str
    evidence: str
    evidence_ref: str | None = None


@dataclass(frozen=True, kw_only=True)
class WithdrawMonth(PlacementCommand):
    fact: ClassVar[Fact] = Fact.MONTHLY_CONFIRMATION
    month: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class EndPlacement(PlacementCommand):
    """`end_date` is the business date of the end; None means `occurred_on`."""

    fact: ClassVar[Fact] = Fact.PLACEMENT

    reason: str
    end_date: date | None = None
