"""The case_files read model: workers, trainings, transfers, placements and
disputes as rows, for search, the dispute register and the programme report.

Per page: read the stored rows of the records the page changes and of their
workers (one query per table), fold every event in memory, write the changed
rows back (one batched upsert per table) — never a query per event.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from application.projections.case_file_rows import (
    DISPUTES,
    PLACEMENTS,
    TRAININGS,
    TRANSFERS,
    WORKERS,
    DisputeRow,
    PlacementRow,
    TrainingRow,
    TransferRow,
    WorkerRow,
)
from application.projections.case_files import KEYS, CaseFileFold, Row, records_to_read
from infrastructure.readmodels.base import Notified, Projection, Store, Table

# The columns of each table are the keys of its row type (case_file_rows).
WORKERS_TABLE = Table.of(
    WORKERS,
    WorkerRow,
    key=("worker_id",),
    # Lists are keyset-ordered by registration with a LIMIT: a filter on a column
    # of a few values (status, stage, office, year) scans that order quickly, and
    # an index on it would only slow every write of the projector.
    indexes=("registered_position", "name {prefix_search}", "id_last4", "township"),
)
TRAININGS_TABLE = Table.of(
    TRAININGS, TrainingRow, key=("training_id",), indexes=("worker_id", "completed_on")
)
TRANSFERS_TABLE = Table.of(
    TRANSFERS, TransferRow, key=("transfer_id",), indexes=("worker_id", "arrived_on")
)
PLACEMENTS_TABLE = Table.of(
    PLACEMENTS, PlacementRow, key=("placement_id",), indexes=("worker_id", "started_on")
)
DISPUTES_TABLE = Table.of(
    DISPUTES,
    DisputeRow,
    key=("dispute_id",),
    indexes=("opened_position", "worker_id", "status", "kind", "opened_on"),
)
CHILD_TABLES: tuple[Table[Any], ...] = (
    TRAININGS_TABLE,
    TRANSFERS_TABLE,
    PLACEMENTS_TABLE,
    DISPUTES_TABLE,
)


class CaseFiles(Projection):
    name = "case_files"
    tables = (WORKERS_TABLE, *CHILD_TABLES)

    def apply(self, page: Sequence[Notified], store: Store) -> None:
        reads = records_to_read(n.event for n in page)
        rows: dict[str, Mapping[str, Row]] = {}
        for table in CHILD_TABLES:
            if reads.records[table.name]:
                rows[table.name] = store.fetch(table, KEYS[table.name], reads.records[table.name])
        workers = reads.workers_of(row for found in rows.values() for row in found.values())
        if workers:
            worker_rows = store.fetch(WORKERS_TABLE, KEYS[WORKERS], workers)
            rows[WORKERS] = worker_rows
        fold = CaseFileFold(rows)
        fold.apply_all((n.position, n.event) for n in page)
        for table in self.tables:
            store.upsert(table, fold.changed_rows(table.name))
