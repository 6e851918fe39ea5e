"""An outage answers fast and honestly: `laborbridge serve` over real HTTP while
its database is stopped, locked or busy, and after it comes back.

PostgreSQL: a cluster of this module's own (initdb into a temporary directory,
another port), so stopping it disturbs no other test and never the shared
server. The client waits 4 × the documented bound: a request that hangs
instead of answering 503 fails the test (a correctness bound, not a benchmark).
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import psycopg
import pytest

from devtools.throwaway_postgres import Cluster, postgres_bin, throwaway_cluster
from infrastructure.settings import Settings
from tests.support.factories import registration_body
from tests.support.problems import problem
from tests.support.server import Server, running_server

BOUND = float(Settings.model_fields["database_timeout_seconds"].default)
PATIENCE = 4 * BOUND
EVENTS_TABLE = "laborbridge_events"


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    bin_dir = postgres_bin()
    if bin_dir is None:
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail("PostgreSQL binaries (initdb, pg_ctl) are required (REQUIRE_POSTGRES=1)")
        pytest.skip("no PostgreSQL binaries (initdb, pg_ctl) to start a cluster of our own")
    with throwaway_cluster(bin_dir) as cluster:
        with psycopg.connect(cluster.url(), autocommit=True) as admin:
            admin.execute("CREATE DATABASE laborbridge")
        yield cluster


@pytest.fixture
def server(cluster: Cluster, tmp_path: Path) -> Iterator[Server]:
    with running_server(cluster.url("laborbridge"), tmp_path / "server.log") as server:
        yield server


def _client(server: Server) -> httpx.Client:
    token = server.create_token("caseworker")
    return httpx.Client(
        base_url=server.base_url, headers={"Authorization": f"Bearer {token}"}, timeout=PATIENCE
    )


def _unavailable(response: httpx.Response, *, leaks: tuple[str, ...] = ()) -> None:
    body = problem(response, 503)
    assert body["type"] == "/problems/database-unavailable"
    assert int(response.headers["Retry-After"]) >= 1
    for secret in ("SELECT", "LOCK", "INSERT", "127.0.0.1", *leaks):
        assert secret not in response.text


def _eventually(condition: Callable[[], bool], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def _registered(client: httpx.Client) -> str:
    response = client.post("/api/v1/workers", json=registration_body())
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def _caught_up(client: httpx.Client) -> bool:
    ready = client.get("/ready")
    return ready.status_code == 200 and all(
        model["lag"] == 0 for model in ready.json()["read_models"].values()
    )


@pytest.mark.postgres
def test_with_postgres_stopped_commands_queries_and_ready_answer_503_within_the_bound(
    cluster: Cluster, server: Server
) -> None:
    with _client(server) as client:
        worker = _registered(client)
        cluster.stop()

        leaks = (str(cluster.port), "postgres@")
        _unavailable(client.post("/api/v1/workers", json=registration_body()), leaks=leaks)
        _unavailable(client.get(f"/api/v1/workers/{worker}"), leaks=leaks)
        # Idempotency-Key is reserved before the route runs: 503 all the same, and
        # the connection stays open for the next request.
        retried = {"Idempotency-Key": "outage-1"}
        _unavailable(client.post("/api/v1/workers", json=registration_body(), headers=retried))
        ready = client.get("/ready")
        assert ready.status_code == 503
        assert int(ready.headers["Retry-After"]) >= 1
        # The operators' figures still answer, and say what happened.
        figures = client.get("/metrics")
        assert figures.status_code == 200
        assert "laborbridge_database_up 0.0" in figures.text
        # Answered before routing (the token could not be checked): no template.
        assert 'method="POST",route="unmatched",status="503"' in figures.text


@pytest.mark.postgres
def test_with_the_events_table_locked_a_command_and_a_read_answer_503_then_succeed(
    cluster: Cluster, server: Server
) -> None:
    with _client(server) as client:
        worker = _registered(client)
        with psycopg.connect(cluster.url("laborbridge")) as locker:
            locker.execute(f"LOCK TABLE {EVENTS_TABLE} IN ACCESS EXCLUSIVE MODE")

            _unavailable(client.post("/api/v1/workers", json=registration_body()))
            _unavailable(client.get(f"/api/v1/workers/{worker}"))

            locker.rollback()
        _registered(client)
        assert client.get(f"/api/v1/workers/{worker}").status_code == 200


@pytest.mark.postgres
def test_after_postgres_returns_commands_succeed_and_read_models_catch_up_without_a_restart(
    cluster: Cluster, server: Server
) -> None:
    with _client(server) as client:
        _registered(client)
        _eventually(lambda: _caught_up(client))
        cluster.stop()
        _unavailable(client.post("/api/v1/workers", json=registration_body()))
        _unavailable(client.get("/api/v1/workers"))

        cluster.start()
        # Generous deadlines: this checks that it recovers, bench/outage.py how fast.
        _eventually(lambda: client.post("/api/v1/workers", json=registration_body()).is_success)
        _eventually(lambda: _caught_up(client))
        assert len(client.get("/api/v1/workers").json()["items"]) == 2


def test_sqlite_locked_past_the_bound_answers_503_then_the_command_succeeds(
    tmp_path: Path,
) -> None:
    path = tmp_path / "data" / "laborbridge.db"
    with (
        running_server(f"sqlite:///{path}", tmp_path / "server.log") as server,
        _client(server) as client,
    ):
        _registered(client)
        writer = sqlite3.connect(path, isolation_level=None)
        try:
            writer.execute("BEGIN IMMEDIATE")  # holds the write lock

            _unavailable(client.post("/api/v1/workers", json=registration_body()))

            writer.execute("ROLLBACK")
        finally:
            writer.close()
        _registered(client)
