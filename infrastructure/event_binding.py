"""At start: from which log position must every stored event be bound to its place?

A database whose first event is bound (LBE2), or that has no event yet, accepts
no unbound payload anywhere: the answer is 0, read from the data itself, so no
table can be edited to lift it. A database that began before binding existed
(its first event is LBE1) accepts unbound payloads only before the position of
its first bound event. That position is decided once, at the first start of a
version that binds (before it writes anything: the head of the log + 1), and
kept in the table `event_binding`; if that row is lost it is found again in the
stored events (the first LBE2 one). A process of an older version must not
write after that (stop them all before starting the new one).

`bind_journey` gives an Application's mapper that position, and a way to find
the position of an event read by record id, so a damaged record is named with
its place in the log.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from eventsourcing.persistence import ApplicationRecorder
from eventsourcing.sqlite import SQLiteDatastore
from psycopg import sql

from application.journey import Journey
from infrastructure.bound_mapper import BoundMapper
from infrastructure.encryption import BOUND_MAGIC, is_bound, key_id_of
from infrastructure.sql import Cursor, SqlDatabase

TABLE = (
    "CREATE TABLE IF NOT EXISTS event_binding (scheme TEXT PRIMARY KEY,"
    " unbound_before BIGINT NOT NULL, decided_at TEXT NOT NULL)"
)
SCHEME = BOUND_MAGIC.decode("ascii")


def bind_journey(journey: Journey, db: SqlDatabase) -> None:
    """Tell the Application's mapper which events may be unbound, and how to
    find an event's log position."""
    mapper = journey.mapper
    if not isinstance(mapper, BoundMapper):
        return
    table = str(getattr(journey.recorder, "events_table_name", "stored_events"))
    mapper.unbound_before = unbound_before(db, journey.recorder, table)
    mapper.locate = LogPositions(journey.recorder)


def unbound_before(db: SqlDatabase, recorder: ApplicationRecorder, events_table: str) -> int:
    """The first log position from which every stored event must be bound
    (0: all of them)."""
    first = recorder.select_notifications(start=None, limit=1)
    if not first or is_bound(first[0].state) or key_id_of(first[0].state) is None:
        return 0  # started bound (or empty; or plaintext, which the key check refuses)
    head = int(recorder.max_notification_id() or 0)
    with db.transaction() as cursor:
        if db.is_postgres:
            # Processes starting at once: one decides at a time (as in key_check.py).
            cursor.execute("SELECT pg_advisory_xact_lock(7305202614)")
        cursor.execute(TABLE)
        cursor.execute("SELECT unbound_before FROM event_binding WHERE scheme = %s", (SCHEME,))
        row = cursor.fetchone()
        if row is not None:
            return int(row[0])
        boundary = first_bound_position(cursor, db.is_postgres, events_table) or head + 1
        cursor.execute(
            "INSERT INTO event_binding (scheme, unbound_before, decided_at) VALUES (%s, %s, %s)",
            (SCHEME, boundary, datetime.now(UTC).isoformat()),
        )
    return boundary


def first_bound_position(cursor: Cursor, postgres: bool, events_table: str) -> int | None:
    """The position of the first bound (LBE2) event, reading the whole table
    (only when the decision was lost)."""
    position = "notification_id" if postgres else "rowid"
    cursor.execute(
        f"SELECT MIN({position}) FROM {events_table}"  # noqa: S608 - names are ours
        " WHERE substr(state, 1, %s) = %s",
        (len(BOUND_MAGIC), BOUND_MAGIC),
    )
    row = cursor.fetchone()
    return int(row[0]) if row and row[0] is not None else None


class LogPositions:
    """An event's log position by record id and version (the events table's
    primary key), through the event store's own connections."""

    def __init__(self, recorder: ApplicationRecorder) -> None:
        self.datastore: Any = getattr(recorder, "datastore", None)
        self.table = str(getattr(recorder, "events_table_name", "stored_events"))

    def __call__(self, record_id: UUID | str, version: int) -> int | None:
        if self.datastore is None:
            return None
        try:
            if isinstance(self.datastore, SQLiteDatastore):
                return self._sqlite(record_id, version)
            return self._postgres(record_id, version)
        except Exception:  # only names a damaged record: a failed look-up must not hide it
            return None

    def _sqlite(self, record_id: UUID | str, version: int) -> int | None:
        # As the library stores ids on SQLite: a UUID's 32 hex digits.
        key = record_id.hex if isinstance(record_id, UUID) else record_id
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(
                f"SELECT rowid FROM {self.table}"  # noqa: S608 - the library's table name
                " WHERE originator_id = ? AND originator_version = ?",
                (key, version),
            )
            row = cursor.fetchone()
        return int(row[0]) if row is not None else None

    def _postgres(self, record_id: UUID | str, version: int) -> int | None:
        statement = sql.SQL(
            "SELECT notification_id FROM {}.{} WHERE originator_id = %s AND originator_version = %s"
        ).format(sql.Identifier(self.datastore.schema), sql.Identifier(self.table))
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(statement, (record_id, version))
            row = cursor.fetchone()
        return int(row["notification_id"]) if row is not None else None
