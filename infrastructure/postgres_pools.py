"""PostgreSQL connection pools that notice an outage fast and recover by themselves.

psycopg_pool's defaults suit a server that never goes away: a connection lost
is re-made in the background with a pause that doubles up to five minutes, so
after an outage a pool may wait tens of seconds before it tries again, and
each dead connection found on checkout costs a growing pause. Here

- a lost connection is retried for about the checkout timeout only; then the
  pool gives up and makes a new one as soon as a caller asks (at once, when the
  server is back);
- a connection that fails the checkout check means the server dropped the
  others too (a restart, a failover): they are all replaced at once;
- every session gets the caller's statement and lock timeouts.
"""

from __future__ import annotations

import weakref
from typing import Any, TypeVar

from psycopg import Connection
from psycopg_pool import ConnectionPool

from infrastructure.database_timeouts import DatabaseTimeouts

P = TypeVar("P", bound=ConnectionPool[Any])


class _ReplaceAllWhenOneIsDead:
    """The checkout check (one round trip); on failure the pool is drained."""

    def __init__(self) -> None:
        self.pool: weakref.ref[ConnectionPool[Any]] | None = None

    def __call__(self, connection: Connection[Any]) -> None:
        try:
            ConnectionPool.check_connection(connection)
        except Exception:
            pool = self.pool() if self.pool is not None else None
            if pool is not None:
                pool.drain()
            raise


def connection_kwargs(kwargs: dict[str, Any], timeouts: DatabaseTimeouts) -> dict[str, Any]:
    """libpq parameters with the caller's connect, statement and lock timeouts."""
    options = [o for o in (kwargs.get("options"), *timeouts.session_options()) if o]
    merged = {**kwargs, "connect_timeout": timeouts.connect_seconds}
    if options:
        merged["options"] = " ".join(options)
    return merged


def bounded_pool(pool_class: type[P], timeouts: DatabaseTimeouts, **arguments: Any) -> P:
    """A pool of `pool_class` whose waits are bounded by `timeouts`."""
    check = _ReplaceAllWhenOneIsDead()
    pool = pool_class(
        kwargs=connection_kwargs(arguments.pop("kwargs", {}), timeouts),
        timeout=timeouts.checkout,
        reconnect_timeout=timeouts.checkout,
        check=check,
        **arguments,
    )
    check.pool = weakref.ref(pool)
    return pool
