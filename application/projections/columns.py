"""The portable column types a read-model row may declare.

A row is a `TypedDict` (or a frozen dataclass) whose annotations are its table's
columns, in order: `str` is TEXT, `int` INTEGER, `BigInt` (or `Position`) BIGINT;
`X | None` may be NULL, anything else is NOT NULL. The infrastructure derives the
table's DDL from the row (`Table.of`), so a column is declared once, here in the
core, with plain typing only. Dates and times are ISO text, money integer fen,
flags 0/1; the functions below make them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Annotated, overload
from uuid import UUID


@dataclass(frozen=True)
class ColumnType:
    """A column type other than the one its Python type stands for by default."""

    sql: str


BIGINT = ColumnType("BIGINT")

# A 64-bit integer column. Only the type of the column: to Python (and mypy) it is an int.
BigInt = Annotated[int, BIGINT]
# A place in the event log.
Position = BigInt


# -- portable values ---------------------------------------------------------------


@overload
def text(value: UUID | str) -> str: ...
@overload
def text(value: None) -> None: ...
def text(value: UUID | str | None) -> str | None:
    return None if value is None else str(value)


@overload
def iso(day: date) -> str: ...
@overload
def iso(day: None) -> None: ...
def iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


@overload
def fen(amount: Decimal) -> int: ...
@overload
def fen(amount: None) -> None: ...
def fen(amount: Decimal | None) -> int | None:
    return None if amount is None else int((amount * 100).to_integral_exact())


def utc_text(moment: datetime) -> str:
    """UTC, always with microseconds, so text order is time order."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
