"""What a projection is, and the small, portable SQL toolkit it writes with.

A projection owns some tables and a tracking row. The projector hands it one
page of the event log at a time, inside a transaction that also moves its
tracking position: the page is applied exactly once, or not at all.

Values are stored portably, so SQLite and PostgreSQL give identical rows:
ids, dates and timestamps as TEXT (ISO 8601; timestamps always with
microseconds and Z), money as INTEGER fen, booleans as INTEGER 0/1.
"""

from __future__ import annotations

import dataclasses
import types
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from operator import attrgetter, itemgetter
from typing import Annotated, Any, ClassVar, Generic, TypeVar, Union, cast, get_args, get_origin
from typing import get_type_hints as type_hints

from eventsourcing.persistence import Notification

from application.projections.columns import ColumnType, utc_text
from infrastructure.sql import Cursor

R = TypeVar("R")
S = TypeVar("S")
Row = dict[str, Any]

# The column type each Python type of a row's field stands for (columns.py).
_SQL_TYPES: dict[object, str] = {str: "TEXT", int: "INTEGER"}


@dataclass(frozen=True)
class Notified:
    """One event of the log with its position, decoded, and as stored."""

    position: int
    event: Any  # a decoded domain event
    # The record as the event store holds it (topic, originator id and version,
    # `state` bytes as stored — ciphertext when encrypted), read in the same query.
    stored: Notification


@dataclass(frozen=True)
class Table(Generic[R]):
    """A read-model table of rows of type R. `columns` is the DDL column list
    (portable types: TEXT, INTEGER, BIGINT); `key` its primary key columns.

    A read model's table is made with `Table.of(name, RowType, ...)`, from the
    row it holds: a TypedDict (rows are dicts) or a dataclass (rows are its
    instances), declared in the core. The column list is derived from the row's
    annotations, in their order (see application/projections/columns.py)."""

    name: str
    columns: str
    key: tuple[str, ...]
    indexes: tuple[str, ...] = ()  # each the column list of an index, e.g. "worker_id, position"
    # Set for a table of dataclass rows: makes a row from its column values.
    make: Callable[..., R] | None = None

    @classmethod
    def of(
        cls, name: str, row: type[S], *, key: tuple[str, ...], indexes: tuple[str, ...] = ()
    ) -> Table[S]:
        table = Table[S](
            name,
            column_ddl(row),
            key,
            indexes,
            make=row if dataclasses.is_dataclass(row) else None,
        )
        named = {c.split()[0] for i in indexes for c in i.split(",")} | set(key)
        if unknown := named - set(table.names):
            raise TypeError(f"{name}: no column {', '.join(sorted(unknown))} in {row.__name__}")
        return table

    @cached_property
    def names(self) -> tuple[str, ...]:
        """The column names, in order."""
        return tuple(c.split()[0] for c in self.columns.split(",") if c.strip())

    @cached_property
    def column_list(self) -> str:
        """The column names for a SELECT, in order: `table.row` reads them back."""
        return ", ".join(self.names)

    def row(self, values: Sequence[Any]) -> R:
        """The row whose column values, in `column_list` order, are `values`."""
        if self.make is not None:
            return self.make(*values)
        return cast(R, dict(zip(self.names, values, strict=True)))

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


def column_ddl(row: type) -> str:
    """The DDL column list of a row type: `name TYPE [NOT NULL]` per field, in order."""
    return ", ".join(
        f"{n} {_column_type(n, t)}" for n, t in type_hints(row, include_extras=True).items()
    )


def _column_type(name: str, hint: Any) -> str:
    nullable = False
    if get_origin(hint) in (Union, types.UnionType):
        others = [a for a in get_args(hint) if a is not type(None)]
        if len(others) != 1:
            raise TypeError(f"column {name}: {hint} is not one type or None")
        hint, nullable = others[0], True
    sql = _SQL_TYPES.get(hint)
    if get_origin(hint) is Annotated:
        marked = [m for m in hint.__metadata__ if isinstance(m, ColumnType)]
        sql = marked[0].sql if marked else _SQL_TYPES.get(get_args(hint)[0])
    if sql is None:
        raise TypeError(f"column {name}: no portable column type for {hint}")
    return sql if nullable else f"{sql} NOT NULL"


class Store:
    """A projection's view of the database inside the page's transaction."""

    def __init__(self, cursor: Cursor, prefix: str) -> None:
        self.cursor = cursor
        self.prefix = prefix

    def table(self, name: str) -> str:
        return f"{self.prefix}{name}"

    def fetch(self, table: Table[R], column: str, values: Iterable[object]) -> dict[str, R]:
        """Rows whose `column` is one of `values`, keyed by that column — so
        `column` must be unique (a key): rows sharing a value would overwrite."""
        return self._fetch(table, column, values, keyed_by=column)

    def fetch_all(self, table: Table[R], column: str, values: Iterable[object]) -> dict[str, R]:
        """Every row whose `column` is one of `values` (several rows may share
        one), keyed by the table's first key column."""
        return self._fetch(table, column, values, keyed_by=table.key[0])

    def _fetch(
        self, table: Table[R], column: str, values: Iterable[object], *, keyed_by: str
    ) -> dict[str, R]:
        wanted = sorted({str(v) for v in values})
        found: dict[str, R] = {}
        at = table.names.index(keyed_by)
        for chunk in _chunks(wanted, 500):
            marks = ", ".join(["%s"] * len(chunk))
            self.cursor.execute(
                f"SELECT {table.column_list} FROM {self.table(table.name)}"  # noqa: S608 - names are ours
                f" WHERE {column} IN ({marks})",
                chunk,
            )
            for values_row in self.cursor.fetchall():
                found[values_row[at]] = table.row(values_row)
        return found

    def upsert(self, table: Table[R], rows: Sequence[R]) -> None:
        """Insert the rows, replacing any with the same key."""
        if not rows:
            return
        names, values = _columns(table, rows)
        updates = ", ".join(f"{n} = excluded.{n}" for n in names if n not in table.key)
        conflict = f"DO UPDATE SET {updates}" if updates else "DO NOTHING"
        self.cursor.executemany(
            f"INSERT INTO {self.table(table.name)} ({', '.join(names)})"  # noqa: S608 - names are ours
            f" VALUES ({', '.join(['%s'] * len(names))})"
            f" ON CONFLICT ({', '.join(table.key)}) {conflict}",
            values,
        )

    def insert(self, table: Table[R], rows: Sequence[R]) -> None:
        """Insert new rows (all with the same columns); fails on an existing key."""
        if not rows:
            return
        names, values = _columns(table, rows)
        self.cursor.copy_rows(self.table(table.name), names, values)


def _columns(table: Table[R], rows: Sequence[R]) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The columns the rows give (all of a dataclass's; a dict's own keys) and
    each row's values in that order."""
    first = rows[0]
    names = list(first) if isinstance(first, dict) else list(table.names)
    get: Callable[[Any], Any] = (itemgetter if isinstance(first, dict) else attrgetter)(*names)
    if len(names) == 1:  # a getter of one name gives the value itself, not a tuple
        return names, [(get(row),) for row in rows]
    return names, [get(row) for row in rows]


class Projection(ABC):
    """A read model: its tables and how a page of events changes them.

    `apply` must be deterministic — the same events give the same rows — so a
    rebuild equals the live tables: no clocks, no random ids; times come from
    the events (`event.timestamp`, `occurred_on`).
    """

    name: ClassVar[str]
    tables: ClassVar[tuple[Table[Any], ...]]

    @abstractmethod
    def apply(self, page: Sequence[Notified], store: Store) -> None: ...


# -- portable values ---------------------------------------------------------------

# UTC, always with microseconds, so text order is time order.
text_time = utc_text


def yuan(value: int | None) -> Decimal | None:
    return None if value is None else (Decimal(value) / 100).quantize(Decimal("0.01"))


def _chunks(values: list[str], size: int) -> Iterable[list[str]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]
