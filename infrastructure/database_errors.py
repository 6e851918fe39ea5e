"""Which errors mean "the database cannot serve this now": answer 503, retry later.

One classification for every place that turns errors into answers (the HTTP
error handlers, ASGI middleware, /ready). True for an unreachable or restarting
server, a timed-out pool checkout, a lock or statement timeout, a lost
connection, SQLite's "database is locked" — from psycopg, psycopg_pool,
sqlite3 or the `eventsourcing` library, which re-raises them as its own
exceptions `from` the driver's. False for bugs and bad data (a DataError, an
IntegrityError, a missing table): those are not cured by waiting.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import psycopg
from eventsourcing.persistence import ConnectionUnavailableError

# What a 503 says in Retry-After: about the bound a request waits, so a client
# that retries at once does not pile onto a database that is coming back.
RETRY_AFTER_SECONDS = 2

# SQLSTATE classes and codes that clear by themselves: connection exception,
# transaction rollback (deadlock, serialization), insufficient resources,
# operator intervention (statement timeout, shutdown, starting up), system
# error; and lock_not_available (lock_timeout).
_TRANSIENT_CLASSES = frozenset({"08", "40", "53", "57", "58"})
_TRANSIENT_CODES = frozenset({"55P03"})
# SQLite primary result codes (the low byte of an extended code): another
# connection held the lock past the busy timeout.
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6
_SQLITE_LOCKED_MESSAGES = ("database is locked", "database table is locked", "database is busy")


def is_database_unavailable(error: BaseException) -> bool:
    """Does `error` mean the database is unavailable for now (503, Retry-After)?"""
    if isinstance(error, BaseExceptionGroup):
        return all(is_database_unavailable(e) for e in error.exceptions)
    return any(_is_transient(link) for link in _chain(error))


def _chain(error: BaseException) -> Iterator[BaseException]:
    """The error and the errors it was raised `from` (wrappers name the cause)."""
    seen: set[int] = set()
    link: BaseException | None = error
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        yield link
        link = link.__cause__


def _is_transient(error: BaseException) -> bool:
    if isinstance(error, psycopg.Error):
        if error.sqlstate is None:  # raised by the client: no server, no connection, no pool
            return isinstance(error, psycopg.OperationalError)
        return error.sqlstate[:2] in _TRANSIENT_CLASSES or error.sqlstate in _TRANSIENT_CODES
    if isinstance(error, sqlite3.OperationalError):
        code = getattr(error, "sqlite_errorcode", None)
        if code is not None:
            return code & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED)
        return str(error).startswith(_SQLITE_LOCKED_MESSAGES)
    # The library's own pool (SQLite) found no free connection in time.
    return isinstance(error, ConnectionUnavailableError)
