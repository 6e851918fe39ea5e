"""The case files (劳动力档案汇总): each worker's journey and records as rows.

Pure folds from domain events to rows — no SQL, no I/O, no clock — so the
same events always give the same rows, whatever pages they come in: a rebuild
equals the live tables. A page is folded in three steps: `records_to_read`
says which stored rows it needs, `CaseFileFold` folds the events into them in
log order, `changed_rows` gives what to write back. The rows are declared in
`case_file_rows`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from application.projections.case_file_offices import (
    NAMING_A_TRANSFER,
    OFFICE_CHANGES,
    OPENED,
    OWNER,
    Serving,
)
from application.projections.case_file_records import (
    CREATIONS,
    KINDS,
    WORKER_CHANGES,
    RecordKind,
)
from application.projections.case_file_rows import (
    HANDOVERS,
    KEYS,
    TRANSFERS,
    WORKERS,
    JourneyStage,
    R,
    Records,
    Row,
    WorkerRow,
)
from application.projections.columns import iso, text
from domain.case_offices import case_offices_id
from domain.identity import mask_id_number
from domain.worker_profile import WorkerStatus

__all__ = [
    "KEYS",
    "CaseFileFold",
    "JourneyStage",
    "PageReads",
    "Row",
    "records_to_read",
]

# The table each aggregate's events fold into, by the aggregate class name.
TABLE_OF = {"Worker": WORKERS, **{owner: kind.table for owner, kind in KINDS.items()}}


@dataclass
class PageReads:
    """What a page needs from the tables before it is folded: the rows of the
    records it changes but did not create, and of the workers they belong to;
    `case_offices` are the CaseOffices records whose events name no worker
    (their workers, and those workers' handovers, are read by that id)."""

    records: dict[str, set[str]] = field(default_factory=lambda: {t: set() for t in KEYS})
    created: set[str] = field(default_factory=set)
    case_offices: set[str] = field(default_factory=set)

    def workers_of(self, child_rows: Iterable[Row]) -> set[str]:
        """Every worker the page touches that it did not register itself."""
        named = self.records[WORKERS] | {row["worker_id"] for row in child_rows}
        return named - self.created


def records_to_read(events: Iterable[Any]) -> PageReads:
    reads = PageReads()
    for event in events:
        name = type(event).__qualname__
        if name.partition(".")[0] == OWNER:
            _offices_to_read(reads, name, event)
            continue
        table = TABLE_OF.get(name.partition(".")[0])
        if table is None:
            continue
        record_id = str(event.originator_id)
        if name == "Worker.Registered" or name in CREATIONS:
            reads.created.add(record_id)
            if name in CREATIONS:
                reads.records[WORKERS].add(str(event.worker_id))
        elif record_id not in reads.created:
            reads.records[table].add(record_id)
    return reads


def _offices_to_read(reads: PageReads, name: str, event: Any) -> None:
    if name == OPENED:
        reads.records[WORKERS].add(str(event.worker_id))
    else:
        reads.case_offices.add(str(event.originator_id))
    transfer_id = getattr(event, "transfer_id", None)
    named = name in NAMING_A_TRANSFER and transfer_id is not None
    if named and str(transfer_id) not in reads.created:
        reads.records[TRANSFERS].add(str(transfer_id))


class CaseFileFold:
    """Folds events, in log order, into the rows read for their page (by table,
    then by record id)."""

    def __init__(self, rows: Mapping[str, Mapping[str, Row]] | None = None) -> None:
        given = rows or {}
        self.tables: dict[str, Records[Any]] = {t: Records[Any](given.get(t)) for t in KEYS}
        self.workers: Records[WorkerRow] = self.tables[WORKERS]
        # CaseOffices record id → its worker's id.
        self.served: dict[str, str] = {
            row["case_offices_id"]: key for key, row in self.workers.rows.items()
        }

    def apply_all(self, events: Iterable[tuple[int, Any]]) -> None:
        for position, event in events:
            self.apply(position, event)

    def apply(self, position: int, event: Any) -> None:
        name = type(event).__qualname__
        owner = name.partition(".")[0]
        if owner == "Worker":
            self._worker_event(name, position, event)
            return
        if owner == OWNER:
            self._offices_event(name, position, event)
            return
        kind = KINDS.get(owner)
        if kind is not None:
            self._record_event(kind, self.tables[kind.table], name, position, event)
        # Otherwise not an event of a case-file record.

    def changed_rows(self, table: str) -> list[Row]:
        return self.tables[table].changed_rows()

    def row(self, table: str, record_id: object) -> Row | None:
        """The record's row as folded so far (None if never seen)."""
        found: Row | None = self.tables[table].rows.get(str(record_id))
        return found

    def _worker_event(self, name: str, position: int, event: Any) -> None:
        if name == "Worker.Registered":
            new = self.workers.create(str(event.originator_id), registered(event, position))
            self.served[new["case_offices_id"]] = new["worker_id"]
            return
        row = self.workers.get(event.originator_id)
        if row is None:
            return  # its registration was never seen: nothing to fold into
        row["last_position"] = position
        change = WORKER_CHANGES.get(name)
        if change is not None:
            change(row, event)

    def _offices_event(self, name: str, position: int, event: Any) -> None:
        if name == OPENED:
            worker = self.workers.get(event.worker_id)
        else:
            worker_id = self.served.get(str(event.originator_id))
            worker = self.workers.get(worker_id) if worker_id else None
        change = OFFICE_CHANGES.get(name)
        if worker is None or change is None:
            return  # its worker was never seen, or an event this fold has no use for
        worker["last_position"] = position
        change(Serving(worker, self.tables[HANDOVERS], self.tables[TRANSFERS], position), event)

    def _record_event(
        self, kind: RecordKind[R], records: Records[R], name: str, position: int, event: Any
    ) -> None:
        if name == kind.created_by:
            worker = self._worker(event.worker_id, position)
            records.create(str(event.originator_id), kind.create(event, position, worker))
            return
        row = records.get(event.originator_id)
        if row is None:
            return  # its creation was never seen: nothing to fold into
        worker = self._worker(row["worker_id"], position)
        if kind.touched is not None:
            kind.touched(row, position)
        change = kind.changes.get(name)
        if change is not None:
            change(row, worker, event)

    def _worker(self, worker_id: object, position: int) -> WorkerRow | None:
        worker = self.workers.get(worker_id)
        if worker is not None:
            worker["last_position"] = position
        return worker


def registered(event: Any, position: int) -> WorkerRow:
    """Worker.Registered: a new case file. Only the last four characters of the
    ID number are kept in the clear, for search; the rest is masked."""
    return {
        "worker_id": text(event.originator_id),
        "name": event.name,
        "id_last4": event.id_number[-4:],
        "id_number_masked": mask_id_number(event.id_number),
        "sex": event.sex,
        "birth_date": iso(event.birth_date),
        "hukou_division": event.hukou_division,
        "township": event.hukou_township,
        "office": event.actor.office,
        "poverty_status": event.poverty_status,
        "status": WorkerStatus.ACTIVE.value,
        "stage": JourneyStage.REGISTERED.value,
        "registered_on": iso(event.occurred_on),
        "registered_year": event.occurred_on.year,
        "registered_position": position,
        "trainings_completed": 0,
        "certificates": 0,
        "transfers_arrived": 0,
        "current_placement_id": None,
        "active_placements": "",
        "confirmed_months": 0,
        "stable_placements": 0,
        "open_disputes": 0,
        "last_position": position,
        "host_office": None,
        "case_offices_id": text(case_offices_id(event.originator_id)),
    }
