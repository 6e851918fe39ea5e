"""What an outage costs a caller: `laborbridge serve` over HTTP on a PostgreSQL
cluster of this script's own (initdb in a temporary directory, another port),
which it stops, locks and starts again. Never touches the shared server.

Prints, for a command (POST /workers), a query (GET /workers/{id}) and /ready:
  - the time to answer, and the status, with PostgreSQL stopped;
  - the same with the events table locked (ACCESS EXCLUSIVE) by another session;
  - after PostgreSQL starts again: the time until a command succeeds, and
    until the read models have caught up with it (/ready lag 0).

    .venv/bin/python bench/outage.py [--outage SECONDS]   # default 30

It prints figures only; nothing here asserts on timings.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import psycopg

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from bench.registrations import IdNumbers, registration_body  # noqa: E402
from devtools.server import running_server  # noqa: E402
from devtools.throwaway_postgres import postgres_bin, throwaway_cluster  # noqa: E402

SECRET_KEY = "bench-secret-key-0123456789abcdef"  # a throwaway database

PATIENCE = 120.0  # the client waits this long: a hang shows as a long time, not an error
LOCK_HELD = 30.0  # a caller gives up after this long while the table is locked


def timed(call: Callable[[], httpx.Response]) -> str:
    started = time.monotonic()
    try:
        response = call()
        outcome = f"{response.status_code} Retry-After={response.headers.get('retry-after')}"
    except httpx.HTTPError as error:
        outcome = type(error).__name__
    return f"{time.monotonic() - started:6.2f} s  {outcome}"


def until(condition: Callable[[], bool], deadline: float = PATIENCE) -> float:
    started = time.monotonic()
    while time.monotonic() - started < deadline:
        try:
            if condition():
                return time.monotonic() - started
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    # Backoffs grow with the outage: the longer it lasts, the later a retry.
    parser.add_argument("--outage", type=float, default=30.0, help="seconds PostgreSQL is down")
    outage = parser.parse_args().outage
    bin_dir = postgres_bin()
    if bin_dir is None:
        sys.exit("no PostgreSQL binaries (initdb) found")
    with throwaway_cluster(bin_dir) as cluster, tempfile.TemporaryDirectory() as tmp:
        with psycopg.connect(cluster.url(), autocommit=True) as admin:
            admin.execute("CREATE DATABASE outage")
        url = cluster.url("outage")
        with running_server(url, Path(tmp) / "server.log", SECRET_KEY) as server:
            token = server.create_token("caseworker")
            client = httpx.Client(
                base_url=server.base_url,
                headers={"Authorization": f"Bearer {token}"},
                timeout=PATIENCE,
                limits=httpx.Limits(max_keepalive_connections=0),
            )
            ids = IdNumbers()
            worker = client.post("/api/v1/workers", json=registration_body(ids.next()))
            worker_id = worker.json()["id"]

            def command() -> httpx.Response:
                return client.post("/api/v1/workers", json=registration_body(ids.next()))

            def query() -> httpx.Response:
                return client.get(f"/api/v1/workers/{worker_id}")

            def ready() -> httpx.Response:
                return client.get("/ready")

            def caught_up() -> bool:
                answer = ready()
                return answer.status_code == 200 and all(
                    m["lag"] == 0 for m in answer.json()["read_models"].values()
                )

            until(caught_up)
            print("PostgreSQL stopped:")
            cluster.stop()
            stopped = time.monotonic()
            print(f"  command  {timed(command)}")
            print(f"  query    {timed(query)}")
            print(f"  /ready   {timed(ready)}")
            time.sleep(max(0.0, outage - (time.monotonic() - stopped)))
            cluster.start()
            restarted = time.monotonic()
            print(f"PostgreSQL started again after {time.monotonic() - stopped:.0f} s:")
            written = until(lambda: command().status_code == 201)
            print(f"  a command succeeds after        {written:6.2f} s")
            caught = until(caught_up)
            print(
                f"  read models caught up after     {time.monotonic() - restarted:6.2f} s"
                f" ({caught:.2f} s after that command)"
            )
            print("events table locked by another session:")
            client.timeout = httpx.Timeout(LOCK_HELD)
            with psycopg.connect(url) as locker:
                locker.execute("LOCK TABLE laborbridge_events IN ACCESS EXCLUSIVE MODE")
                print(f"  command  {timed(command)}")
                print(f"  query    {timed(query)}")
                locker.rollback()
            print(f"  then a command {timed(command)}")
            client.close()


if __name__ == "__main__":
    main()
