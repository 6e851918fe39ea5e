"""Reading the commit markers that commands leave in the event store's tracking
table (application/idempotency.py), and the log position of what they recorded."""

from __future__ import annotations

from uuid import UUID

from application.idempotency import MARKER_PREFIX, marker_pattern, record_of_marker
from application.views import Recorded
from infrastructure.settings import DatabaseURL
from infrastructure.sql import Cursor


class CommitMarkers:
    """The library names its tables after the Application (`laborbridge_…` on
    PostgreSQL) or not at all (SQLite: one file per application)."""

    def __init__(self, url: DatabaseURL) -> None:
        self.is_postgres = url.is_postgres
        self.tracking = "laborbridge_tracking" if url.is_postgres else "tracking"

    def committed(self, cursor: Cursor, digest: str) -> Recorded | None:
        """What the request named by `digest` recorded, if its command committed."""
        cursor.execute(
            f"SELECT application_name, notification_id FROM {self.tracking}"  # noqa: S608 - a fixed name
            " WHERE application_name LIKE %s",
            (marker_pattern(digest),),
        )
        row = cursor.fetchone()
        if row is None:
            return None
        record_id, version = record_of_marker(str(row[0])), int(row[1])
        return Recorded(record_id, version, self._position(cursor, record_id, version))

    def forget(self, cursor: Cursor, digest: str) -> None:
        """Once the answer itself is kept, the marker has done its work."""
        cursor.execute(
            f"DELETE FROM {self.tracking} WHERE application_name LIKE %s",  # noqa: S608
            (marker_pattern(digest),),
        )

    def forget_all_but(self, cursor: Cursor, kept_digests_query: str) -> None:
        """Drop markers of requests whose reservations have expired."""
        start = len(MARKER_PREFIX) + 1
        cursor.execute(
            f"DELETE FROM {self.tracking} WHERE application_name LIKE %s"  # noqa: S608
            f" AND substr(application_name, {start}, 64) NOT IN ({kept_digests_query})",
            (MARKER_PREFIX + "%",),
        )

    def _position(self, cursor: Cursor, record_id: UUID, version: int) -> int:
        if self.is_postgres:
            cursor.execute(
                "SELECT notification_id FROM laborbridge_events"
                " WHERE originator_id = %s AND originator_version = %s",
                (record_id, version),
            )
        else:
            cursor.execute(
                "SELECT rowid FROM stored_events"
                " WHERE originator_id = %s AND originator_version = %s",
                (record_id.hex, version),
            )
        row = cursor.fetchone()
        return int(row[0]) if row else 0
