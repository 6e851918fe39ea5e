"""PostgreSQL over real HTTP: many clients hammer one record at once.

Every command either lands exactly once or is refused with 409/412; versions
stay gap-free; nothing acknowledged is lost and nothing is doubled.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from uuid import UUID

import httpx
import psycopg
import pytest

from application.journey import Journey
from infrastructure.persistence import event_store_env
from tests.conftest import TEST_SECRET, settings_for
from tests.support.factories import registration_body
from tests.support.server import Server, running_server
from tests.support.subsidies import facts_from_log, transferred_worker

CLIENTS = 8
COMMANDS_PER_CLIENT = 6


@pytest.fixture
def server(clean_postgres: str, tmp_path: Path) -> Iterator[Server]:
    with running_server(clean_postgres, tmp_path / "server.log") as server:
        yield server


def _hammer(
    server: Server, path: str, body_for: object, use_if_match: bool
) -> list[tuple[str, int]]:
    token = server.create_token("caseworker")
    barrier = threading.Barrier(CLIENTS)
    outcomes: list[tuple[str, int]] = []
    lock = threading.Lock()

    def client(n: int) -> None:
        with httpx.Client(
            base_url=server.base_url, timeout=30, headers={"Authorization": f"Bearer {token}"}
        ) as http:
            barrier.wait()
            for i in range(COMMANDS_PER_CLIENT):
                label = f"client-{n}-command-{i}"
                headers = {}
                if use_if_match:
                    headers["If-Match"] = http.get(path.rsplit("/", 1)[0]).headers["etag"]
                response = http.post(path, json=body_for(label), headers=headers)  # type: ignore[operator]
                with lock:
                    outcomes.append((label, response.status_code))

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return outcomes


@pytest.mark.parametrize("use_if_match", [False, True])
def test_concurrent_commands_land_once_or_are_refused(server: Server, use_if_match: bool) -> None:
    token = server.create_token("caseworker", user="setup")
    headers = {"Authorization": f"Bearer {token}"}
    created = httpx.post(
        f"{server.base_url}/api/v1/workers", json=registration_body(), headers=headers
    )
    worker = f"/api/v1/workers/{created.json()['id']}"

    outcomes = _hammer(
        server,
        f"{worker}/support-services",
        lambda label: {"kind": "job_matching", "description": label},
        use_if_match,
    )

    statuses = Counter(status for _, status in outcomes)
    assert set(statuses) <= {200, 409, 412}, statuses
    assert statuses[200] >= 1
    events = httpx.get(f"{server.base_url}{worker}/events", headers=headers).json()["events"]
    assert [e["version"] for e in events] == list(range(1, len(events) + 1))
    recorded = Counter(e["payload"]["description"] for e in events[1:])
    landed = {label for label, status in outcomes if status == 200}
    assert set(recorded) == landed  # every acknowledged write is there ...
    assert all(count == 1 for count in recorded.values())  # ... exactly once
    worker_now = httpx.get(f"{server.base_url}{worker}", headers=headers)
    assert worker_now.headers["etag"] == f'"{len(events)}"'
    assert len(worker_now.json()["support_services"]) == len(landed)


def test_racing_month_confirmations_confirm_each_month_exactly_once(server: Server) -> None:
    token = server.create_token("caseworker", user="setup")
    headers = {"Authorization": f"Bearer {token}"}
    api = f"{server.base_url}/api/v1"
    registration = registration_body(occurred_on="2026-01-02")  # before the placement starts
    worker_id = httpx.post(f"{api}/workers", json=registration, headers=headers).json()["id"]
    placement = httpx.post(
        f"{api}/placements",
        headers=headers,
        json={
            "worker_id": worker_id,
            "employer_name": "烟台海晟食品有限公司",
            "employer_code": "91370600MA3C1A2B38",
            "workplace_division": "370613",
            "position": "普工",
            "monthly_wage": "5200.00",
            "contract_type": "fixed_term",
            "kind": "cross_province",
            "start_date": "2026-01-05",
        },
    )
    assert placement.status_code == 201, placement.text
    path = f"/api/v1/placements/{placement.json()['id']}/months"
    months = [f"2026-{m:02d}" for m in range(1, COMMANDS_PER_CLIENT + 1)]

    # Every client tries every month, in its own order.
    outcomes = _hammer(
        server,
        path,
        lambda label: {
            "month": months[int(label.split("-")[-1])],
            "evidence": "payroll",
            "occurred_on": "2026-10-08",
        },
        use_if_match=False,
    )

    assert Counter(status for _, status in outcomes) == {
        200: len(months),
        409: CLIENTS * len(months) - len(months),
    }
    events = httpx.get(f"{api}/placements/{placement.json()['id']}/events", headers=headers).json()[
        "events"
    ]
    assert [e["version"] for e in events] == list(range(1, len(months) + 2))
    assert sorted(e["payload"]["month"] for e in events[1:]) == months


def test_racing_evaluations_over_http_record_each_subsidy_once(
    server: Server, clean_postgres: str
) -> None:
    """Eight clients ask for an evaluation of the same worker at once, while the
    server's own policy process evaluates it too: each entitlement once."""
    journey = Journey(
        env=event_store_env(settings_for(clean_postgres)), identity_key=TEST_SECRET.encode()
    )
    worker_id = transferred_worker(journey, months=6).worker_id
    journey.close()
    token = server.create_token("caseworker")
    barrier = threading.Barrier(CLIENTS)
    statuses: list[int] = []

    def client() -> None:
        with httpx.Client(
            base_url=server.base_url, timeout=30, headers={"Authorization": f"Bearer {token}"}
        ) as http:
            barrier.wait()
            response = http.post("/api/v1/subsidies/evaluation", params={"worker_id": worker_id})
            statuses.append(response.status_code)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)

    assert set(statuses) <= {200, 409}, statuses
    assert statuses.count(200) >= 1
    with psycopg.connect(clean_postgres) as connection:
        assessed = [
            UUID(str(row[0]))
            for row in connection.execute(
                "SELECT originator_id FROM laborbridge_events WHERE topic LIKE %s",
                ("%:Subsidy.Assessed",),
            )
        ]
    assert len(assessed) == 8
    journey = Journey(
        env=event_store_env(settings_for(clean_postgres)), identity_key=TEST_SECRET.encode()
    )
    try:
        # Exactly what the rules give the worker's history: evaluating it again
        # changes nothing; and no racing evaluation changed what another recorded.
        assert journey.subsidy_changes(facts_from_log(journey, worker_id)) == []
        assert [journey.subsidy(s).version for s in assessed] == [1] * 8
    finally:
        journey.close()
