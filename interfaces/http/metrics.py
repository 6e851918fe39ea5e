"""/metrics in Prometheus' text format: what operators watch.

Counted in this process as things happen: requests by route template, method
and status, their latency, events this process appended, idempotent replays.
Read from the database at scrape time (infrastructure/metrics_collector.py):
the log's head, each reader's position, lag and state, the pools.

Routes are labelled by template (`/api/v1/workers/{worker_id}`) and a path no
route matched by `unmatched`: a label never holds a path as sent, which may
carry personal data, and the number of series stays bounded."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram
from prometheus_client.exposition import generate_latest
from prometheus_client.registry import Collector

UNMATCHED = "unmatched"
# Seconds; the latency target (p99 ≤ 50 ms) falls on a bucket edge.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    """One registry per application (tests run several in one process)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "laborbridge_http_requests",
            "HTTP requests answered, by route template, method and status",
            ["route", "method", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "laborbridge_http_request_duration_seconds",
            "Time to answer, by route template and method",
            ["route", "method"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.events = Counter(
            "laborbridge_events_appended",
            "Events this process appended to the event log",
            registry=self.registry,
        )
        self.replays = Counter(
            "laborbridge_idempotency_replays",
            "Answers replayed for a repeated Idempotency-Key instead of running the command again",
            registry=self.registry,
        )

    def observe(self, route: str | None, method: str, status: int, seconds: float) -> None:
        template = route or UNMATCHED
        self.requests.labels(template, method, str(status)).inc()
        self.latency.labels(template, method).observe(seconds)

    def appended(self, events: int) -> None:
        self.events.inc(events)

    def replayed(self) -> None:
        self.replays.inc()

    def add(self, collector: Collector) -> None:
        self.registry.register(collector)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


router = APIRouter(tags=["operations"])


@router.get("/metrics", include_in_schema=False)
def metrics(request: Request) -> Response:
    """For Prometheus; like /ready it needs no token and holds no personal data.
    Expose it to the monitoring network only (docs/operations.md)."""
    found: Metrics = request.app.state.metrics
    return Response(found.exposition(), media_type=CONTENT_TYPE_LATEST)
