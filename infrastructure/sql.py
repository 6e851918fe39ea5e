"""A small SQL gateway over SQLite or PostgreSQL for the tables we own.

The event store belongs to the `eventsourcing` library; access tokens and
idempotency records live beside it in the same database. SQL is written once
with `%s` placeholders and the portable subset both databases understand.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, Protocol

import psycopg
from psycopg_pool import ConnectionPool

from infrastructure.database_timeouts import DatabaseTimeouts
from infrastructure.postgres_pools import bounded_pool
from infrastructure.settings import DatabaseURL
from infrastructure.sqlite_files import prepare_database_file

Row = tuple[Any, ...]
# A caller with no bound of its own: waits 5 s for a connection, no statement limit.
PATIENT = DatabaseTimeouts(checkout=5)


class Cursor(Protocol):
    def execute(self, sql: str, params: Sequence[Any] = ()) -> int: ...
    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...
    def copy_rows(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Insert many rows at once (COPY on PostgreSQL)."""

    def fetchall(self) -> list[Row]: ...
    def fetchone(self) -> Row | None: ...


class SqlDatabase(Protocol):
    is_postgres: bool

    def transaction(self, *, write: bool = True) -> AbstractContextManager[Cursor]: ...
    def ping(self) -> None: ...
    def close(self) -> None: ...


class _SqliteCursor:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._cursor = connection.cursor()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        self._cursor.execute(sql.replace("%s", "?"), tuple(params))
        return self._cursor.rowcount

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self._cursor.executemany(sql.replace("%s", "?"), [tuple(r) for r in rows])

    def copy_rows(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        marks = ", ".join("?" * len(columns))
        self._cursor.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",  # noqa: S608
            [tuple(r) for r in rows],
        )

    def fetchall(self) -> list[Row]:
        return self._cursor.fetchall()

    def fetchone(self) -> Row | None:
        row: Row | None = self._cursor.fetchone()
        return row


class SqliteDatabase:
    is_postgres = False

    def __init__(self, path: Path, *, busy_seconds: float = 15.0) -> None:
        self.path = path
        prepare_database_file(path)  # mode 0600 before the first connection
        # How long a writer waits for another's write lock ("database is locked").
        self.busy_seconds = busy_seconds
        self._local = threading.local()

    def _connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(self.path, timeout=self.busy_seconds, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute(f"PRAGMA busy_timeout={round(self.busy_seconds * 1000)}")
            self._local.connection = connection
        return connection

    @contextmanager
    def transaction(self, *, write: bool = True) -> Iterator[_SqliteCursor]:
        connection = self._connection()
        # A writer takes the write lock up front (IMMEDIATE), so two writers never
        # both read "absent" and then both insert; readers do not queue behind
        # writers (WAL lets them read the last committed state).
        connection.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        try:
            yield _SqliteCursor(connection)
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    def ping(self) -> None:
        self._connection().execute("SELECT 1").fetchone()

    def close(self) -> None:
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None


class _PostgresCursor:
    def __init__(self, cursor: psycopg.Cursor[Row]) -> None:
        self._cursor = cursor

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        self._cursor.execute(sql.encode(), tuple(params))
        return self._cursor.rowcount

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self._cursor.executemany(sql.encode(), [tuple(r) for r in rows])

    def copy_rows(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        # COPY streams the rows in one round trip: several times faster than
        # executemany for the insert-only tables of the read side.
        statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        with self._cursor.copy(statement.encode()) as copy:
            for row in rows:
                copy.write_row(row)

    def fetchall(self) -> list[Row]:
        return self._cursor.fetchall()

    def fetchone(self) -> Row | None:
        return self._cursor.fetchone()


class PostgresDatabase:
    is_postgres = True

    def __init__(
        self,
        url: DatabaseURL,
        *,
        max_size: int = 10,
        timeouts: DatabaseTimeouts = PATIENT,
        synchronous_commit: bool = True,
    ) -> None:
        kwargs: dict[str, Any] = {
            "host": url.host,
            "port": url.port,
            "dbname": url.dbname,
            "user": url.user,
            "password": url.password,
        }
        options = [f"-c search_path={url.schema}"] if url.schema else []
        if not synchronous_commit:
            options.append("-c synchronous_commit=off")
        if options:
            kwargs["options"] = " ".join(options)
        # Each checkout is checked (one round trip): a connection the server
        # killed is replaced instead of failing the caller's next statement.
        self._pool = bounded_pool(
            ConnectionPool, timeouts, kwargs=kwargs, min_size=1, max_size=max_size, open=True
        )

    @property
    def pool(self) -> ConnectionPool[Any]:
        """For the operators' figures (/metrics): connections in use, waiting."""
        return self._pool

    @contextmanager
    def transaction(self, *, write: bool = True) -> Iterator[_PostgresCursor]:
        with (
            self._pool.connection() as connection,
            connection.transaction(),
            connection.cursor() as cursor,
        ):
            yield _PostgresCursor(cursor)

    def ping(self) -> None:
        with self._pool.connection() as connection:
            connection.execute("SELECT 1")

    def close(self) -> None:
        self._pool.close()


def open_database(
    url: DatabaseURL,
    timeouts: DatabaseTimeouts | None = None,
    *,
    timeout: float = 5,
    synchronous_commit: bool = True,
) -> SqlDatabase:
    """`timeouts` bound every wait (infrastructure/database_timeouts.py); without
    them a caller waits `timeout` for a connection and has no statement limit.
    `synchronous_commit=False` only for data that can be rebuilt: a crash may
    then lose the last transactions (whole), never half of one."""
    timeouts = timeouts or DatabaseTimeouts(checkout=timeout)
    if url.is_postgres:
        return PostgresDatabase(url, timeouts=timeouts, synchronous_commit=synchronous_commit)
    return SqliteDatabase(url.sqlite_path, busy_seconds=timeouts.sqlite_busy_seconds)
