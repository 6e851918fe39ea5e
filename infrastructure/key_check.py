"""At start: does the configured key ring fit this database?

A table `encryption_keys` holds, for every key id that has been the current key,
an AES-GCM encryption of a constant made with that key: a key given under a known
id but with other bytes fails to decrypt it, so a wrong key is refused before
anything is read or written with it. A key id that is registered here but no
longer in the ring is forgotten if no stored event uses it (the key was
retired), and refused otherwise. The first and last stored events are decrypted
too; a first event without the key header means the events were stored in clear.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import UTC, datetime

from eventsourcing.persistence import ApplicationRecorder

from infrastructure.encryption import (
    BOUND_MAGIC,
    MAGIC,
    SETTING,
    KeyRing,
    UndecryptableData,
    event_binding,
    header,
    is_bound,
    key_id_of,
)
from infrastructure.sql import Cursor, SqlDatabase

CHECK_PLAINTEXT = b"LaborBridge key check"
TABLE = (
    "CREATE TABLE IF NOT EXISTS encryption_keys (key_id TEXT PRIMARY KEY,"
    " check_value TEXT NOT NULL, created_at TEXT NOT NULL)"
)
PLAINTEXT_DATABASE = (
    "this database's events are not encrypted (they were stored before encryption at"
    " rest); LaborBridge will not run on it: start on a new, empty database"
    " (LABORBRIDGE_DATABASE_URL) and load the data again"
    " (docs/operations.md: Personal data at rest)"
)


class EncryptionRefused(Exception):
    """The key ring does not fit this database: the process must not start."""


@dataclass(frozen=True)
class KeyUsage:
    key_id: str  # or "(plaintext)", "(other key)"
    in_ring: str  # "current", "decrypt only", "MISSING" or "-"
    events: int


def verify_key_ring(
    ring: KeyRing, db: SqlDatabase, recorder: ApplicationRecorder, events_table: str
) -> None:
    """Refuse (EncryptionRefused, one sentence) a ring that cannot read this database."""
    check = base64.b64encode(ring.encrypt(CHECK_PLAINTEXT)).decode("ascii")
    with db.transaction() as cursor:
        _create_table(cursor, db.is_postgres)
        cursor.execute("SELECT key_id FROM encryption_keys")
        known = {str(row[0]) for row in cursor.fetchall()}
        _check_stored_events(ring, recorder, known)
        cursor.execute(
            "INSERT INTO encryption_keys (key_id, check_value, created_at) VALUES (%s, %s, %s)"
            " ON CONFLICT DO NOTHING",
            (ring.current_id, check, datetime.now(UTC).isoformat()),
        )
        cursor.execute("SELECT key_id, check_value FROM encryption_keys ORDER BY created_at")
        for key_id, value in [(str(k), str(v)) for k, v in cursor.fetchall()]:
            if ring.key(key_id) is not None:
                _check_value_decrypts(ring, key_id, value)
            else:
                _retire_or_refuse(cursor, events_table, key_id)


def _check_stored_events(ring: KeyRing, recorder: ApplicationRecorder, known: set[str]) -> None:
    """The first and last events: encrypted at all, with keys of the ring. An
    event whose key has no key check here (the table was lost) is decrypted."""
    last = recorder.max_notification_id()
    if not last:
        return
    ends = [
        *recorder.select_notifications(start=None, limit=1),
        *recorder.select_notifications(start=last, limit=1),
    ]
    if key_id_of(ends[0].state) is None:
        raise EncryptionRefused(PLAINTEXT_DATABASE)
    for notification in ends:
        key_id = key_id_of(notification.state)
        if key_id is not None and ring.key(key_id) is not None and key_id in known:
            continue  # the key check below proves the key
        binding = None
        if is_bound(notification.state):
            binding = event_binding(
                notification.originator_id, notification.originator_version, notification.topic
            )
        try:
            ring.decrypt(notification.state, binding=binding)
        except UndecryptableData as error:
            raise EncryptionRefused(
                f"the stored event at position {notification.id} cannot be read: {error}"
            ) from None


def _check_value_decrypts(ring: KeyRing, key_id: str, value: str) -> None:
    try:
        ok = ring.decrypt(base64.b64decode(value)) == CHECK_PLAINTEXT
    except (UndecryptableData, ValueError):
        ok = False
    if not ok:
        raise EncryptionRefused(
            f"{SETTING}: key {key_id!r} is not the key this database knows by that id"
            " (its key check does not decrypt); give the key it was created with"
        )


def _retire_or_refuse(cursor: Cursor, events_table: str, key_id: str) -> None:
    used = count_events_with_key(cursor, events_table, key_id)
    if used:
        raise EncryptionRefused(
            f"{used} stored events are encrypted with key {key_id!r}, which is not in"
            f" {SETTING}; put it back in the ring (after the current key)"
        )
    cursor.execute("DELETE FROM encryption_keys WHERE key_id = %s", (key_id,))


def count_events_with_key(cursor: Cursor, events_table: str, key_id: str) -> int:
    """Events encrypted with the key, in either form (bound LBE2 or old LBE1)."""
    unbound, bound = header(key_id), header(key_id, bound=True)
    return _count(
        cursor,
        f"SELECT count(*) FROM {events_table} WHERE substr(state, 1, %s) IN (%s, %s)",  # noqa: S608
        (len(unbound), unbound, bound),
    )


def key_usage(ring: KeyRing, db: SqlDatabase, events_table: str) -> list[KeyUsage]:
    """Stored events per key id: the ring's keys, keys registered here but not in
    the ring, then "plaintext" and "unknown" (another key id) if there are any."""
    with db.transaction() as cursor:
        _create_table(cursor, db.is_postgres)
        cursor.execute("SELECT key_id FROM encryption_keys ORDER BY created_at")
        registered = [str(row[0]) for row in cursor.fetchall()]
        usage = []
        for key_id in [*ring.ids, *(k for k in registered if k not in ring.ids)]:
            in_ring = "current" if key_id == ring.current_id else "decrypt only"
            used = count_events_with_key(cursor, events_table, key_id)
            usage.append(KeyUsage(key_id, in_ring if key_id in ring.ids else "MISSING", used))
        plaintext = _count(
            cursor,
            f"SELECT count(*) FROM {events_table}"  # noqa: S608
            " WHERE substr(state, 1, %s) NOT IN (%s, %s)",
            (len(MAGIC), MAGIC, BOUND_MAGIC),
        )
        total = _count(cursor, f"SELECT count(*) FROM {events_table}")  # noqa: S608
    unknown = total - plaintext - sum(u.events for u in usage)
    extra = [KeyUsage("(plaintext)", "-", plaintext), KeyUsage("(other key)", "MISSING", unknown)]
    return usage + [u for u in extra if u.events]


def _count(cursor: Cursor, statement: str, params: tuple[object, ...] = ()) -> int:
    cursor.execute(statement, params)
    row = cursor.fetchone()
    return int(row[0]) if row else 0


def _create_table(cursor: Cursor, postgres: bool) -> None:
    if postgres:
        # Processes starting at once: one creates the table and registers a key
        # at a time (the same lock as schema.py's).
        cursor.execute("SELECT pg_advisory_xact_lock(7305202611)")
    cursor.execute(TABLE)
