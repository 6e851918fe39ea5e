"""Workers' names for lists that hold only their ids (the subsidy ledger):
one query per page of rows, never one per row; only those of workers whose
home or host office the scope reaches."""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from domain.scope import Scope
from infrastructure.readmodels.access import ReadModels
from infrastructure.readmodels.case_files import WORKERS_TABLE
from infrastructure.readmodels.scoping import offices_in

MAX_IDS = 500  # per query: bounded parameter lists on both databases


def names_of(
    read_models: ReadModels, worker_ids: Iterable[UUID], *, scope: Scope
) -> dict[UUID, str]:
    wanted = sorted({str(i) for i in worker_ids})
    reached, reached_params = offices_in(scope, "office", "host_office")
    found: dict[UUID, str] = {}
    table = read_models.table(WORKERS_TABLE.name)
    for start in range(0, len(wanted), MAX_IDS):
        chunk = wanted[start : start + MAX_IDS]
        marks = ", ".join(["%s"] * len(chunk))
        with read_models.db.transaction(write=False) as sql:
            sql.execute(
                f"SELECT worker_id, name FROM {table}"  # noqa: S608 - no input in SQL
                f" WHERE worker_id IN ({marks}) AND {reached}",
                [*chunk, *reached_params],
            )
            found |= {UUID(str(worker_id)): str(name) for worker_id, name in sql.fetchall()}
    return found
