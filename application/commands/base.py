"""What every command carries: who asks, and the business date it refers to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from domain.actor import Actor
from domain.recording_sides import Fact


@dataclass(frozen=True, kw_only=True)
class Command:
    """A user's request as plain frozen data.

    Values are as the user gave them; the domain normalises and validates them.
    `occurred_on` is the business date the fact refers to (departure day, month
    start, …); None means today in Asia/Shanghai.
    """

    # What the command records, in the table of which side records what
    # (domain/recording_sides): the application checks the caller's office against it.
    fact: ClassVar[Fact | None] = None

    actor: Actor
    occurred_on: date | None = None
    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class ChangeCommand(Command):
    """A command on an existing record. `expected_version` carries an If-Match:
    the command is refused if the record has moved on since the user read it."""

    expected_version: int | None = None
