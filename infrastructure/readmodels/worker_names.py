"""Workers' names for lists that hold only their ids (the subsidy ledger):
one query per page of rows, never one per row."""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from infrastructure.readmodels.access import ReadModels
from infrastructure.readmodels.case_files import WORKERS_TABLE

MAX_IDS = 500  # per query: bounded parameter lists on both databases


def names_of(read_models: ReadModels, worker_ids: Iterable[UUID]) -> dict[UUID, str]:
    wanted = sorted({str(i) for i in worker_ids})
    found: dict[UUID, str] = {}
    table = read_models.table(WORKERS_TABLE.name)
    for start in range(0, len(wanted), MAX_IDS):
        chunk = wanted[start : start + MAX_IDS]
        marks = ", ".join(["%s"] * len(chunk))
        with read_models.db.transaction(write=False) as sql:
            sql.execute(
                f"SELECT worker_id, name FROM {table} WHERE worker_id IN ({marks})",  # noqa: S608 - no input in SQL
                chunk,
            )
            found |= {UUID(str(worker_id)): str(name) for worker_id, name in sql.fetchall()}
    return found
