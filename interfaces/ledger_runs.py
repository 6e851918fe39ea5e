"""Running a ledger import, the same way from the command line and from an
upload: the file's SHA-256, the record of the import (infrastructure/
ledger_imports), the rows streamed from the file, the problems saved as they
are found, and the counts at the end."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from uuid import UUID

import structlog

from application.base import RecordStore
from application.ledger_import import ImportCounts, LedgerImport
from application.ledger_rows import LedgerRow, LedgerUnreadable, RowProblem
from domain.actor import Actor
from infrastructure.ledger_files import read_ledger
from infrastructure.ledger_imports import PROBLEMS_PER_INSERT, LedgerImports
from infrastructure.readmodels.access import ReadModels
from infrastructure.readmodels.audit_queries import record_ids_of
from interfaces.i18n.errors import domain_message

log = structlog.get_logger("ledger_import")
PROGRESS_EVERY_SECONDS = 1.0


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class LedgerFile:
    path: Path
    sha256: str

    def rows(self) -> Iterator[LedgerRow]:
        return read_ledger(self.path)


@dataclass
class ProblemBuffer:
    """Problems saved a few hundred at a time, numbered in the order found."""

    imports: LedgerImports
    import_id: UUID
    pending: list[RowProblem] = field(default_factory=list)
    saved: int = 0

    def add(self, problem: RowProblem) -> None:
        self.pending.append(problem)
        if len(self.pending) >= PROBLEMS_PER_INSERT:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.imports.add_problems(self.import_id, self.saved, self.pending)
            self.saved += len(self.pending)
            self.pending = []


def start_import(imports: LedgerImports, path: Path, importer: Actor, *, commit: bool) -> UUID:
    return imports.start(
        office=importer.office,
        by=importer.user,
        mode="commit" if commit else "dry_run",
        ledger_sha256=file_sha256(path),
    )


class ImportStopped(Exception):
    """The server is stopping: the import ends after the batch it wrote."""


def run_import(
    store: RecordStore,
    imports: LedgerImports,
    import_id: UUID,
    path: Path,
    importer: Actor,
    *,
    commit: bool,
    show: Callable[[int, int], None] = lambda done, total: None,
    stop: threading.Event | None = None,
) -> ImportCounts | None:
    """Run the import recorded as `import_id`; the record says how it ended.
    An unreadable file is the import's failure (in both languages), not an error."""
    entry = imports.get(import_id)
    assert entry is not None
    buffer = ProblemBuffer(imports, import_id)
    last = [0.0]

    def progress(done: int, total: int) -> None:
        if stop is not None and stop.is_set():
            raise ImportStopped
        show(done, total)
        now = time.monotonic()
        if now - last[0] >= PROGRESS_EVERY_SECONDS:
            last[0] = now
            imports.progress(import_id, done, total)

    run = LedgerImport(
        store=store,
        importer=importer,
        commit=commit,
        problems=buffer.add,
        translate=lambda message: domain_message(message, "zh"),
        progress=progress,
        records_of=lambda worker_id: record_ids_of(ReadModels(imports.db), worker_id),
    )
    try:
        counts = run.run(LedgerFile(path, entry.ledger_sha256))
    except ImportStopped:
        buffer.flush()
        imports.finish(import_id, run.counts.as_dict(), status="interrupted")
        return None
    except LedgerUnreadable as unreadable:
        buffer.flush()
        imports.finish(
            import_id,
            run.counts.as_dict(),
            failure=f"{unreadable.reason_zh} / {unreadable.reason_en}",
        )
        return None
    except Exception:
        # What the rows already written hold stays; the import can be run again.
        log.exception("ledger_import_failed", import_id=str(import_id))
        buffer.flush()
        imports.finish(import_id, run.counts.as_dict(), failure="内部错误 / internal error")
        raise
    buffer.flush()
    imports.progress(import_id, counts.rows, counts.rows)
    imports.finish(import_id, counts.as_dict())
    log.info("ledger_imported", import_id=str(import_id), **counts.as_dict())
    return counts


class ImportRunner:
    """Runs uploaded ledgers one at a time in the background (an office's
    imports are not urgent; the write path is shared with the caseworkers),
    each from a temporary copy deleted when it ends."""

    def __init__(self, store: RecordStore, imports: LedgerImports) -> None:
        self.store = store
        self.imports = imports
        self.stop = threading.Event()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ledger-import")

    def submit(self, upload: BinaryIO, importer: Actor, *, commit: bool) -> UUID:
        with tempfile.NamedTemporaryFile(prefix="ledger-", delete=False) as copy:
            shutil.copyfileobj(upload, copy, 1 << 20)
        path = Path(copy.name)
        try:
            import_id = start_import(self.imports, path, importer, commit=commit)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        self._pool.submit(self._run, import_id, path, importer, commit)
        return import_id

    def _run(self, import_id: UUID, path: Path, importer: Actor, commit: bool) -> None:
        try:
            run_import(
                self.store, self.imports, import_id, path, importer, commit=commit, stop=self.stop
            )
        except Exception:  # logged and recorded as failed by run_import
            return
        finally:
            path.unlink(missing_ok=True)

    def close(self) -> None:
        self.stop.set()
        self._pool.shutdown(wait=True, cancel_futures=True)
