"""Many events saved at once, written with one binary COPY (PostgreSQL).

The library inserts a save's events as one array of composite rows, which
psycopg renders as text, value by value, in Python: for a batch of thousands of
events (a ledger import's) that rendering takes longer than everything the
server does. COPY in binary form sends the same four values of each row as
they are. Everything else is the library's: the events table locked in
EXCLUSIVE mode first (so log positions commit in order, and no one else
inserts until this commits), NOTIFY, one transaction, a duplicate (record id,
version) raising IntegrityError and writing nothing.

COPY returns no rows; the positions are read back after it. With the table
locked, the rows above the last position before the COPY are this
transaction's, in the order written (the sequence hands values out in order).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing import postgres
from eventsourcing.persistence import ProgrammingError, StoredEvent
from psycopg.sql import SQL, Identifier

# Below this many events a save takes the library's pipelined INSERT: its one
# round trip costs less than COPY's three (the mark, the COPY, the positions).
COPY_FROM_EVENTS = 200


class CopiedInsert(postgres.PostgresApplicationRecorder):
    """A mixin for the application and process recorders."""

    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        # A tracking record (a commit marker, a processed position) goes in
        # with the events: the library's path writes both.
        if (
            len(stored_events) < COPY_FROM_EVENTS
            or kwargs.get("tracking") is not None
            or self.datastore.enable_db_functions
        ):
            return _library_insert(self, stored_events, **kwargs)
        return self._copy_events(stored_events)

    def _copy_events(self, stored_events: Sequence[StoredEvent]) -> list[int]:
        table = SQL("{0}.{1}").format(
            Identifier(self.datastore.schema), Identifier(self.events_table_name)
        )
        with self.datastore.get_connection() as conn, conn.transaction(), conn.cursor() as curs:
            self._lock_table(curs)
            self._notify_channel(curs)
            curs.execute(SQL("SELECT max(notification_id) AS last FROM {0}").format(table))
            found = curs.fetchone()
            before = (found["last"] if found else None) or 0
            copy = SQL(
                "COPY {0} (originator_id, originator_version, topic, state)"
                " FROM STDIN (FORMAT BINARY)"
            ).format(table)
            with curs.copy(copy) as rows:
                rows.set_types([self.datastore.originator_id_type, "int8", "text", "bytea"])
                for event in stored_events:
                    rows.write_row(
                        (event.originator_id, event.originator_version, event.topic, event.state)
                    )
            curs.execute(
                SQL(
                    "SELECT notification_id FROM {0} WHERE notification_id > %s"
                    " ORDER BY notification_id"
                ).format(table),
                (before,),
            )
            positions = [row["notification_id"] for row in curs.fetchall()]
        if len(positions) != len(stored_events):  # someone wrote past the lock: never silently
            raise ProgrammingError(
                f"copied {len(stored_events)} events but found {len(positions)} new positions"
            )
        return positions


def _library_insert(
    recorder: postgres.PostgresApplicationRecorder,
    stored_events: Sequence[StoredEvent],
    **kwargs: Any,
) -> Sequence[int] | None:
    # The library's method without its ten retries (event_store_postgres.tried_once).
    method = postgres.PostgresApplicationRecorder.insert_events
    unwrapped = getattr(method, "__wrapped__", method)
    return unwrapped(recorder, stored_events, **kwargs)  # type: ignore[no-any-return]
