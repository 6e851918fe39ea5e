"""The import benchmark's baselines: the cheapest ways to put a ledger's rows
into PostgreSQL, with no rule checked and no event made.

Both write one text column per ledger column into a plain table (no index, no
constraint) with one `COPY ... FROM STDIN` in one transaction:

  (a) the rows already in memory, as text: COPY alone;
  (b) the same rows read from the .xlsx file by the import's own reader
      (`read_ledger`), each cell turned into text as it comes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from application.ledger_rows import LedgerRow
from bench.ledger_sample import LEDGER_COLUMNS
from infrastructure.ledger_files import read_ledger

TextRow = tuple[str | None, ...]


def as_text(value: object) -> str | None:
    """A cell as the text a plain table would keep: dates as ISO dates, whole
    numbers without a decimal point."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def text_rows(rows: Iterable[Sequence[object]]) -> list[TextRow]:
    """Rows of cells (in LEDGER_COLUMNS order) as text, held in memory."""
    return [tuple(as_text(cell) for cell in row) for row in rows]


def ledger_text_rows(rows: Iterable[LedgerRow]) -> Iterator[TextRow]:
    """The rows a reader gives, as text in LEDGER_COLUMNS order."""
    for row in rows:
        cells = row.cells
        yield tuple(as_text(cells.get(column)) for column in LEDGER_COLUMNS)


def create_plain_table(conn: psycopg.Connection[Any], table: str) -> None:
    columns = sql.SQL(", ").join(
        sql.SQL("{} text").format(sql.Identifier(column.value)) for column in LEDGER_COLUMNS
    )
    conn.execute(sql.SQL("CREATE TABLE {} ({})").format(sql.Identifier(table), columns))


def copy_rows(conn: psycopg.Connection[Any], table: str, rows: Iterable[TextRow]) -> int:
    """One text-format COPY of `rows` into `table`, committed; the count written."""
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table),
        sql.SQL(", ").join(sql.Identifier(column.value) for column in LEDGER_COLUMNS),
    )
    written = 0
    with conn.transaction(), conn.cursor() as cur, cur.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
            written += 1
    return written


def copy_from_memory(conn: psycopg.Connection[Any], table: str, rows: list[TextRow]) -> int:
    """(a): COPY alone."""
    return copy_rows(conn, table, rows)


def copy_from_file(conn: psycopg.Connection[Any], table: str, path: Path) -> int:
    """(b): the file read by `read_ledger`, each row COPYed as it is read."""
    return copy_rows(conn, table, ledger_text_rows(read_ledger(path)))


def read_only(path: Path) -> int:
    """The reader alone, for reference: every row read, nothing written."""
    return sum(1 for _ in read_ledger(path))
