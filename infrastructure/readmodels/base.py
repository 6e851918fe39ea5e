"""What a projection is, and the small, portable SQL toolkit it writes with.

A projection owns some tables and a tracking row. The projector hands it one
page of the event log at a time, inside a transaction that also moves its
tracking position: the page is applied exactly once, or not at all.

Values are stored portably, so SQLite and PostgreSQL give identical rows:
ids, dates and timestamps as TEXT (ISO 8601; timestamps always with
microseconds and Z), money as INTEGER fen, booleans as INTEGER 0/1.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, ClassVar
from uuid import UUID

from eventsourcing.persistence import Notification

from infrastructure.sql import Cursor

Row = dict[str, Any]


@dataclass(frozen=True)
class Notified:
    """One event of the log with its position, decoded, and as stored."""

    position: int
    event: Any  # a decoded domain event
    # The record as the event store holds it (topic, originator id and version,
    # `state` bytes as stored — ciphertext when encrypted), read in the same query.
    stored: Notification


@dataclass(frozen=True)
class Table:
    """A read-model table. `columns` is the DDL column list (portable types:
    TEXT, INTEGER, BIGINT); `key` its primary key columns."""

    name: str
    columns: str
    key: tuple[str, ...]
    indexes: tuple[str, ...] = ()  # each the column list of an index, e.g. "worker_id, position"

    def ddl(self, prefix: str, *, postgres: bool = False) -> list[str]:
        """CREATE statements. An index column may say `{prefix_search}`: on
        PostgreSQL that becomes `text_pattern_ops`, so `LIKE 'x%'` can use the
        index whatever the database's collation; SQLite needs nothing there."""
        statements = [
            f"CREATE TABLE IF NOT EXISTS {prefix}{self.name} ({self.columns},"
            f" PRIMARY KEY ({', '.join(self.key)}))"
        ]
        for i, columns in enumerate(self.indexes):
            columns = columns.format(prefix_search="text_pattern_ops" if postgres else "")
            statements.append(
                f"CREATE INDEX IF NOT EXISTS {prefix}{self.name}_ix{i}"
                f" ON {prefix}{self.name} ({columns.strip()})"
            )
        return statements


class Store:
    """A projection's view of the database inside the page's transaction."""

    def __init__(self, cursor: Cursor, prefix: str) -> None:
        self.cursor = cursor
        self.prefix = prefix

    def table(self, name: str) -> str:
        return f"{self.prefix}{name}"

    def fetch(self, table: Table, column: str, values: Iterable[Any]) -> dict[Any, Row]:
        """Rows whose `column` is one of `values`, keyed by that column — so
        `column` must be unique (a key): rows sharing a value would overwrite."""
        wanted = sorted({str(v) for v in values})
        found: dict[Any, Row] = {}
        names = [c.strip().split()[0] for c in _column_defs(table.columns)]
        for chunk in _chunks(wanted, 500):
            marks = ", ".join(["%s"] * len(chunk))
            self.cursor.execute(
                f"SELECT {', '.join(names)} FROM {self.table(table.name)}"  # noqa: S608 - names are ours
                f" WHERE {column} IN ({marks})",
                chunk,
            )
            for values_row in self.cursor.fetchall():
                row = dict(zip(names, values_row, strict=True))
                found[row[column]] = row
        return found

    def upsert(self, table: Table, rows: Sequence[Row]) -> None:
        """Insert the rows, replacing any with the same key."""
        if not rows:
            return
        names = list(rows[0])
        updates = ", ".join(f"{n} = excluded.{n}" for n in names if n not in table.key)
        conflict = f"DO UPDATE SET {updates}" if updates else "DO NOTHING"
        self.cursor.executemany(
            f"INSERT INTO {self.table(table.name)} ({', '.join(names)})"  # noqa: S608 - names are ours
            f" VALUES ({', '.join(['%s'] * len(names))})"
            f" ON CONFLICT ({', '.join(table.key)}) {conflict}",
            [tuple(row[n] for n in names) for row in rows],
        )

    def insert(self, table: Table, rows: Sequence[Row]) -> None:
        """Insert new rows (all with the same columns); fails on an existing key."""
        if not rows:
            return
        names = list(rows[0])
        self.cursor.copy_rows(
            self.table(table.name), names, [tuple(row[n] for n in names) for row in rows]
        )


class Projection(ABC):
    """A read model: its tables and how a page of events changes them.

    `apply` must be deterministic — the same events give the same rows — so a
    rebuild equals the live tables: no clocks, no random ids; times come from
    the events (`event.timestamp`, `occurred_on`).
    """

    name: ClassVar[str]
    tables: ClassVar[tuple[Table, ...]]

    @abstractmethod
    def apply(self, page: Sequence[Notified], store: Store) -> None: ...


# -- portable values ---------------------------------------------------------------


def text_id(value: UUID | str | None) -> str | None:
    return None if value is None else str(value)


def text_date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def text_time(value: datetime) -> str:
    """UTC, always with microseconds, so text order is time order."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def fen(amount: Decimal | None) -> int | None:
    return None if amount is None else int(amount * 100)


def yuan(value: int | None) -> Decimal | None:
    return None if value is None else (Decimal(value) / 100).quantize(Decimal("0.01"))


def _column_defs(columns: str) -> list[str]:
    return [c for c in columns.split(",") if c.strip()]


def _chunks(values: list[str], size: int) -> Iterable[list[str]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]
