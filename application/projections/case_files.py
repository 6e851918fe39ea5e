"""The case files (劳动力档案汇总): each worker's journey and records as rows.

Pure folds from domain events to rows — no SQL, no I/O, no clock — so the
same events always give the same rows, whatever pages they come in: a rebuild
equals the live tables. A page is folded in three steps: `records_to_read`
says which stored rows it needs, `CaseFileFold` folds the events into them in
log order, `changed_rows` gives what to write back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from application.projections.case_file_records import CHANGES, CREATIONS
from application.projections.case_file_rows import (
    KEYS,
    TABLE_OF,
    WORKERS,
    CaseRows,
    JourneyStage,
    Row,
    iso,
    text,
)
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


@dataclass
class PageReads:
    """What a page needs from the tables before it is folded: the rows of the
    records it changes but did not create, and of the workers they belong to."""

    records: dict[str, set[str]] = field(default_factory=lambda: {t: set() for t in KEYS})
    created: set[str] = field(default_factory=set)

    def workers_of(self, child_rows: Iterable[Row]) -> set[str]:
        """Every worker the page touches that it did not register itself."""
        named = self.records[WORKERS] | {row["worker_id"] for row in child_rows}
        return named - self.created


def records_to_read(events: Iterable[Any]) -> PageReads:
    reads = PageReads()
    for event in events:
        name = type(event).__qualname__
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


class CaseFileFold:
    """Folds events, in log order, into the rows read for their page."""

    def __init__(self, rows: Mapping[str, dict[str, Row]] | None = None) -> None:
        self.rows = CaseRows(dict(rows or {}))

    def apply_all(self, events: Iterable[tuple[int, Any]]) -> None:
        for position, event in events:
            self.apply(position, event)

    def apply(self, position: int, event: Any) -> None:
        name = type(event).__qualname__
        table = TABLE_OF.get(name.partition(".")[0])
        if table is None:
            return  # not an event of a case-file record
        if name == "Worker.Registered":
            self.rows.create(WORKERS, registered(event, position))
            return
        create = CREATIONS.get(name)
        if create is not None:
            worker = self._worker(event.worker_id, position)
            self.rows.create(table, create(event, position, worker))
            return
        row = self.rows.get(table, event.originator_id)
        if row is None:
            return  # its creation was never seen: nothing to fold into
        worker = row if table == WORKERS else self._worker(row["worker_id"], position)
        if "last_position" in row:
            row["last_position"] = position
        change = CHANGES.get(name)
        if change is not None:
            change(row, worker, event)

    def changed_rows(self, table: str) -> list[Row]:
        return self.rows.changed_rows(table)

    def row(self, table: str, record_id: Any) -> Row | None:
        """The record's row as folded so far (None if never seen)."""
        return self.rows.rows[table].get(str(record_id))

    def _worker(self, worker_id: Any, position: int) -> Row | None:
        worker = self.rows.get(WORKERS, worker_id)
        if worker is not None:
            worker["last_position"] = position
        return worker


def registered(event: Any, position: int) -> Row:
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
    }
