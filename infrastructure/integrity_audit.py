"""Verify the event log against the integrity chain, and against a checkpoint.

Reads the stored events straight from the event store (raw records, never
decoded: the bytes as stored) and the chain from its read model, both in
position order a page at a time, and lets application/integrity_check.py
find the first position where they part. With a checkpoint, the chain is also
recomputed from the stored events alone up to the checkpoint's position and
compared with its signed hash — which does not trust the chain table at all.
Every stored payload is also authenticated against the event it is stored as
(infrastructure/payload_audit.py), so a payload moved onto another event is found
even where the chain was rebuilt over it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from application.integrity_chain import ChainLink, StoredRecord
from application.integrity_check import ChainAudit, audit_chain
from application.journey import Journey
from infrastructure.checkpoints import Checkpoint
from infrastructure.integrity_verifications import Verification
from infrastructure.payload_audit import PayloadAudit
from infrastructure.readmodels.access import LIVE_PREFIX
from infrastructure.readmodels.base import text_time
from infrastructure.readmodels.integrity import Integrity, chain_head, chain_links
from infrastructure.readmodels.tracking import create_read_model_tables, read_tracking
from infrastructure.sql import SqlDatabase

Progress = Callable[[int, int], None]  # (position reached, head of the log)


@dataclass(frozen=True)
class IntegrityReport:
    audit: ChainAudit
    log_head: int
    chain_head: ChainLink | None  # the chain table's last row
    chain_stopped: str | None  # why the integrity projection stopped, if it did
    checkpoint: Checkpoint | None
    checkpoint_problem: str | None  # why the log no longer extends the checkpoint
    payloads: PayloadAudit | None = None  # how the stored payloads were found

    @property
    def intact(self) -> bool:
        return self.audit.intact and self.checkpoint_problem is None

    def first_problem(self) -> tuple[int, str, str] | None:
        """(position, kind, detail): the first position where the log differs
        from the chain or holds a damaged payload (the chain's finding when both
        are at one position), then the checkpoint."""
        found = [d for d in (self.audit.divergence, self.audit.damage) if d is not None]
        if found:
            bad = min(found, key=lambda d: d.position)
            return bad.position, bad.kind.value, bad.detail
        if self.checkpoint is not None and self.checkpoint_problem is not None:
            return self.checkpoint.position, "checkpoint", self.checkpoint_problem
        return None

    def verification(self, at: datetime) -> Verification:
        audit = self.audit
        checkpoint_ok = None if self.checkpoint is None else self.checkpoint_problem is None
        first = self.first_problem() or (None, None, None)
        return Verification(
            verified_at=text_time(at),
            log_head=self.log_head,
            chain_position=audit.covered_to,
            chain_hash=self.chain_head.chain_hash if self.chain_head else None,
            checked=audit.checked,
            uncovered=audit.uncovered,
            intact=self.intact,
            first_bad_position=first[0],
            first_bad_kind=first[1],
            detail=first[2],
            checkpoint_position=self.checkpoint.position if self.checkpoint else None,
            checkpoint_ok=checkpoint_ok,
        )


def verify_integrity(
    db: SqlDatabase,
    events_table: str,
    *,
    checkpoint: Checkpoint | None = None,
    progress: Progress | None = None,
    page_size: int = 1000,
    payloads: PayloadAudit | None = None,
) -> IntegrityReport:
    """One pass over the log (up to its head when we start); `payloads` also
    authenticates every stored payload against its place."""
    covered_to, head, stopped = _chain_extent(db)
    log_head = _log_head(db, events_table)
    audit = audit_chain(
        stored_events(db, events_table, upto=log_head, page_size=page_size, progress=progress),
        chain_links(db, LIVE_PREFIX, upto=covered_to),
        covered_to=covered_to,
        at=checkpoint.position if checkpoint else None,
        payloads=payloads,
    )
    problem = None if checkpoint is None else checkpoint_problem(audit, checkpoint)
    return IntegrityReport(audit, log_head, head, stopped, checkpoint, problem, payloads)


def events_table(reader: Journey) -> str:
    """The event store's table (`laborbridge_events` on PostgreSQL, `stored_events`
    on SQLite), as the library names it."""
    return str(reader.recorder.events_table_name)  # type: ignore[attr-defined]


def checkpoint_problem(audit: ChainAudit, checkpoint: Checkpoint) -> str | None:
    """None if the stored events still hash to the checkpoint at its position."""
    at, position = audit.at, checkpoint.position
    if at is None or at.position != position:
        return (
            f"the log no longer has the event at the checkpoint's position {position}"
            " (deleted, or the log was cut short)"
        )
    if at.chain_hash != checkpoint.chain_hash.lower():
        return (
            f"the stored events up to position {position} no longer hash to the"
            " checkpoint's chain hash: an event at or before it was changed, deleted"
            " or inserted since the checkpoint was made"
        )
    return None


@dataclass(frozen=True)
class _StoredEvent:
    id: int
    originator_id: UUID | str
    originator_version: int
    topic: str
    state: bytes


def stored_events(
    db: SqlDatabase,
    table: str,
    *,
    upto: int,
    page_size: int,
    progress: Progress | None = None,
) -> Iterator[StoredRecord]:
    """The stored records in log order, as the event store holds them. Read with
    SQL rather than the library, so a row written by hand with odd types (a TEXT
    payload on SQLite) is reported as changed instead of stopping the check."""
    position = "notification_id" if db.is_postgres else "rowid"
    state = "state" if db.is_postgres else "CAST(state AS BLOB)"
    after = 0
    while after < upto:
        with db.transaction(write=False) as cursor:
            cursor.execute(
                f"SELECT {position}, originator_id, originator_version, topic, {state}"  # noqa: S608
                f" FROM {table} WHERE {position} > %s AND {position} <= %s"
                f" ORDER BY {position} LIMIT %s",
                (after, upto, page_size),
            )
            rows = cursor.fetchall()
        yield from (_stored_event(*row) for row in rows)
        after = int(rows[-1][0]) if len(rows) == page_size else upto
        if progress is not None:
            progress(after, upto)


def _stored_event(
    position: int, originator_id: object, version: object, topic: object, state: object
) -> _StoredEvent:
    """The record as the library would read it: UUID ids, ints, text, bytes."""
    if isinstance(originator_id, str):
        with suppress(ValueError):  # the library's ids are UUIDs; a forged one may not be
            originator_id = UUID(originator_id)
    return _StoredEvent(
        int(position),
        originator_id if isinstance(originator_id, UUID) else str(originator_id),
        version if isinstance(version, int) else -1,
        str(topic),
        bytes(state) if isinstance(state, bytes | bytearray | memoryview) else str(state).encode(),
    )


def _log_head(db: SqlDatabase, table: str) -> int:
    position = "notification_id" if db.is_postgres else "rowid"
    with db.transaction(write=False) as cursor:
        cursor.execute(f"SELECT MAX({position}) FROM {table}")  # noqa: S608 - names are ours
        row = cursor.fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _chain_extent(db: SqlDatabase) -> tuple[int, ChainLink | None, str | None]:
    """How far the chain reaches (its rows or its tracking, whichever is
    further: missing rows then show), and the projection's error if stopped."""
    create_read_model_tables(db, [Integrity()], LIVE_PREFIX)
    with db.transaction(write=False) as cursor:
        tracked = read_tracking(cursor, LIVE_PREFIX)[Integrity.name]
        head = chain_head(cursor, LIVE_PREFIX)
    covered = max(tracked.position, head.position if head else 0)
    stopped = None
    if tracked.error is not None:
        stopped = f"stopped at position {tracked.error_position}: {tracked.error}"
    return covered, head, stopped
