"""Where each projection has got to in the log, and why it stopped if it did."""

from __future__ import annotations

from dataclasses import dataclass

import structlog

from infrastructure.readmodels.base import Projection
from infrastructure.sql import Cursor, SqlDatabase

TRACKING = "tracking"

log = structlog.get_logger()


@dataclass(frozen=True)
class Tracked:
    name: str
    position: int
    error: str | None  # set when the projection stopped on an event it could not apply
    error_position: int | None


def create_read_model_tables(db: SqlDatabase, projections: list[Projection], prefix: str) -> None:
    """Create every projection's tables and tracking row where missing. A
    projection whose tables are not exactly those the code defines (a column
    added or removed, a table new to it: an upgrade) is rebuilt from position
    0, since tables are never altered in place and a new table would otherwise
    miss the events before the upgrade."""
    with db.transaction() as cursor:
        if db.is_postgres:
            cursor.execute("SELECT pg_advisory_xact_lock(7305202612)")
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {prefix}{TRACKING} (projection TEXT PRIMARY KEY,"
            " position BIGINT NOT NULL, error TEXT, error_position BIGINT)"
        )
        for projection in projections:
            if not _as_defined(cursor, prefix, projection, postgres=db.is_postgres):
                if _exists(cursor, prefix, projection, postgres=db.is_postgres):
                    log.info("read_model_rebuilt_for_new_tables", projection=projection.name)
                reset(cursor, prefix, projection, postgres=db.is_postgres)
            cursor.execute(
                f"INSERT INTO {prefix}{TRACKING} (projection, position) VALUES (%s, 0)"  # noqa: S608
                " ON CONFLICT DO NOTHING",
                (projection.name,),
            )


def _as_defined(cursor: Cursor, prefix: str, projection: Projection, *, postgres: bool) -> bool:
    return all(
        _columns(cursor, f"{prefix}{table.name}", postgres=postgres) == list(table.names)
        for table in projection.tables
    )


def _exists(cursor: Cursor, prefix: str, projection: Projection, *, postgres: bool) -> bool:
    return any(_columns(cursor, f"{prefix}{t.name}", postgres=postgres) for t in projection.tables)


def _columns(cursor: Cursor, table: str, *, postgres: bool) -> list[str]:
    """The table's column names in order; empty if there is no such table."""
    if postgres:
        cursor.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_name = %s AND table_schema = current_schema() ORDER BY ordinal_position",
            (table,),
        )
    else:
        cursor.execute("SELECT name FROM pragma_table_info(%s) ORDER BY cid", (table,))
    return [str(row[0]) for row in cursor.fetchall()]


def read_tracking(cursor: Cursor, prefix: str) -> dict[str, Tracked]:
    cursor.execute(
        f"SELECT projection, position, error, error_position FROM {prefix}{TRACKING}"  # noqa: S608
    )
    return {row[0]: Tracked(row[0], int(row[1]), row[2], row[3]) for row in cursor.fetchall()}


def advance(cursor: Cursor, prefix: str, name: str, old: int, new: int) -> bool:
    """Compare-and-set: False if another projector moved it first."""
    changed = cursor.execute(
        f"UPDATE {prefix}{TRACKING} SET position = %s"  # noqa: S608
        " WHERE projection = %s AND position = %s AND error IS NULL",
        (new, name, old),
    )
    return changed == 1


def record_failure(cursor: Cursor, prefix: str, name: str, position: int, message: str) -> None:
    cursor.execute(
        f"UPDATE {prefix}{TRACKING} SET error = %s, error_position = %s"  # noqa: S608
        " WHERE projection = %s",
        (message[:2000], position, name),
    )


def reset(cursor: Cursor, prefix: str, projection: Projection, *, postgres: bool = False) -> None:
    """Drop the projection's tables, create them again as the code now defines
    them (so a rebuild also brings in new columns and indexes), and start it
    again from the beginning."""
    for table in projection.tables:
        cursor.execute(f"DROP TABLE IF EXISTS {prefix}{table.name}")
        for statement in table.ddl(prefix, postgres=postgres):
            cursor.execute(statement)
    cursor.execute(
        f"UPDATE {prefix}{TRACKING} SET position = 0, error = NULL, error_position = NULL"  # noqa: S608
        " WHERE projection = %s",
        (projection.name,),
    )
