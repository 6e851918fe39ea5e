"""The figures /metrics reads from the database and the connection pools when
Prometheus scrapes: the log's head, each reader's position, lag and state,
and each pool's connections in use and callers waiting.

Read at scrape time, not counted as things happen: several API processes on
one database then agree on the log's figures, and a reader that stopped is
seen as stopped even by a process that did not run it."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

import structlog
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from psycopg_pool import ConnectionPool

from infrastructure.service_progress import Progress, ServiceProgress

log = structlog.get_logger()

PREFIX = "laborbridge_"


class ServiceCollector(Collector):
    def __init__(
        self,
        progress: Callable[[], ServiceProgress],
        pools: Mapping[str, Callable[[], ConnectionPool[Any] | None]],
    ) -> None:
        """`progress`: reads the readers' positions (raises when the database
        does not answer); `pools`: each named pool, or None (SQLite has none)."""
        self.progress = progress
        self.pools = pools

    def collect(self) -> Iterator[Metric]:
        up = GaugeMetricFamily(PREFIX + "database_up", "1 when the database answered this scrape")
        try:
            progress = self.progress()
        except Exception as error:  # a scrape during an outage still answers
            log.warning("metrics_database_unavailable", error=type(error).__name__)
            up.add_metric([], 0)
            yield up
        else:
            up.add_metric([], 1)
            yield up
            yield from _progress_metrics(progress)
        yield from _pool_metrics(self.pools)


def _progress_metrics(progress: ServiceProgress) -> Iterator[Metric]:
    head = GaugeMetricFamily(
        PREFIX + "event_log_position", "The event log's last position (all processes' appends)"
    )
    head.add_metric([], progress.log_position)
    yield head
    for kind, readers in (("read_model", progress.read_models), ("process", progress.processes)):
        yield from _reader_metrics(kind, readers)


def _reader_metrics(kind: str, readers: Mapping[str, Progress]) -> Iterator[Metric]:
    what = "read model" if kind == "read_model" else "log-following process"
    position = GaugeMetricFamily(
        f"{PREFIX}{kind}_position", f"The last log position each {what} applied", labels=[kind]
    )
    lag = GaugeMetricFamily(
        f"{PREFIX}{kind}_lag_events", f"Events in the log each {what} has not applied yet",
        labels=[kind],
    )  # fmt: skip
    stopped = GaugeMetricFamily(
        f"{PREFIX}{kind}_stopped",
        f"1 when the {what} stopped on an event it could not apply (see /ready)",
        labels=[kind],
    )
    for name, reader in sorted(readers.items()):
        position.add_metric([name], reader.position)
        lag.add_metric([name], reader.lag)
        stopped.add_metric([name], 0 if reader.stopped_at is None else 1)
    yield from (position, lag, stopped)


def _pool_metrics(
    pools: Mapping[str, Callable[[], ConnectionPool[Any] | None]],
) -> Iterator[Metric]:
    connections = GaugeMetricFamily(
        PREFIX + "db_pool_connections",
        "Connections of each pool, in use or idle",
        labels=["pool", "state"],
    )
    maximum = GaugeMetricFamily(
        PREFIX + "db_pool_max_connections", "Each pool's largest size", labels=["pool"]
    )
    waiting = GaugeMetricFamily(
        PREFIX + "db_pool_waiting", "Callers waiting for a connection now", labels=["pool"]
    )
    timeouts = CounterMetricFamily(
        PREFIX + "db_pool_checkout_timeouts",
        "Callers that gave up waiting for a connection (answered 503)",
        labels=["pool"],
    )
    for name, pool_of in sorted(pools.items()):
        pool = pool_of()
        if pool is None:
            continue
        stats = pool.get_stats()
        size, idle = stats.get("pool_size", 0), stats.get("pool_available", 0)
        connections.add_metric([name, "in_use"], max(size - idle, 0))
        connections.add_metric([name, "idle"], idle)
        maximum.add_metric([name], stats.get("pool_max", 0))
        waiting.add_metric([name], stats.get("requests_waiting", 0))
        timeouts.add_metric([name], stats.get("requests_errors", 0))
    yield from (connections, maximum, waiting, timeouts)


def pool_of(database: object) -> ConnectionPool[Any] | None:
    """A database's psycopg pool; None for SQLite (no pool to watch)."""
    pool = getattr(database, "pool", None)
    return pool if isinstance(pool, ConnectionPool) else None


def event_store_pool(journey: object) -> ConnectionPool[Any] | None:
    """The event store's pool (the library's datastore), on PostgreSQL."""
    return pool_of(getattr(getattr(journey, "recorder", None), "datastore", None))
