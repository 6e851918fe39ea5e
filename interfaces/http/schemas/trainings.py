"""Request and response bodies of /trainings."""

from __future__ import annotations

from uuid import UUID

from pydantic import Field

from domain.training import TrainingResult, TrainingType
from interfaces.http.schemas.common import Stamped
from interfaces.http.schemas.dates import IsoDate
from interfaces.http.schemas.formats import Hours


class EnrollIn(Stamped):
    """`occurred_on` is the enrolment date."""

    worker_id: UUID
    course_name: str = Field(min_length=1, max_length=100, examples=["茶艺师（五级）"])
    training_type: TrainingType
    provider: str = Field(min_length=1, max_length=100, examples=["巫山县职业教育中心"])
    location: str | None = Field(default=None, max_length=100, examples=["巫峡镇"])
    planned_start: IsoDate = Field(examples=["2026-03-09"])
    planned_end: IsoDate = Field(examples=["2026-03-20"])


class CompletionIn(Stamped):
    """`occurred_on` is the completion date; not before enrolment."""

    hours: Hours = Field(examples=["80"])
    result: TrainingResult


class CertificationIn(Stamped):
    certificate_type: str = Field(min_length=1, max_length=100, examples=["职业技能等级证书"])
    certificate_number: str = Field(min_length=1, max_length=64, examples=["S000050023705001"])
    level: str | None = Field(default=None, max_length=50, examples=["五级/初级工"])


class WithdrawalIn(Stamped):
    reason: str = Field(min_length=1, max_length=500, examples=["found work before the end"])
