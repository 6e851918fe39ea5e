"""Tables LaborBridge owns beside the event store (created if absent)."""

from __future__ import annotations

from infrastructure.sql import SqlDatabase

STATEMENTS = (
    """CREATE TABLE IF NOT EXISTS access_tokens (
        token_id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        user_name TEXT NOT NULL,
        role TEXT NOT NULL,
        office TEXT NOT NULL,
        created_at TEXT NOT NULL,
        revoked_at TEXT
    )""",
    """CREATE TABLE IF NOT EXISTS idempotency_records (
        namespace TEXT NOT NULL,
        idempotency_key TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        created_at TEXT NOT NULL,
        status INTEGER,
        headers TEXT,
        body TEXT,
        PRIMARY KEY (namespace, idempotency_key)
    )""",
    "CREATE INDEX IF NOT EXISTS idempotency_records_created_at ON idempotency_records (created_at)",
)


def create_tables(db: SqlDatabase) -> None:
    with db.transaction() as cursor:
        if db.is_postgres:
            # Two processes starting at once must not race on CREATE TABLE.
            cursor.execute("SELECT pg_advisory_xact_lock(7305202611)")
        for statement in STATEMENTS:
            cursor.execute(statement)
