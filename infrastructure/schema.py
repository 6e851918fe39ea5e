"""Tables LaborBridge owns beside the event store (created if absent)."""

from __future__ import annotations

from datetime import UTC, datetime

from infrastructure.sql import Cursor, SqlDatabase
from infrastructure.token_lifetime import DEFAULT_LIFETIME, parse_lifetime

STATEMENTS = (
    """CREATE TABLE IF NOT EXISTS access_tokens (
        token_id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        user_name TEXT NOT NULL,
        role TEXT NOT NULL,
        office TEXT NOT NULL,
        created_at TEXT NOT NULL,
        revoked_at TEXT,
        expires_at TEXT
    )""",
    """CREATE TABLE IF NOT EXISTS idempotency_records (
        namespace TEXT NOT NULL,
        idempotency_key TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        created_at TEXT NOT NULL,
        status INTEGER,
        headers TEXT,
        body TEXT,
        digest TEXT,
        owner TEXT,
        lease_until TEXT,
        PRIMARY KEY (namespace, idempotency_key)
    )""",
    "CREATE INDEX IF NOT EXISTS idempotency_records_created_at ON idempotency_records (created_at)",
    # Staff who sign in to the pages (staff_accounts.py): only the password's hash.
    """CREATE TABLE IF NOT EXISTS staff_accounts (
        user_name TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL,
        office TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        disabled_at TEXT,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT
    )""",
    # Every sign-in attempt and sign-out, for auditors; `at` has microseconds.
    """CREATE TABLE IF NOT EXISTS staff_sign_ins (
        at TEXT NOT NULL,
        user_name TEXT NOT NULL,
        outcome TEXT NOT NULL,
        source TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS staff_sign_ins_at ON staff_sign_ins (at)",
    "CREATE INDEX IF NOT EXISTS staff_sign_ins_user_at ON staff_sign_ins (user_name, at)",
    # Web sessions (staff_sessions.py), by the hash of the cookie's secret.
    """CREATE TABLE IF NOT EXISTS staff_sessions (
        session_hash TEXT PRIMARY KEY,
        user_name TEXT NOT NULL,
        csrf_token TEXT NOT NULL,
        started_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS staff_sessions_user_name ON staff_sessions (user_name)",
    # Evidence files by the SHA-256 of their bytes (evidence_files.py): `content`
    # is AES-GCM ciphertext bound to the hash. BYTEA is PostgreSQL's bytes type;
    # SQLite takes any type name and stores the bytes as a BLOB unchanged.
    """CREATE TABLE IF NOT EXISTS evidence_files (
        sha256 TEXT PRIMARY KEY,
        media_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        stored_at TEXT NOT NULL,
        content BYTEA NOT NULL
    )""",
    # Changes to staff accounts and tokens, for auditors (staff_changes.py): no secrets.
    """CREATE TABLE IF NOT EXISTS staff_changes (
        at TEXT NOT NULL,
        by_user TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT NOT NULL,
        detail TEXT
    )""",
    "CREATE INDEX IF NOT EXISTS staff_changes_at ON staff_changes (at)",
    # Accounts whose password an administrator chose (a first or reset password):
    # the person must replace it before any other page (staff_accounts.py).
    """CREATE TABLE IF NOT EXISTS staff_first_passwords (
        user_name TEXT PRIMARY KEY,
        set_at TEXT NOT NULL
    )""",
    # Ledger imports and what each found (ledger_imports.py): counts, never a
    # name or an ID number; a problem's value is masked where it is personal.
    """CREATE TABLE IF NOT EXISTS ledger_imports (
        import_id TEXT PRIMARY KEY,
        office TEXT NOT NULL,
        by_user TEXT NOT NULL,
        mode TEXT NOT NULL,
        ledger_sha256 TEXT NOT NULL,
        status TEXT NOT NULL,
        started_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        finished_at TEXT,
        rows_total INTEGER NOT NULL DEFAULT 0,
        rows_done INTEGER NOT NULL DEFAULT 0,
        counts TEXT,
        failure TEXT
    )""",
    "CREATE INDEX IF NOT EXISTS ledger_imports_office ON ledger_imports (office, started_at)",
    """CREATE TABLE IF NOT EXISTS ledger_import_problems (
        import_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        sheet TEXT NOT NULL,
        row_number INTEGER NOT NULL,
        column_key TEXT,
        value TEXT NOT NULL,
        reason_zh TEXT NOT NULL,
        reason_en TEXT NOT NULL,
        PRIMARY KEY (import_id, seq)
    )""",
)

# Columns added since a table was first created: (table, column, type).
ADDED_COLUMNS = (
    ("idempotency_records", "digest", "TEXT"),
    ("idempotency_records", "owner", "TEXT"),
    ("idempotency_records", "lease_until", "TEXT"),
    # A wider scope than the office (province:37, pair:500237-370600, all), for
    # auditors and mediators; NULL: the office alone.
    ("access_tokens", "scope", "TEXT"),
    ("staff_accounts", "scope", "TEXT"),
)


def create_tables(db: SqlDatabase) -> None:
    with db.transaction() as cursor:
        if db.is_postgres:
            # Two processes starting at once must not race on CREATE TABLE.
            cursor.execute("SELECT pg_advisory_xact_lock(7305202611)")
        for statement in STATEMENTS:
            cursor.execute(statement)
        for table, column, kind in ADDED_COLUMNS:
            if column not in _columns(cursor, table, db.is_postgres):
                cursor.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
        _give_tokens_an_expiry(cursor, postgres=db.is_postgres)


def _give_tokens_an_expiry(cursor: Cursor, *, postgres: bool) -> None:
    """A database made before tokens expired has no `expires_at`: add it, and
    let the tokens already issued run the default lifetime from now. They keep
    working, and stop unless re-issued, like any new token.

    Runs inside create_tables' transaction, which holds the advisory lock on
    PostgreSQL and the write lock on SQLite: of two processes starting at once,
    the second finds the column there and does nothing."""
    if "expires_at" in _columns(cursor, "access_tokens", postgres):
        return
    cursor.execute("ALTER TABLE access_tokens ADD COLUMN expires_at TEXT")
    until = datetime.now(UTC) + parse_lifetime(DEFAULT_LIFETIME)
    cursor.execute("UPDATE access_tokens SET expires_at = %s", (until.isoformat(),))


def _columns(cursor: Cursor, table: str, is_postgres: bool) -> set[str]:
    if is_postgres:
        cursor.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_name = %s AND table_schema = current_schema()",
            (table,),
        )
    else:
        cursor.execute(f"SELECT name FROM pragma_table_info('{table}')")  # noqa: S608 - a fixed name
    return {str(row[0]) for row in cursor.fetchall()}
