"""The case_files read model: workers, trainings, transfers, placements and
disputes as rows, for search, the dispute register and the programme report.

Per page: read the stored rows of the records the page changes and of their
workers (one query per table), fold every event in memory, write the changed
rows back (one batched upsert per table) — never a query per event.
"""

from __future__ import annotations

from collections.abc import Sequence

from application.projections.case_file_rows import (
    DISPUTES,
    PLACEMENTS,
    TRAININGS,
    TRANSFERS,
    WORKERS,
)
from application.projections.case_files import KEYS, CaseFileFold, Row, records_to_read
from infrastructure.readmodels.base import Notified, Projection, Store, Table

WORKERS_TABLE = Table(
    WORKERS,
    "worker_id TEXT NOT NULL, name TEXT NOT NULL, id_last4 TEXT NOT NULL,"
    " id_number_masked TEXT NOT NULL, sex TEXT NOT NULL, birth_date TEXT NOT NULL,"
    " hukou_division TEXT NOT NULL, township TEXT, office TEXT NOT NULL,"
    " poverty_status TEXT NOT NULL, status TEXT NOT NULL, stage TEXT NOT NULL,"
    " registered_on TEXT NOT NULL, registered_year INTEGER NOT NULL,"
    " registered_position BIGINT NOT NULL, trainings_completed INTEGER NOT NULL,"
    " certificates INTEGER NOT NULL, transfers_arrived INTEGER NOT NULL,"
    " current_placement_id TEXT, active_placements TEXT NOT NULL,"
    " confirmed_months INTEGER NOT NULL, stable_placements INTEGER NOT NULL,"
    " open_disputes INTEGER NOT NULL,"
    " last_position BIGINT NOT NULL",
    key=("worker_id",),
    # Lists are keyset-ordered by registration with a LIMIT: a filter on a column
    # of a few values (status, stage, office, year) scans that order quickly, and
    # an index on it would only slow every write of the projector.
    indexes=("registered_position", "name {prefix_search}", "id_last4", "township"),
)
TRAININGS_TABLE = Table(
    TRAININGS,
    "training_id TEXT NOT NULL, worker_id TEXT NOT NULL, course_name TEXT NOT NULL,"
    " training_type TEXT NOT NULL, state TEXT NOT NULL, enrolled_on TEXT NOT NULL,"
    " completed_on TEXT, result TEXT, certified_on TEXT",
    key=("training_id",),
    indexes=("worker_id", "completed_on"),
)
TRANSFERS_TABLE = Table(
    TRANSFERS,
    "transfer_id TEXT NOT NULL, worker_id TEXT NOT NULL, destination TEXT NOT NULL,"
    " channel TEXT NOT NULL, state TEXT NOT NULL, arranged_on TEXT NOT NULL,"
    " departed_on TEXT, arrived_on TEXT, cancelled_on TEXT, returned_on TEXT,"
    " poverty_status_at_arrangement TEXT",
    key=("transfer_id",),
    indexes=("worker_id", "arrived_on"),
)
PLACEMENTS_TABLE = Table(
    PLACEMENTS,
    "placement_id TEXT NOT NULL, worker_id TEXT NOT NULL, transfer_id TEXT,"
    " kind TEXT NOT NULL, employer_name TEXT NOT NULL, workplace_division TEXT NOT NULL,"
    " monthly_wage_fen INTEGER NOT NULL, state TEXT NOT NULL, started_on TEXT NOT NULL,"
    " ended_on TEXT, months TEXT NOT NULL, longest_run INTEGER NOT NULL,"
    " stable INTEGER NOT NULL, stable_since TEXT",
    key=("placement_id",),
    indexes=("worker_id", "started_on"),
)
DISPUTES_TABLE = Table(
    DISPUTES,
    "dispute_id TEXT NOT NULL, worker_id TEXT NOT NULL, kind TEXT NOT NULL,"
    " status TEXT NOT NULL, employer_name TEXT NOT NULL, amount_claimed_fen BIGINT NOT NULL,"
    " amount_agreed_fen BIGINT, amount_recovered_fen BIGINT, opened_on TEXT NOT NULL,"
    " mediation_due_on TEXT NOT NULL, mediator TEXT, escalated_to TEXT, settled_on TEXT,"
    " closed_on TEXT, opened_position BIGINT NOT NULL, last_position BIGINT NOT NULL",
    key=("dispute_id",),
    indexes=("opened_position", "worker_id", "status", "kind", "opened_on"),
)
CHILD_TABLES = (TRAININGS_TABLE, TRANSFERS_TABLE, PLACEMENTS_TABLE, DISPUTES_TABLE)


class CaseFiles(Projection):
    name = "case_files"
    tables = (WORKERS_TABLE, *CHILD_TABLES)

    def apply(self, page: Sequence[Notified], store: Store) -> None:
        reads = records_to_read(n.event for n in page)
        rows: dict[str, dict[str, Row]] = {}
        for table in CHILD_TABLES:
            if reads.records[table.name]:
                rows[table.name] = store.fetch(table, KEYS[table.name], reads.records[table.name])
        workers = reads.workers_of(row for found in rows.values() for row in found.values())
        if workers:
            rows[WORKERS] = store.fetch(WORKERS_TABLE, KEYS[WORKERS], workers)
        fold = CaseFileFold(rows)
        fold.apply_all((n.position, n.event) for n in page)
        for table in self.tables:
            store.upsert(table, fold.changed_rows(table.name))
