"""The event store on PostgreSQL with every wait bounded (the PERSISTENCE_MODULE).

The library's recorders retry each call ten times after an operational error
(a lock or statement timeout, a lost server, an empty pool), so one request
would wait ten times its bound; and its LOCK TABLE sets its own lock timeout,
in whole seconds, by default none. Here each call is made once: the caller
decides what next (an HTTP request answers 503 with Retry-After, the projector
tries again shortly). The table lock waits as long as the session's
lock_timeout. The pool is replaced by one from infrastructure/postgres_pools.py.

Keys read from the environment, besides the library's (seconds; empty: no limit):
POSTGRES_CHECKOUT_SECONDS (a pooled connection; default POSTGRES_CONNECT_TIMEOUT),
POSTGRES_STATEMENT_SECONDS, POSTGRES_LOCK_SECONDS.

A save of many events at once (a ledger import's batch) is written with one
binary COPY instead of the library's INSERT of an array of composite rows,
which psycopg renders as text value by value: the same table lock first, the
same NOTIFY, the same rows, in one transaction (event_copy.py).

Each recorder creates its tables under a PostgreSQL advisory lock: processes
starting at once on a new database (two `laborbridge token create`, the API and
the projector) would otherwise race on the library's CREATE TYPE and CREATE
TABLE IF NOT EXISTS ("tuple concurrently updated", a duplicate `pg_type` row)
and on its tracking-table migration check.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import psycopg
from eventsourcing import postgres
from eventsourcing.utils import Environment, EnvType, retry
from psycopg.abc import Query
from psycopg.sql import SQL, Identifier

from infrastructure.database_timeouts import DatabaseTimeouts
from infrastructure.event_copy import CopiedInsert
from infrastructure.postgres_pools import bounded_pool

CHECKOUT_SECONDS = "POSTGRES_CHECKOUT_SECONDS"
STATEMENT_SECONDS = "POSTGRES_STATEMENT_SECONDS"
LOCK_SECONDS = "POSTGRES_LOCK_SECONDS"
# The advisory lock held while the event store's tables are created (LaborBridge's
# own tables take theirs in infrastructure/schema.py and beside each DDL).
EVENT_STORE_LOCK = 7305202610

# The code of the library's retrying wrapper: every method it wraps shares it.
_RETRYING = retry(Exception)(lambda: None).__code__
R = TypeVar("R", bound=type)


def tried_once(cls: R) -> R:
    """`cls` with each of the library's retrying methods replaced by the method
    it wraps (functools.wraps keeps it as `__wrapped__`)."""
    for name in dir(cls):
        method = getattr(cls, name)
        if getattr(method, "__code__", None) is _RETRYING:
            setattr(cls, name, method.__wrapped__)
    return cls


def retried_methods(cls: type) -> list[str]:
    """The methods of `cls` that still retry (none, for the classes below)."""
    return [n for n in dir(cls) if getattr(getattr(cls, n), "__code__", None) is _RETRYING]


def _table_lock(recorder: postgres.PostgresApplicationRecorder) -> list[Query]:
    # The library's statement without its `SET LOCAL lock_timeout`.
    return [
        SQL("LOCK TABLE {0}.{1} IN EXCLUSIVE MODE").format(
            Identifier(recorder.datastore.schema), Identifier(recorder.events_table_name)
        )
    ]


@contextmanager
def _schema_lock(datastore: postgres.PostgresDatastore) -> Iterator[None]:
    """Hold the event store's advisory lock on a connection of its own: the
    library creates types and tables in several transactions, each on a pooled
    connection (a pool may have only one), so no one transaction can hold it."""
    pool = datastore.pool
    assert isinstance(pool.kwargs, dict)  # the Factory below passes its parameters so
    kwargs = {k: v for k, v in pool.kwargs.items() if k != "row_factory"}
    if pool.get_password_func is not None:
        kwargs["password"] = pool.get_password_func()
    with psycopg.connect(**kwargs, autocommit=True) as connection:
        connection.execute("SELECT pg_advisory_lock(%s)", (EVENT_STORE_LOCK,))
        yield  # closing the connection releases the lock, whatever happened


class _CreatedUnderLock(postgres.PostgresRecorder):
    def create_table(self) -> None:
        with _schema_lock(self.datastore):
            super().create_table()


@tried_once
class AggregateRecorder(_CreatedUnderLock, postgres.PostgresAggregateRecorder):
    pass


@tried_once
class ApplicationRecorder(CopiedInsert, _CreatedUnderLock, postgres.PostgresApplicationRecorder):
    def __init__(self, datastore: postgres.PostgresDatastore, **kwargs: Any) -> None:
        super().__init__(datastore, **kwargs)
        self.lock_table_statements = _table_lock(self)


@tried_once
class TrackingRecorder(_CreatedUnderLock, postgres.PostgresTrackingRecorder):
    pass


@tried_once
class ProcessRecorder(CopiedInsert, _CreatedUnderLock, postgres.PostgresProcessRecorder):
    def __init__(self, datastore: postgres.PostgresDatastore, **kwargs: Any) -> None:
        super().__init__(datastore, **kwargs)
        self.lock_table_statements = _table_lock(self)


class Factory(postgres.PostgresFactory):
    aggregate_recorder_class = AggregateRecorder
    application_recorder_class = ApplicationRecorder
    tracking_recorder_class = TrackingRecorder
    process_recorder_class = ProcessRecorder

    def __init__(self, env: Environment | EnvType | None) -> None:
        super().__init__(env)
        # The library's pool was made but never opened: swap it for a bounded one.
        unopened = self.datastore.pool
        assert isinstance(unopened.kwargs, dict)  # the library passes its parameters so
        self.datastore.pool = bounded_pool(
            postgres.ConnectionPool,
            self._timeouts(unopened.timeout),
            get_password_func=unopened.get_password_func,
            connection_class=unopened.connection_class,
            kwargs=dict(unopened.kwargs),
            min_size=unopened.min_size,
            max_size=unopened.max_size,
            open=False,
            configure=self.datastore.after_connect_func(),
            max_waiting=unopened.max_waiting,
            max_lifetime=unopened.max_lifetime,
        )

    def _timeouts(self, connect_timeout: float) -> DatabaseTimeouts:
        return DatabaseTimeouts(
            checkout=self._seconds(CHECKOUT_SECONDS) or connect_timeout,
            statement=self._seconds(STATEMENT_SECONDS),
            lock=self._seconds(LOCK_SECONDS),
        )

    def _seconds(self, key: str) -> float | None:
        value = (self.env.get(key) or "").strip()
        try:
            return float(value) if value else None
        except ValueError:
            raise OSError(f"'{key}' must be a number of seconds or empty: {value!r}") from None
