"""The record of ledger imports: who imported which file (by its SHA-256) for
which office, how far it got, what it counted, and every problem it reported.

Like the staff changes, a fact about the service beside the event log. The
events an import wrote carry the file's SHA-256 and the row themselves; this
record is what the importer follows and downloads the report from. A running
import notes its progress every second or so; one that has not for a minute
stopped with its process, and reads as `interrupted`: running the same file
again records what it had not.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from application.ledger_columns import Column
from application.ledger_rows import RowProblem
from infrastructure.sql import SqlDatabase

PROBLEMS_PER_INSERT = 500
SILENT_FOR = timedelta(minutes=1)  # a running import not heard of since: interrupted


@dataclass(frozen=True)
class ImportEntry:
    import_id: UUID
    office: str
    by: str
    mode: str  # "dry_run" | "commit"
    ledger_sha256: str
    status: str  # "running" | "finished" | "failed" | "interrupted"
    started_at: datetime
    finished_at: datetime | None
    rows_total: int
    rows_done: int
    counts: dict[str, int]
    failure: str | None
    problem_count: int


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


class LedgerImports:
    def __init__(self, db: SqlDatabase) -> None:
        self.db = db

    def start(self, *, office: str, by: str, mode: str, ledger_sha256: str) -> UUID:
        import_id = uuid4()
        with self.db.transaction() as cursor:
            cursor.execute(
                "INSERT INTO ledger_imports (import_id, office, by_user, mode, ledger_sha256,"
                " status, started_at, updated_at)"
                " VALUES (%s, %s, %s, %s, %s, 'running', %s, %s)",
                (str(import_id), office, by, mode, ledger_sha256, now := _now(), now),
            )
        return import_id

    def progress(self, import_id: UUID, done: int, total: int) -> None:
        with self.db.transaction() as cursor:
            cursor.execute(
                "UPDATE ledger_imports SET rows_done = %s, rows_total = %s, updated_at = %s"
                " WHERE import_id = %s",
                (done, total, _now(), str(import_id)),
            )

    def add_problems(self, import_id: UUID, first_seq: int, problems: list[RowProblem]) -> None:
        rows = [
            (
                str(import_id),
                first_seq + i,
                p.sheet,
                p.row,
                p.column.value if p.column is not None else None,
                p.value,
                p.reason_zh,
                p.reason_en,
            )
            for i, p in enumerate(problems)
        ]
        with self.db.transaction() as cursor:
            cursor.executemany(
                "INSERT INTO ledger_import_problems (import_id, seq, sheet, row_number,"
                " column_key, value, reason_zh, reason_en)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                rows,
            )

    def finish(
        self,
        import_id: UUID,
        counts: dict[str, int],
        *,
        failure: str | None = None,
        status: str | None = None,
    ) -> None:
        with self.db.transaction() as cursor:
            cursor.execute(
                "UPDATE ledger_imports SET status = %s, finished_at = %s, counts = %s,"
                " failure = %s WHERE import_id = %s",
                (
                    status or ("failed" if failure else "finished"),
                    _now(),
                    json.dumps(counts),
                    failure,
                    str(import_id),
                ),
            )

    def get(self, import_id: UUID) -> ImportEntry | None:
        with self.db.transaction(write=False) as cursor:
            cursor.execute(
                "SELECT import_id, office, by_user, mode, ledger_sha256, status, started_at,"
                " updated_at, finished_at, rows_total, rows_done, counts, failure,"
                " (SELECT COUNT(*) FROM ledger_import_problems p"
                "  WHERE p.import_id = ledger_imports.import_id)"
                " FROM ledger_imports WHERE import_id = %s",
                (str(import_id),),
            )
            row = cursor.fetchone()
        return _entry(row) if row is not None else None

    def recent(self, offices: tuple[str, ...] | None, limit: int = 20) -> list[ImportEntry]:
        """Newest first; `offices`: only theirs (None: every office's)."""
        where, params = "1 = 1", []
        if offices is not None:
            where = f"office IN ({', '.join(['%s'] * len(offices)) or 'NULL'})"
            params = list(offices)
        with self.db.transaction(write=False) as cursor:
            cursor.execute(
                "SELECT import_id, office, by_user, mode, ledger_sha256, status, started_at,"  # noqa: S608 - placeholders only
                " updated_at, finished_at, rows_total, rows_done, counts, failure,"
                " (SELECT COUNT(*) FROM ledger_import_problems p"
                "  WHERE p.import_id = ledger_imports.import_id)"
                f" FROM ledger_imports WHERE {where} ORDER BY started_at DESC LIMIT %s",
                [*params, limit],
            )
            rows = cursor.fetchall()
        return [_entry(r) for r in rows]

    def problems(self, import_id: UUID, *, chunk: int = 2_000) -> Iterator[RowProblem]:
        """In the order found, a chunk at a time (a report may be long)."""
        after = -1
        while True:
            with self.db.transaction(write=False) as cursor:
                cursor.execute(
                    "SELECT seq, sheet, row_number, column_key, value, reason_zh, reason_en"
                    " FROM ledger_import_problems WHERE import_id = %s AND seq > %s"
                    " ORDER BY seq LIMIT %s",
                    (str(import_id), after, chunk),
                )
                rows = cursor.fetchall()
            for seq, sheet, row, column, value, zh, en in rows:
                after = int(seq)
                yield RowProblem(
                    sheet=str(sheet),
                    row=int(row),
                    column=Column(column) if column else None,
                    value=str(value),
                    reason_zh=str(zh),
                    reason_en=str(en),
                )
            if len(rows) < chunk:
                return


def _entry(row: Any) -> ImportEntry:
    (iid, office, by, mode, sha, status, started, updated, finished, total, done, counts) = row[:12]
    failure, n = row[12:]
    silent = datetime.now(UTC) - datetime.fromisoformat(str(updated))
    if status == "running" and silent > SILENT_FOR:
        status = "interrupted"
    return ImportEntry(
        import_id=UUID(str(iid)),
        office=str(office),
        by=str(by),
        mode=str(mode),
        ledger_sha256=str(sha),
        status=str(status),
        started_at=datetime.fromisoformat(str(started)),
        finished_at=datetime.fromisoformat(str(finished)) if finished else None,
        rows_total=int(total),
        rows_done=int(done),
        counts=json.loads(counts) if counts else {},
        failure=str(failure) if failure else None,
        problem_count=int(n),
    )
