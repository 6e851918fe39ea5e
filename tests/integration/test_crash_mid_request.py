"""SIGKILL the server with requests in flight, start it again, retry every key:
each request either gets back what its command recorded, or runs once — within
the reservation's lease, not after 24 hours of `409 idempotency-in-progress`."""

from __future__ import annotations

import os
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support.factories import registration_body
from tests.support.server import running_server

LEASE_SECONDS = "2"


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        return str(request.getfixturevalue("clean_postgres"))
    return f"sqlite:///{tmp_path / 'laborbridge.db'}"


@dataclass
class Call:
    key: str
    path: str
    body: dict[str, Any]
    answer: httpx.Response | None = None


def _calls(client: httpx.Client) -> list[Call]:
    """Registrations (a second run would answer 409) and support services on
    workers registered beforehand (a second run would record a second visit)."""
    calls = [
        Call(f"register-{i}", "/api/v1/workers", registration_body(name="冉光明"))
        for i in range(40)
    ]
    for i in range(40):
        worker = client.post("/api/v1/workers", json=registration_body())
        assert worker.status_code == 201, worker.text
        calls.append(
            Call(
                f"visit-{i}",
                f"/api/v1/workers/{worker.json()['id']}/support-services",
                {"kind": "holiday_visit", "description": "春节慰问"},
            )
        )
    return calls


def _send(client: httpx.Client, call: Call) -> httpx.Response:
    return client.post(call.path, json=call.body, headers={"Idempotency-Key": call.key})


def _fire_and_kill(base_url: str, token: str, calls: list[Call], pid: int) -> None:
    """16 clients send every call; the server is killed once a third are answered."""
    answered = threading.Event()
    lock = threading.Lock()
    done: list[Call] = []

    def run(call: Call) -> None:
        with httpx.Client(base_url=base_url, headers=_auth(token), timeout=10) as client:
            try:
                call.answer = _send(client, call)
            except httpx.TransportError:
                return
        with lock:
            done.append(call)
            if len(done) >= len(calls) // 3:
                answered.set()

    with ThreadPoolExecutor(max_workers=16) as pool:
        for call in calls:
            pool.submit(run, call)
        assert answered.wait(timeout=60)
        os.kill(pid, signal.SIGKILL)


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _retry_until_answered(client: httpx.Client, call: Call) -> httpx.Response:
    deadline = time.monotonic() + 30  # far beyond the lease: a stranded key fails
    while True:
        response = _send(client, call)
        if response.status_code != 409 or "in-progress" not in response.text:
            return response
        assert time.monotonic() < deadline, f"{call.key} is still reserved"
        time.sleep(float(response.headers.get("retry-after", "1")))


def test_requests_in_flight_when_the_server_is_killed_run_once_on_retry(
    database_url: str, tmp_path: Path
) -> None:
    log = tmp_path / "server.log"
    with running_server(database_url, log, idempotency_lease_seconds=LEASE_SECONDS) as first:
        token = first.create_token("caseworker")
        with httpx.Client(base_url=first.base_url, headers=_auth(token), timeout=10) as client:
            calls = _calls(client)
        _fire_and_kill(first.base_url, token, calls, first.pid)
    unanswered = [call for call in calls if call.answer is None]
    assert unanswered, "the server was killed after every request was answered"

    with (
        running_server(database_url, log, idempotency_lease_seconds=LEASE_SECONDS) as second,
        httpx.Client(base_url=second.base_url, headers=_auth(token), timeout=10) as client,
    ):
        retries = {call.key: _retry_until_answered(client, call) for call in calls}
        for call in calls:
            retry = retries[call.key]
            assert retry.status_code == (201 if call.key.startswith("register") else 200), (
                call.key,
                retry.text,
            )
            if call.answer is not None:
                assert retry.headers["idempotent-replayed"] == "true"
                assert retry.json() == call.answer.json()
            events = client.get(f"/api/v1/workers/{retry.json()['id']}/events").json()["events"]
            expected = 1 if call.key.startswith("register") else 2  # registered, one visit
            assert len(events) == expected, (call.key, [e["type"] for e in events])
