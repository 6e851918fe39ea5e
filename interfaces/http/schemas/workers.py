"""Request and response bodies of /workers."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, Field, StrictBool

from application.views import RecordedEvent
from domain.worker import Education, PovertyStatus, SupportServiceKind
from domain.worker_profile import MAX_SKILL_LENGTH
from interfaces.http.schemas.common import Request, Stamped
from interfaces.http.schemas.dates import IsoDate
from interfaces.http.schemas.formats import Amount, DivisionCode, IdNumber, Mobile

Skill = Annotated[str, Field(min_length=1, max_length=MAX_SKILL_LENGTH)]


class JobIntentionIn(Request):
    destination: DivisionCode | None = Field(default=None, examples=["370600"])
    sector: str | None = Field(default=None, max_length=100, examples=["food processing"])


class RegisterWorkerIn(Stamped):
    name: str = Field(min_length=1, max_length=50, examples=["冉光明"])
    id_number: IdNumber = Field(examples=["500237198503011237"])
    mobile: Mobile = Field(examples=["13800138000"])
    hukou_division: DivisionCode = Field(
        description="Household registration (户籍) county division code", examples=["500237"]
    )
    hukou_township: str | None = Field(default=None, max_length=50, examples=["骡坪镇"])
    poverty_status: PovertyStatus
    education: Education | None = None
    skills: list[Skill] = Field(default_factory=list, max_length=30, examples=[["茶叶采摘"]])
    job_intention: JobIntentionIn | None = None
    consent: StrictBool = Field(
        description="The worker consented to data processing: nothing is recorded without it.",
        json_schema_extra={"const": True},
    )
    outside_division_reason: str | None = Field(
        default=None,
        max_length=500,
        description="Required when the hukou lies outside your office's division, in a partner"
        " office's (a worker who came to the receiving city on their own).",
        examples=["本人自行来烟务工，由烟台市办公室代为登记"],
    )


class ContactIn(Stamped):
    mobile: Mobile = Field(examples=["13900001111"])


class PovertyStatusIn(Stamped):
    status: PovertyStatus
    effective_on: IsoDate | None = Field(default=None, description="Defaults to occurred_on.")
    source: str = Field(min_length=1, max_length=200, examples=["巫山县乡村振兴局 2026 年名单"])


class JobIntentionCommandIn(Stamped):
    destination: DivisionCode | None = Field(default=None, examples=["370600"])
    sector: str | None = Field(default=None, max_length=100, examples=["manufacturing"])


class SkillsIn(Stamped):
    skills: list[Skill] = Field(max_length=30, examples=[["茶艺师", "electric welding"]])


class SupportServiceIn(Stamped):
    kind: SupportServiceKind
    description: str | None = Field(default=None, max_length=500)
    amount: Amount | None = Field(default=None, examples=["500.00"])


class ReasonIn(Stamped):
    reason: str = Field(min_length=1, max_length=500, examples=["moved away from the county"])


class WorkerEventsOut(BaseModel):
    worker_id: UUID
    events: list[RecordedEvent]
