"""Importing an office's ledger (台账导入): every row checked by the domain's own
rules, the valid ones written in batches, each batch one transaction, and a
report naming every row that was not.

Two passes over the file, which is streamed, never held whole. The first finds
ID numbers that appear on more than one row: which row is right is the
office's to say, so none of them is imported. The second reads each row's
facts and makes its records (application/ledger_records).

Writing assumes the rows are new (no reads: the fast path, for a ledger going
in for the first time) until a batch collides with records that exist; from
then on each row's records are loaded first, so a file imported again finds
everything recorded and records nothing, and a later file records only what
is new (values differing from the records are reported; the records are
kept). A collision rolls the whole batch back; it is then written row by row.
A crash loses at most the batch in flight: the import run again records it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError

from application.base import RecordStore
from application.identity import worker_id_for
from application.ledger_cells import cell_id_number
from application.ledger_columns import Column
from application.ledger_facts import Mistake, RowFacts, read_row
from application.ledger_records import RowRecorder, RowRecords, RowRefused
from application.ledger_rows import LedgerRow, RowProblem, masked
from domain.actor import Actor
from domain.exceptions import InvalidValue
from domain.identity import ResidentIdNumber
from domain.ledger_entry import LedgerEntry

BATCH_ROWS = 200  # ≈ 2,000 events a transaction: long enough to pay, short to lock
DUPLICATE = "appears on {count} rows of this ledger; none of them is imported"
COLLIDED = "was changed by someone else during the import; import the file again"


class Ledger(Protocol):
    """A ledger file: its SHA-256 and its rows, which may be read more than once."""

    @property
    def sha256(self) -> str: ...

    def rows(self) -> Iterator[LedgerRow]: ...


@dataclass
class ImportCounts:
    rows: int = 0
    recorded: int = 0  # rows that changed records (or would, in a dry run)
    unchanged: int = 0  # rows whose facts are all on record already
    refused: int = 0  # rows reported, nothing recorded for them
    conflicting: int = 0  # rows with values differing from the records (kept; reported)
    events: int = 0
    position: int = 0  # the log position of the last event written

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass
class Pending:
    row: LedgerRow
    facts: RowFacts
    actor: Actor
    records: RowRecords
    events: int  # counted before the save takes them


@dataclass
class LedgerImport:
    """One run over one ledger, by one importer; `commit=False`: validate only."""

    store: RecordStore
    importer: Actor
    commit: bool
    problems: Callable[[RowProblem], None]
    translate: Callable[[str], str]  # a message in English, in Chinese
    progress: Callable[[int, int], None] = lambda done, total: None
    batch_rows: int = BATCH_ROWS
    # The ids of a worker's records (the read models'): a row repeating a
    # transfer or job spell entered by hand finds it there.
    records_of: Callable[[UUID], list[UUID]] = lambda worker_id: []
    counts: ImportCounts = field(default_factory=ImportCounts)
    _assume_new: bool = True
    _batch: list[Pending] = field(default_factory=list)

    def run(self, ledger: Ledger) -> ImportCounts:
        # A dry run reads what exists, to report what a commit would find.
        self._assume_new = self.commit
        repeated, total = self._repeated_people(ledger)
        recorder = self._recorder()
        for row in ledger.rows():
            self.counts.rows += 1
            self._take(row, ledger.sha256, recorder, repeated)
            if len(self._batch) >= self.batch_rows:
                self._flush(recorder)
            self.progress(self.counts.rows, total)
        self._flush(recorder)
        return self.counts

    # -- the passes --------------------------------------------------------------

    def _repeated_people(self, ledger: Ledger) -> tuple[dict[int, int], int]:
        """How often each repeated ID number appears (by a short hash of the
        worker id: 8 bytes a row, so memory stays small as files grow)."""
        seen: set[int] = set()
        repeated: dict[int, int] = {}
        total = 0
        for row in ledger.rows():
            total += 1
            if total % 1000 == 0:
                self.progress(0, total)  # still reading: rows found so far
            key = self._person_key(row)
            if key is None:
                continue
            if key in seen:
                repeated[key] = repeated.get(key, 1) + 1
            seen.add(key)
        return repeated, total

    def _person_key(self, row: LedgerRow) -> int | None:
        try:
            raw = cell_id_number(row.cells.get(Column.ID_NUMBER))
            if raw is None:
                return None
            id_number = ResidentIdNumber.parse(raw, today=self.store.today())
        except InvalidValue:
            return None  # reported with the row's other mistakes
        return int.from_bytes(self._worker_id(id_number).bytes[:8], "big")

    def _take(
        self, row: LedgerRow, sha256: str, recorder: RowRecorder, repeated: dict[int, int]
    ) -> None:
        facts, mistakes = read_row(row, self.importer.office, self.store.today())
        if facts is None:
            return self._refuse(row, mistakes)
        key = self._person_key(row)
        if key is not None and key in repeated:
            message = DUPLICATE.format(count=repeated[key])
            return self._refuse(row, [Mistake(Column.ID_NUMBER, message)])
        actor = self.importer.importing(LedgerEntry(sha256, row.sheet[:31], row.row))
        try:
            self.store.access.ensure_may_register(self.importer, facts.person.hukou_division, None)
            records = self._records(recorder, facts, actor)
        except RowRefused as refused:
            return self._refuse(row, refused.mistakes)
        except InvalidValue as error:
            return self._refuse(row, [Mistake(Column.HUKOU_DIVISION, error.message)])
        if not records.changed or not self.commit:
            return self._settled(row, records, records.event_count)
        self._batch.append(Pending(row, facts, actor, records, records.event_count))
        return None

    def _records(self, recorder: RowRecorder, facts: RowFacts, actor: Actor) -> RowRecords:
        """The row's records; a row refused as new is looked at again with what
        exists (its worker may be on record, with dates the row relies on)."""
        try:
            return recorder.records(facts, actor, self._loader())
        except RowRefused:
            if not self._assume_new:
                raise
            return recorder.records(facts, actor, self._load)

    def _flush(self, recorder: RowRecorder) -> None:
        batch, self._batch = self._batch, []
        if not batch:
            return
        try:
            self._save([a for p in batch for a in p.records.changed])
        except IntegrityError:
            # Some record exists already (imported before, or entered since):
            # from now on, look before writing; this batch again, row by row.
            self._assume_new = False
            for pending in batch:
                self._save_row(pending, recorder)
            return
        for pending in batch:
            self._settled(pending.row, pending.records, pending.events)

    def _save_row(self, pending: Pending, recorder: RowRecorder) -> None:
        try:
            records = recorder.records(pending.facts, pending.actor, self._load)
        except RowRefused as refused:
            return self._refuse(pending.row, refused.mistakes)
        events = records.event_count
        if records.changed:
            try:
                self._save(records.changed)
            except IntegrityError:
                return self._refuse(pending.row, [Mistake(None, COLLIDED)])
        return self._settled(pending.row, records, events)

    # -- writing and counting ---------------------------------------------------------

    def _save(self, aggregates: list[Aggregate]) -> None:
        recordings = self.store.save(*aggregates)
        if recordings:
            self.counts.position = int(recordings[-1].notification.id)

    def _settled(self, row: LedgerRow, records: RowRecords, events: int) -> None:
        """A row written (or, in a dry run, found writable), or found on record:
        counted, and its values that differ from the records reported. `events`:
        counted before the save, which takes them from the records."""
        if events:
            self.counts.recorded += 1
            self.counts.events += events
        else:
            self.counts.unchanged += 1
        if records.conflicts:
            self.counts.conflicting += 1
            self._report(row, records.conflicts)

    def _refuse(self, row: LedgerRow, mistakes: list[Mistake]) -> None:
        self.counts.refused += 1
        self._report(row, mistakes)

    def _report(self, row: LedgerRow, mistakes: list[Mistake]) -> None:
        for mistake in mistakes:
            column = mistake.column
            value = row.cells.get(column) if column is not None else None
            self.problems(
                RowProblem(
                    sheet=row.sheet,
                    row=row.row,
                    column=column,
                    value=masked(column, value),
                    reason_zh=mistake.zh or self.translate(mistake.reason),
                    reason_en=mistake.reason,
                )
            )

    # -- what the records need ----------------------------------------------------------

    def _recorder(self) -> RowRecorder:
        register = self.store.access.register()
        receivers: dict[tuple[str, str], list[str]] = {}

        def receivers_of(home: str, destination: str) -> list[str]:
            key = (home, destination)
            if key not in receivers:
                found = register.receiving_offices_for(home, destination) if register else []
                receivers[key] = found or [home]
            return receivers[key]

        return RowRecorder(
            importer=self.importer,
            worker_id=self._worker_id,
            receivers=receivers_of,
            province_of_office=self.importer.office[:2],
            today=self.store.today(),
            records_of=self.records_of,
        )

    def _worker_id(self, id_number: ResidentIdNumber) -> UUID:
        return worker_id_for(id_number, self.store.identity_key)

    def _loader(self) -> Callable[[UUID], Any]:
        if self._assume_new:
            return lambda record_id: None
        return self._load

    def _load(self, record_id: UUID) -> Any:
        try:
            return self.store.repository.get(record_id)
        except AggregateNotFoundError:
            return None
