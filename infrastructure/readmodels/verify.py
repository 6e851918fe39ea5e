"""Rebuild read models into scratch tables and compare them with the live ones."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from infrastructure.readmodels.base import Projection, Table
from infrastructure.readmodels.tracking import TRACKING
from infrastructure.sql import Row, SqlDatabase

SCRATCH_PREFIX = "rmv_"


@dataclass(frozen=True)
class Difference:
    table: str
    only_live: list[Row]
    only_rebuilt: list[Row]


def drop_tables(db: SqlDatabase, projections: list[Projection], prefix: str) -> None:
    with db.transaction() as cursor:
        for projection in projections:
            for table in projection.tables:
                cursor.execute(f"DROP TABLE IF EXISTS {prefix}{table.name}")
        cursor.execute(f"DROP TABLE IF EXISTS {prefix}{TRACKING}")


def rows(db: SqlDatabase, table: Table[Any], prefix: str) -> list[Row]:
    with db.transaction() as cursor:
        cursor.execute(
            f"SELECT * FROM {prefix}{table.name} ORDER BY {', '.join(table.key)}"  # noqa: S608
        )
        return [tuple(r) for r in cursor.fetchall()]


def compare(
    db: SqlDatabase,
    projection: Projection,
    live: str,
    rebuilt: str,
    on_table: Callable[[str, int], None] | None = None,
) -> list[Difference]:
    differences = []
    for table in projection.tables:
        live_rows, rebuilt_rows = rows(db, table, live), rows(db, table, rebuilt)
        if on_table is not None:
            on_table(table.name, len(live_rows))
        if live_rows != rebuilt_rows:
            live_set, rebuilt_set = set(live_rows), set(rebuilt_rows)
            differences.append(
                Difference(
                    table.name,
                    sorted(live_set - rebuilt_set, key=repr)[:20],
                    sorted(rebuilt_set - live_set, key=repr)[:20],
                )
            )
    return differences
