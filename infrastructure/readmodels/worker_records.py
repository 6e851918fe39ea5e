"""A worker's own records, by kind, from the case files: what the worker's page
lists (each then read in full, at its current version, from the event store)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.scope import Scope
from infrastructure.readmodels.access import ReadModels
from infrastructure.readmodels.case_files import (
    DISPUTES_TABLE,
    PLACEMENTS_TABLE,
    TRAININGS_TABLE,
    TRANSFERS_TABLE,
)
from infrastructure.readmodels.file_readers import reads_file
from infrastructure.readmodels.subsidies import SUBSIDIES


@dataclass(frozen=True)
class WorkerRecordIds:
    trainings: list[UUID]
    transfers: list[UUID]
    placements: list[UUID]
    disputes: list[UUID]
    subsidies: list[UUID]


# (table, its id column, the column that orders a worker's records oldest first)
_KINDS = (
    (TRAININGS_TABLE, "training_id", "enrolled_on"),
    (TRANSFERS_TABLE, "transfer_id", "arranged_on"),
    (PLACEMENTS_TABLE, "placement_id", "started_on"),
    (DISPUTES_TABLE, "dispute_id", "opened_position"),
    (SUBSIDIES, "subsidy_id", "assessed_position"),
)


def records_of(read_models: ReadModels, worker_id: UUID, *, scope: Scope) -> WorkerRecordIds:
    """None of them if the worker's file is outside the scope."""
    found: list[list[UUID]] = []
    with read_models.db.transaction(write=False) as sql:
        if not reads_file(read_models, sql, worker_id, scope):
            return WorkerRecordIds([], [], [], [], [])
        for table, id_column, order in _KINDS:
            sql.execute(
                f"SELECT {id_column} FROM {read_models.table(table.name)}"  # noqa: S608 - fixed names
                f" WHERE worker_id = %s ORDER BY {order}, {id_column}",
                (str(worker_id),),
            )
            found.append([UUID(row[0]) for row in sql.fetchall()])
    return WorkerRecordIds(*found)
