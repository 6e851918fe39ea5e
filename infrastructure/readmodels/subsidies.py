"""The subsidies read model: the subsidy ledger, for the list, the CSV export
and the report's subsidy figures.

Per page: read the stored rows of the subsidies it changes and the offices of
the workers it assesses subsidies for (one query each), fold every event in
memory, write the changed rows back (one batched upsert) and the workers it
registers (one insert).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from application.projections.subsidies import SubsidyFold, subsidies_to_read
from application.projections.subsidy_rows import SubsidyRow, SubsidyWorkerRow
from infrastructure.readmodels.base import Notified, Projection, Store, Table

# The columns of each table are the keys of its row type (subsidy_rows).
SUBSIDIES = Table.of(
    "subsidies",
    SubsidyRow,
    key=("subsidy_id",),
    # The list is keyset-ordered by assessment, the ledger and the report by the
    # date the entitlement arose; a worker's subsidies are read by worker. Kind,
    # status and office have a few values each: no index of their own.
    indexes=("assessed_position", "worker_id, assessed_position", "arose_on, subsidy_id"),
)
WORKERS = Table.of("subsidy_workers", SubsidyWorkerRow, key=("worker_id",))


class Subsidies(Projection):
    name: ClassVar[str] = "subsidies"
    tables: ClassVar[tuple[Table[Any], ...]] = (SUBSIDIES, WORKERS)

    def apply(self, page: Sequence[Notified], store: Store) -> None:
        reads = subsidies_to_read(n.event for n in page)
        stored = store.fetch(SUBSIDIES, "subsidy_id", reads.subsidies) if reads.subsidies else {}
        workers = store.fetch(WORKERS, "worker_id", reads.workers) if reads.workers else {}
        fold = SubsidyFold(stored, workers)
        fold.apply_all((n.position, n.event) for n in page)
        # A worker is registered once, so its row is new: a plain insert.
        store.insert(WORKERS, fold.new_workers)
        store.upsert(SUBSIDIES, fold.changed_rows())
