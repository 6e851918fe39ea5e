"""Where a background process gave up, and why.

The policy process runs in the projector (its own process, or a thread of the
API); `/ready` and `laborbridge projections status` run elsewhere. So when it
gives up on a page of the log it says so here, in the database they all read,
and clears it once it has gone past that page. A row means: the last attempt
gave up at `position` — not that the process is at the head of the log.
"""

from __future__ import annotations

from dataclasses import dataclass

from infrastructure.readmodels.base import Row, Table
from infrastructure.sql import Cursor

STOPS: Table[Row] = Table(
    "process_stops",
    "process TEXT NOT NULL, position BIGINT NOT NULL, error TEXT NOT NULL",
    key=("process",),
)


@dataclass(frozen=True)
class ProcessStop:
    process: str
    position: int  # the first log position it could not get past
    error: str


def create_stops_table(cursor: Cursor, prefix: str, *, postgres: bool) -> None:
    for statement in STOPS.ddl(prefix, postgres=postgres):
        cursor.execute(statement)


def record_stop(cursor: Cursor, prefix: str, stop: ProcessStop) -> None:
    cursor.execute(
        f"INSERT INTO {prefix}{STOPS.name} (process, position, error)"  # noqa: S608
        " VALUES (%s, %s, %s) ON CONFLICT (process)"
        " DO UPDATE SET position = excluded.position, error = excluded.error",
        (stop.process, stop.position, stop.error[:2000]),
    )


def clear_stop(cursor: Cursor, prefix: str, process: str) -> None:
    cursor.execute(
        f"DELETE FROM {prefix}{STOPS.name} WHERE process = %s",  # noqa: S608
        (process,),
    )


def read_stops(cursor: Cursor, prefix: str) -> dict[str, ProcessStop]:
    cursor.execute(f"SELECT process, position, error FROM {prefix}{STOPS.name}")  # noqa: S608
    return {row[0]: ProcessStop(row[0], int(row[1]), row[2]) for row in cursor.fetchall()}
