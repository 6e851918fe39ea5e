"""Shapes shared by every resource."""

from __future__ import annotations

import unicodedata
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, field_validator

from application.views import RecordedEvent
from interfaces.http.schemas.dates import IsoDate

# Text without control characters (Unicode Cc) but tab, line feed and carriage return.
TEXT_PATTERN = "^[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]*$"


def _state_no_control_characters(schema: dict[str, Any]) -> None:
    """Say in the JSON schema what `_no_control_characters` refuses: every
    free-text string of a request body carries TEXT_PATTERN."""
    for value in schema.get("properties", {}).values():
        _text_pattern(value)


def _text_pattern(schema: dict[str, Any]) -> None:
    if schema.get("type") == "string" and not ({"format", "enum", "pattern"} & schema.keys()):
        schema["pattern"] = TEXT_PATTERN
    for branch in schema.get("anyOf", []):
        _text_pattern(branch)
    if isinstance(schema.get("items"), dict):
        _text_pattern(schema["items"])


class Request(BaseModel):
    """A command body: unknown fields are refused, not silently dropped, and no
    text in it holds a control character but line breaks and tabs (a NUL cannot
    be stored in PostgreSQL text, and nothing a person types needs one)."""

    model_config = ConfigDict(
        extra="forbid", str_max_length=2000, json_schema_extra=_state_no_control_characters
    )

    @field_validator("*", mode="after")
    @classmethod
    def _no_control_characters(cls, value: object) -> object:
        if _has_control_character(value):
            raise ValueError("must not contain control characters")
        return value


def _has_control_character(value: object) -> bool:
    if isinstance(value, str):
        return any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r" for ch in value)
    if isinstance(value, list | tuple):
        return any(_has_control_character(item) for item in value)
    if isinstance(value, BaseModel):
        return False  # validated by its own class
    return False


class Stamped(Request):
    occurred_on: IsoDate | None = Field(
        default=None,
        description="Business date the fact refers to (Asia/Shanghai), written YYYY-MM-DD;"
        " defaults to today. Never in the future, never before what it depends on: the"
        " worker's registration, the record's creation, the step it follows.",
        examples=["2026-03-02"],
    )
    note: str | None = Field(default=None, max_length=1000)


class EventsOut(BaseModel):
    """A record's events in order (personal data masked)."""

    record_id: UUID
    events: list[RecordedEvent]

    @classmethod
    def of(cls, record_id: UUID, events: list[RecordedEvent]) -> EventsOut:
        return cls(record_id=record_id, events=events)
