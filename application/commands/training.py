"""Commands about trainings (培训)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import ClassVar
from uuid import UUID

from application.commands.base import ChangeCommand, Command
from domain.recording_sides import Fact


@dataclass(frozen=True, kw_only=True)
class EnrollInTraining(Command):
    fact: ClassVar[Fact] = Fact.TRAINING
    worker_id: UUID
    course_name: str
    training_type: str
    provider: str
    location: str | None = None
    planned_start: date
    planned_end: date


@dataclass(frozen=True, kw_only=True)
class TrainingCommand(ChangeCommand):
    training_id: UUID


@dataclass(frozen=True, kw_only=True)
class CompleteTraining(TrainingCommand):
    fact: ClassVar[Fact] = Fact.TRAINING
    hours: Decimal
    result: str


@dataclass(frozen=True, kw_only=True)
class CertifyTraining(TrainingCommand):
    fact: ClassVar[Fact] = Fact.TRAINING
    certificate_type: str
    certificate_number: str
    level: str | None = None


@dataclass(frozen=True, kw_only=True)
class WithdrawFromTraining(TrainingCommand):
    fact: ClassVar[Fact] = Fact.TRAINING
    reason: str
