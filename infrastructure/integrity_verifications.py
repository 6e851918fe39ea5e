"""The outcome of each integrity verification, kept for `GET /audit/integrity`.

Not a read model: verifications are facts about the database at a moment
(they cannot be rebuilt from the log), so this table lives beside the
event store, like the access tokens, and `projections rebuild` leaves it alone.
"""

from __future__ import annotations

import secrets
from dataclasses import astuple, dataclass, fields

from infrastructure.sql import Cursor, SqlDatabase

TABLE = "integrity_verifications"
DDL = f"""CREATE TABLE IF NOT EXISTS {TABLE} (
    verification_id TEXT PRIMARY KEY,
    verified_at TEXT NOT NULL,
    log_head BIGINT NOT NULL,
    chain_position BIGINT NOT NULL,
    chain_hash TEXT,
    checked BIGINT NOT NULL,
    uncovered BIGINT NOT NULL,
    intact INTEGER NOT NULL,
    first_bad_position BIGINT,
    first_bad_kind TEXT,
    detail TEXT,
    checkpoint_position BIGINT,
    checkpoint_ok INTEGER
)"""
_INDEX = f"CREATE INDEX IF NOT EXISTS {TABLE}_verified_at ON {TABLE} (verified_at)"


@dataclass(frozen=True)
class Verification:
    verified_at: str  # ISO 8601 UTC with microseconds, so text order is time order
    log_head: int
    chain_position: int  # the chain's head: compared up to here
    chain_hash: str | None
    checked: int
    uncovered: int  # events after the chain's head, not yet chained
    intact: bool  # the log matches the chain, and the checkpoint if one was given
    first_bad_position: int | None
    first_bad_kind: str | None  # changed | deleted | inserted | damaged | checkpoint
    detail: str | None
    checkpoint_position: int | None  # None: no checkpoint was checked
    checkpoint_ok: bool | None


_NAMES = [f.name for f in fields(Verification)]


def create_verification_table(db: SqlDatabase) -> None:
    with db.transaction() as cursor:
        if db.is_postgres:
            cursor.execute("SELECT pg_advisory_xact_lock(7305202613)")
        cursor.execute(DDL)
        cursor.execute(_INDEX)


def record_verification(db: SqlDatabase, verification: Verification) -> None:
    create_verification_table(db)
    # Booleans as INTEGER 0/1, as in every table here.
    values = [int(v) if isinstance(v, bool) else v for v in astuple(verification)]
    with db.transaction() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} (verification_id, {', '.join(_NAMES)})"  # noqa: S608
            f" VALUES ({', '.join(['%s'] * (len(_NAMES) + 1))})",
            [secrets.token_hex(8), *values],
        )


def last_verification(db: SqlDatabase) -> Verification | None:
    """The latest verification, or None if there has been none."""
    with db.transaction(write=False) as cursor:
        if not _table_exists(cursor, db.is_postgres):
            return None
        cursor.execute(
            f"SELECT {', '.join(_NAMES)} FROM {TABLE}"  # noqa: S608
            " ORDER BY verified_at DESC LIMIT 1"
        )
        row = cursor.fetchone()
    if row is None:
        return None
    values = dict(zip(_NAMES, row, strict=True))
    for name in ("intact", "checkpoint_ok"):
        values[name] = None if values[name] is None else bool(values[name])
    return Verification(**values)


def _table_exists(cursor: Cursor, postgres: bool) -> bool:
    cursor.execute(
        "SELECT to_regclass(%s) IS NOT NULL"
        if postgres
        else "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = %s",
        (TABLE,),
    )
    row = cursor.fetchone()
    return bool(row and row[0])
