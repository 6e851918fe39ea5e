"""Commands about trainings (培训)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

from application.commands.base import ChangeCommand, Command


@dataclass(frozen=True, kw_only=True)
class EnrollInTraining(Command):
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
    hours: Decimal
    result: str


@dataclass(frozen=True, kw_only=True)
class CertifyTraining(TrainingCommand):
    certificate_type: str
    certificate_number: str
    level: str | None = None


@dataclass(frozen=True, kw_only=True)
class WithdrawFromTraining(TrainingCommand):
    reason: str
