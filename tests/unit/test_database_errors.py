"""One classification of database errors: unavailable for now (503) or not."""

from __future__ import annotations

import socket
import sqlite3
from pathlib import Path

import psycopg
import psycopg.errors as pg
import psycopg_pool
import pytest
from eventsourcing import persistence as es

from infrastructure.database_errors import is_database_unavailable


def _wrapped(cause: Exception, wrapper: type[es.PersistenceError]) -> es.PersistenceError:
    """The error as the library re-raises it: its own class, `from` the driver's."""
    try:
        raise wrapper(str(cause)) from cause
    except es.PersistenceError as error:
        return error


def _refused_connection() -> psycopg.OperationalError:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nobody listens here once the socket is closed
    with pytest.raises(psycopg.OperationalError) as refused:
        psycopg.connect(host="127.0.0.1", port=port, dbname="x", connect_timeout=2)
    return refused.value


def _sqlite_locked(tmp_path: Path) -> sqlite3.OperationalError:
    holder = sqlite3.connect(tmp_path / "x.db", isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    waiter = sqlite3.connect(tmp_path / "x.db", timeout=0, isolation_level=None)
    try:
        with pytest.raises(sqlite3.OperationalError) as locked:
            waiter.execute("BEGIN IMMEDIATE")
        return locked.value
    finally:
        waiter.close()
        holder.close()


def _sqlite_without_table() -> sqlite3.OperationalError:
    with pytest.raises(sqlite3.OperationalError) as missing:
        sqlite3.connect(":memory:").execute("SELECT * FROM nowhere")
    return missing.value


UNAVAILABLE = [
    psycopg_pool.PoolTimeout("couldn't get a connection after 2.00 sec"),
    psycopg_pool.TooManyRequests("the pool has already 10 requests waiting"),
    psycopg.OperationalError("consuming input failed: server closed the connection"),
    pg.LockNotAvailable("canceling statement due to lock timeout"),
    pg.QueryCanceled("canceling statement due to statement timeout"),
    pg.AdminShutdown("terminating connection due to administrator command"),
    pg.CannotConnectNow("the database system is starting up"),
    pg.TooManyConnections("sorry, too many clients already"),
    pg.DeadlockDetected("deadlock detected"),
    pg.ConnectionFailure("connection failure"),
    es.ConnectionUnavailableError("timed out waiting for a connection"),
]
NOT_UNAVAILABLE = [
    psycopg.DataError("invalid input syntax"),
    psycopg.IntegrityError("duplicate key"),
    pg.UniqueViolation("duplicate key value violates unique constraint"),
    pg.UndefinedTable('relation "nowhere" does not exist'),
    pg.NumericValueOutOfRange("integer out of range"),
    pg.InvalidCatalogName('database "x" does not exist'),
    psycopg.InterfaceError("the cursor is closed"),
    sqlite3.IntegrityError("UNIQUE constraint failed"),
    es.OperationalError("Can't do multi-row tracking with single-row tracking table"),
    es.IntegrityError("version conflict"),
    ValueError("not a database error"),
]


@pytest.mark.parametrize("error", UNAVAILABLE, ids=lambda e: type(e).__name__)
def test_unreachable_timed_out_or_locked_is_unavailable_also_as_the_library_wraps_it(
    error: Exception,
) -> None:
    assert is_database_unavailable(error)
    assert is_database_unavailable(_wrapped(error, es.OperationalError))


@pytest.mark.parametrize("error", NOT_UNAVAILABLE, ids=lambda e: type(e).__name__)
def test_bugs_and_bad_data_are_not_unavailable_also_as_the_library_wraps_them(
    error: Exception,
) -> None:
    assert not is_database_unavailable(error)
    assert not is_database_unavailable(_wrapped(error, es.DatabaseError))


def test_a_refused_connection_is_unavailable() -> None:
    refused = _refused_connection()
    assert is_database_unavailable(refused)
    assert is_database_unavailable(_wrapped(refused, es.OperationalError))


def test_sqlite_locked_is_unavailable_and_a_missing_table_is_not(tmp_path: Path) -> None:
    locked = _sqlite_locked(tmp_path)
    assert "locked" in str(locked)
    assert is_database_unavailable(locked)
    assert is_database_unavailable(_wrapped(locked, es.OperationalError))
    missing = _sqlite_without_table()
    assert not is_database_unavailable(missing)
    assert not is_database_unavailable(_wrapped(missing, es.OperationalError))


def test_a_group_is_unavailable_only_if_all_its_errors_are() -> None:
    timeout = psycopg_pool.PoolTimeout("timeout")
    assert is_database_unavailable(ExceptionGroup("x", [timeout, pg.QueryCanceled("x")]))
    assert not is_database_unavailable(ExceptionGroup("x", [timeout, ValueError("bug")]))
