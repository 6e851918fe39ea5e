"""The case_files read model: workers (with the offices serving them),
trainings, transfers, placements, disputes and handovers as rows, for search,
the dispute register, the handover worklists and the programme report.

Per page: read the stored rows of the records the page changes and of their
workers (one query per table), fold every event in memory, write the changed
rows back (one batched upsert per table) — never a query per event.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from application.projections.case_file_rows import (
    DISPUTES,
    HANDOVERS,
    PLACEMENTS,
    TRAININGS,
    TRANSFERS,
    WORKERS,
    DisputeRow,
    HandoverRow,
    PlacementRow,
    TrainingRow,
    TransferRow,
    WorkerRow,
)
from application.projections.case_files import KEYS, CaseFileFold, records_to_read
from infrastructure.readmodels.base import Notified, Projection, Store, Table

# The columns of each table are the keys of its row type (case_file_rows).
WORKERS_TABLE = Table.of(
    WORKERS,
    WorkerRow,
    key=("worker_id",),
    # Lists are keyset-ordered by registration with a LIMIT: a filter on a column
    # of a few values (status, stage, office, year) scans that order quickly, and
    # an index on it would only slow every write of the projector.
    indexes=(
        "registered_position",
        "name {prefix_search}",
        "id_last4",
        "township",
        "case_offices_id",
    ),
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
# Worklists read an office's pending offers; a page reads a worker's offers.
HANDOVERS_TABLE = Table.of(
    HANDOVERS,
    HandoverRow,
    key=("offer_id",),
    indexes=("worker_id", "to_office, state", "from_office, state"),
)
CHILD_TABLES: tuple[Table[Any], ...] = (
    TRAININGS_TABLE,
    TRANSFERS_TABLE,
    PLACEMENTS_TABLE,
    DISPUTES_TABLE,
)


class CaseFiles(Projection):
    name = "case_files"
    tables = (WORKERS_TABLE, *CHILD_TABLES, HANDOVERS_TABLE)

    def apply(self, page: Sequence[Notified], store: Store) -> None:
        reads = records_to_read(n.event for n in page)
        rows: dict[str, Mapping[str, Any]] = {}
        for table in CHILD_TABLES:
            if reads.records[table.name]:
                rows[table.name] = store.fetch(table, KEYS[table.name], reads.records[table.name])
        workers = reads.workers_of(row for found in rows.values() for row in found.values())
        worker_rows = store.fetch(WORKERS_TABLE, KEYS[WORKERS], workers) if workers else {}
        if reads.case_offices:
            # Events naming only the CaseOffices record: its worker and their offers.
            served = store.fetch(WORKERS_TABLE, "case_offices_id", reads.case_offices)
            worker_rows.update({row["worker_id"]: row for row in served.values()})
            rows[HANDOVERS] = store.fetch_all(
                HANDOVERS_TABLE, "worker_id", (row["worker_id"] for row in served.values())
            )
        rows[WORKERS] = worker_rows
        fold = CaseFileFold(rows)
        fold.apply_all((n.position, n.event) for n in page)
        for table in self.tables:
            store.upsert(table, fold.changed_rows(table.name))
