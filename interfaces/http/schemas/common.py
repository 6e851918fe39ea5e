"""Shapes shared by every resource."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field


class Request(BaseModel):
    """A command body: unknown fields are refused, not silently dropped."""

    model_config = ConfigDict(extra="forbid", str_max_length=2000)


class Stamped(Request):
    occurred_on: date | None = Field(
        default=None,
        description="Business date the fact refers to (Asia/Shanghai); defaults to today.",
        examples=["2026-03-02"],
    )
    note: str | None = Field(default=None, max_length=1000)


class ActorOut(BaseModel):
    user: str
    role: str
    office: str


class EventOut(BaseModel):
    type: str
    version: int
    occurred_on: date | None
    recorded_at: datetime
    actor: ActorOut | None
    payload: dict[str, object]
